/**
 * What messages are for (purposes, prospecting or service) and on which channels, and the versioned, immutable notices
 * whose wording a consent was given to.
 */
package eu.consent.purpose;
