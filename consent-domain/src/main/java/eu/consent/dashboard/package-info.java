/** The operators' dashboard: aggregate counts over opt-outs, sends, consents, suppressions and retention, no PII. */
package eu.consent.dashboard;
