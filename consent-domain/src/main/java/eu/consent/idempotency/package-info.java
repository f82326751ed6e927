/**
 * Idempotency keys: the first answer to a write request made with a key is kept, so that a client retrying after a
 * timeout gets the same answer instead of a second effect.
 */
package eu.consent.idempotency;
