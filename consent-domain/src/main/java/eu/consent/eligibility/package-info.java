/**
 * "May I send?": the rules as a policy that is data (per jurisdiction), a pure engine that applies a policy to the
 * facts of one recipient, and the services that gather those facts from the database, one at a time or in bulk.
 */
package eu.consent.eligibility;
