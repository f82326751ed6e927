/**
 * The audit trail: every change appends an entry naming when, who, what and which subject (by id, never by email),
 * hash-chained so that an edited or deleted entry is detectable.
 */
package eu.consent.audit;
