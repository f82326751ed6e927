/**
 * RFC 9457 problem details: the one place where failures become HTTP answers, so that {@code /api/v1} never answers
 * with a stack trace or an HTML page.
 */
package eu.consent.web.problem;
