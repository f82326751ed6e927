/** Application start-up: the schema is migrated before the first request, then {@link SchemaMigrated} is fired. */
package eu.consent.web.schema;
