/**
 * Bulk imports of contacts with their consent evidence: uploads kept on disk until imported, records read from a byte
 * offset, rows validated and normalized, then a chunk at a time looked up ({@link eu.consent.imports.ChunkLoader}),
 * decided with the API's own rule objects ({@link eu.consent.imports.ImportRules}) and written in plain JDBC batches
 * through the entities' column mappings ({@link eu.consent.imports.ChunkStatements}). Never re-subscribes: a grant to a
 * suppressed identifier, or older than the person's own withdrawal, is rejected with its reason.
 */
package eu.consent.imports;
