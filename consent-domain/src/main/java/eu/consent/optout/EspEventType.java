package eu.consent.optout;

/** What an email service provider reports about an address. */
public enum EspEventType {
    HARD_BOUNCE,
    SOFT_BOUNCE,
    COMPLAINT,
    UNSUBSCRIBE
}
