/**
 * The recipients' public pages, reached from a message without a login: the signed token in the link is the
 * credential. A GET only shows (mail scanners fetch links); a change is always a POST. Also the container's error
 * page, which answers the API's problem+json anywhere else and the person's own error page here.
 */
package eu.consent.web.pages;
