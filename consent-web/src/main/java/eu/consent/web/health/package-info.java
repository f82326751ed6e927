/** Health: liveness of the process, and readiness meaning the schema is migrated and the database answers now. */
package eu.consent.web.health;
