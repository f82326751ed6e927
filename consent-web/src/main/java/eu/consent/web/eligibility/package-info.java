/** {@code /api/v1/decisions}: "may I send?" for one recipient, or streamed for a whole campaign list. */
package eu.consent.web.eligibility;
