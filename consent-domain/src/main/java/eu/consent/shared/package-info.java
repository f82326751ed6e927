/**
 * What every feature shares: the domain's failures (not found, conflict, invalid input), cursor paging, the
 * transactional service stereotype and small value helpers.
 */
package eu.consent.shared;
