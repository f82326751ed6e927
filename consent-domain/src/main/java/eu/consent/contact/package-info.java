/**
 * The people we may contact: their identifiers (normalized email, E.164 phone, postal address), audience and customer
 * status, and the activities that prove they are still there ({@code lastActiveAt}).
 */
package eu.consent.contact;
