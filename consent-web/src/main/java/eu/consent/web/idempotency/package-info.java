/** The {@code Idempotency-Key} header on write requests: same key and body replay the first answer. */
package eu.consent.web.idempotency;
