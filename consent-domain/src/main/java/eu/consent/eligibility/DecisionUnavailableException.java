package eu.consent.eligibility;

/** The database could not answer: a decision fails closed (503), it never defaults to "allowed". */
public class DecisionUnavailableException extends RuntimeException {

    public DecisionUnavailableException(Throwable cause) {
        super("decisions are unavailable: the database does not answer", cause);
    }
}
