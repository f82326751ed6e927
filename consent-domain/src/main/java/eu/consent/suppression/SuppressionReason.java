package eu.consent.suppression;

/** Why an identifier is blocked. */
public enum SuppressionReason {
    UNSUBSCRIBED,
    COMPLAINT,
    HARD_BOUNCE,
    DNC_REGISTRY,
    MANUAL,
    ERASED
}
