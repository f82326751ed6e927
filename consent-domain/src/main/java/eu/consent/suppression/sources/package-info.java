/**
 * External suppression lists kept in step by full snapshots: an upload is staged (with a guard against truncated
 * files), then applied as a diff that only ever touches that source's own entries.
 */
package eu.consent.suppression.sources;
