/**
 * Outgoing mail through a transactional outbox: messages are queued in the transaction that needs them and relayed
 * to the SMTP server afterwards, with retries, so that an SMTP outage delays a message but never loses one (nor the
 * consent it belongs to).
 */
package eu.consent.mail;
