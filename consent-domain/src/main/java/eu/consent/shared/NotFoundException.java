package eu.consent.shared;

/** The thing named by the caller does not exist (or no longer does, e.g. after an erasure). */
public final class NotFoundException extends DomainException {

    public NotFoundException(String what, Object id) {
        super(what + " " + id + " was not found");
    }

    /** Not found here, with why: {@code detail} says where the thing is reached instead. */
    public NotFoundException(String detail) {
        super(detail);
    }
}
