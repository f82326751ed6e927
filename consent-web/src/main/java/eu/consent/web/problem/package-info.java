/**
 * RFC 9457 problem details: where failures become HTTP answers (the container's own errors too, through the error
 * page in {@code pages}, which renders these), so that {@code /api/v1} never answers with a stack trace or an HTML
 * page.
 */
package eu.consent.web.problem;
