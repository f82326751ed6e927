package eu.consent.shared;

/** An upload would take disk space the service must keep (for opt-outs above all); the web layer answers 507. */
public final class InsufficientStorageException extends DomainException {

    public InsufficientStorageException(String message) {
        super(message);
    }
}
