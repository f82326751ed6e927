/** The listener every job names, so that a run's outcome reaches the audit trail, webhooks and metrics. */
package eu.consent.batch.monitoring;
