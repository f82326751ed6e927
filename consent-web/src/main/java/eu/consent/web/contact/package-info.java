/** {@code /api/v1/contacts}: create, read, look up by identifier, merge-patch, and report activity. */
package eu.consent.web.contact;
