package eu.consent.shared;

/** A failure the caller caused or can act on; the web layer maps each kind to its HTTP status. */
public abstract sealed class DomainException extends RuntimeException
        permits NotFoundException, ConflictException, InvalidInputException, InsufficientStorageException {

    protected DomainException(String message) {
        super(message, null, false, false);
    }
}
