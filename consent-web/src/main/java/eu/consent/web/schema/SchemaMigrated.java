package eu.consent.web.schema;

/** Fired once the schema is up to date at start, before any request is served; {@code applied} migrations ran now. */
public record SchemaMigrated(int applied) {}
