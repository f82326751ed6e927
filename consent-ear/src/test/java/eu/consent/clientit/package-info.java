/**
 * The README's walk-through through a Java client generated at build time from the test server's own {@code /openapi}:
 * proof that the document is complete and true enough for a client to work from it alone.
 */
package eu.consent.clientit;
