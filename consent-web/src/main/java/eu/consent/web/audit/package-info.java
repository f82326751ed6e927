/** {@code /api/v1/audit}: the hash-chained audit trail, paged, and its verification. */
package eu.consent.web.audit;
