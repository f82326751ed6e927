/**
 * The operators' console under {@code /console/}: server-rendered pages (Mustache, FR/EN/DE/IT) for marketing, the DPO
 * and the admin, with a signed session cookie after a login against the server's user registry.
 */
package eu.consent.web.console;
