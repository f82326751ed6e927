/**
 * The recipients' public pages, reached from a message without a login: the signed token in the link is the
 * credential. A GET only shows (mail scanners fetch links); a change is always a POST.
 */
package eu.consent.web.pages;
