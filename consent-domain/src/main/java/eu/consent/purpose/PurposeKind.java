package eu.consent.purpose;

/** Commercial prospecting needs a legal basis of its own; service messages rest on the contract. */
public enum PurposeKind {
    PROSPECTING,
    SERVICE
}
