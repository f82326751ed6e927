/**
 * The retention jobs: {@code retention-purge}, {@code reactivation-flag} and {@code pending-expiry}. Each reads ids by
 * key in order and checkpoints the last one, so a stopped or crashed run restarts where its last chunk committed.
 */
package eu.consent.batch.retention;
