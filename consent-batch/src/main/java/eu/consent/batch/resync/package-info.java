/**
 * The {@code suppression-resync} job: a chunk step that reads each staged snapshot's diff (entries to add, entries to
 * remove, the source's end) and writes it a chunk per transaction, checkpointed, stoppable between chunks.
 */
package eu.consent.batch.resync;
