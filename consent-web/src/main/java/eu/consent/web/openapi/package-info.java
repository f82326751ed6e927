/**
 * Completes the published OpenAPI document from the code the server runs: roles from {@code @RolesAllowed}, the
 * problem responses each operation can give (406 from {@code @Produces}), the {@code Idempotency-Key} header, public
 * pages without security and with the answers JAX-RS gives around them.
 */
package eu.consent.web.openapi;
