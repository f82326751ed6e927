/** {@code /api/v1/consents} and a contact's consents: record events with proof, read states and history. */
package eu.consent.web.consent;
