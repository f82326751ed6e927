package eu.consent.purpose;

/** What reaches a person on a channel, and what a suppressed identifier was before it was hashed. */
public enum IdentifierKind {
    EMAIL,
    PHONE,
    /** A postal address, normalized ({@code PostalAddresses}) before it is hashed. */
    POSTAL
}
