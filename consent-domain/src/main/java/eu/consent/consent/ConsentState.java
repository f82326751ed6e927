package eu.consent.consent;

/** The current answer for one contact, purpose and channel. */
public enum ConsentState {
    GRANTED,
    PENDING,
    WITHDRAWN,
    OBJECTED,
    NONE
}
