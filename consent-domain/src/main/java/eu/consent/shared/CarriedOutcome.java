package eu.consent.shared;

/**
 * A {@link DomainException} wrapped in a checked exception while it crosses the transaction interceptor, which
 * treats checked exceptions as application outcomes (no incident file). Never seen outside the two interceptors.
 */
final class CarriedOutcome extends Exception {

    private static final long serialVersionUID = 1L;

    CarriedOutcome(DomainException outcome) {
        super(outcome.getMessage(), outcome, false, false);
    }

    DomainException outcome() {
        return (DomainException) getCause();
    }
}
