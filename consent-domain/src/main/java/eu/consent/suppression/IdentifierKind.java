package eu.consent.suppression;

/** What a suppressed identifier was before it was hashed. */
public enum IdentifierKind {
    EMAIL,
    PHONE,
    /** A postal address, normalized ({@code PostalAddresses}) before it is hashed. */
    POSTAL
}
