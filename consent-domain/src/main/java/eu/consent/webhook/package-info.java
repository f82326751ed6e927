/**
 * Outgoing webhooks: subscriptions, a transactional outbox filled from the audit trail inside the transaction of each
 * change, and the relay that delivers it signed as the Standard Webhooks specification says, in order per contact.
 */
package eu.consent.webhook;
