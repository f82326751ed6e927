package eu.consent.optout;

/** Why a person left, when they say. */
public enum FeedbackReason {
    TOO_FREQUENT,
    NOT_RELEVANT,
    NEVER_SIGNED_UP,
    OTHER
}
