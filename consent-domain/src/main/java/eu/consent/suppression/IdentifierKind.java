package eu.consent.suppression;

/** What a suppressed identifier was before it was hashed. */
public enum IdentifierKind {
    EMAIL,
    PHONE
}
