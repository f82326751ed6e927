/** Consent receipts over HTTP: the signed receipt of an event for integrations and auditors, and the public keys. */
package eu.consent.web.receipt;
