/**
 * Completes the published OpenAPI document from the code the server runs: roles from {@code @RolesAllowed}, the
 * problem responses each operation can give, the {@code Idempotency-Key} header, public pages without security.
 */
package eu.consent.web.openapi;
