/** The {@code suppression-resync} job: applies the staged snapshot of each external suppression source as a diff. */
package eu.consent.batch.resync;
