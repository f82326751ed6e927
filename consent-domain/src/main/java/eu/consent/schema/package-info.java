/** The database schema as versioned SQL scripts, applied in order at start-up and recorded once each. */
package eu.consent.schema;
