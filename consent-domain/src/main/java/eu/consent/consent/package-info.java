/**
 * The consent ledger: append-only events (grant, confirm, withdraw, object) with their proof, and the current state
 * per contact, purpose and channel derived from them — kept as a projection updated in the same transaction.
 */
package eu.consent.consent;
