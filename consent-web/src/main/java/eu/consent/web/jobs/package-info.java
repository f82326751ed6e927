/** {@code /api/v1/jobs}: start, inspect, stop and restart the batch jobs of {@code consent-batch}. */
package eu.consent.web.jobs;
