/**
 * Bulk imports of contacts with their consent evidence: uploads kept on disk until imported, records read from a byte
 * offset, rows validated and normalized, then written a chunk at a time in plain JDBC batches. Never re-subscribes: a
 * grant to a suppressed identifier, or older than the person's own withdrawal, is rejected with its reason.
 */
package eu.consent.imports;
