package eu.consent.purpose;

/** How a message reaches a person; each has its own legal regime. */
public enum Channel {
    EMAIL,
    SMS,
    PHONE,
    POSTAL,
    SOCIAL_ADS,
    PUSH
}
