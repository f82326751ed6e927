/**
 * Checks made while the application starts about how the server is deployed: the published development secrets are
 * refused as soon as the server can be reached from another machine.
 */
package eu.consent.web.deployment;
