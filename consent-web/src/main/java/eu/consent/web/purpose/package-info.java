/** {@code /api/v1/purposes}: purposes and their versioned, immutable notices. */
package eu.consent.web.purpose;
