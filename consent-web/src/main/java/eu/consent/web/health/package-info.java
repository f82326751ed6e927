/** Start-up and health: the schema is migrated before the first request, and readiness means the database answers. */
package eu.consent.web.health;
