/**
 * Opt-out over HTTP: unsubscribe links and headers, the suppression lists, ESP events and opt-out statistics under
 * {@code /api/v1}; the recipient's unsubscribe page lives in {@code pages}.
 */
package eu.consent.web.optout;
