/**
 * The database schema as versioned SQL scripts listed in {@code db/migration/index.txt}, applied in order at start-up
 * by Liquibase (one changeSet per script), and taken over from the migrator of version 0.1.
 */
package eu.consent.schema;
