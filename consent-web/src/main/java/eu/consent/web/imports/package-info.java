/** Bulk imports (upload, progress, rejected rows) and the streamed export of contacts with their consent states. */
package eu.consent.web.imports;
