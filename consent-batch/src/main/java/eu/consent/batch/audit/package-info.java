/**
 * The {@code audit-verify} job: walks the audit chain from the last verified anchor (or from the start, with
 * {@code full=true}), moves the anchor forward chunk by chunk, and exports the verified head, signed, outside the
 * database.
 */
package eu.consent.batch.audit;
