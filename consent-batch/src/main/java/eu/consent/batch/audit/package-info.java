/**
 * The {@code audit-verify} job: walks the audit chain from the last verified anchor (or from the start, with
 * {@code full=true}) and moves the anchor forward chunk by chunk.
 */
package eu.consent.batch.audit;
