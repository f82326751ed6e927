package eu.consent.imports;

/** The two file formats an import reads. */
public enum ImportFormat {
    CSV,
    NDJSON
}
