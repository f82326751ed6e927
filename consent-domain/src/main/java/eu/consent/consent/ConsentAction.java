package eu.consent.consent;

/** What a consent event does. CONFIRM is written only by the double opt-in confirmation, never by a client. */
public enum ConsentAction {
    GRANT,
    CONFIRM,
    WITHDRAW,
    OBJECT
}
