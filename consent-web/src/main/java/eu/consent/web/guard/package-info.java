/**
 * Guards of the internal API against browsers: a page of another site must not reach {@code /api/v1} with credentials
 * the browser cached, and every write must say what it sends in a type the endpoint declares.
 */
package eu.consent.web.guard;
