/**
 * Suppression lists: blocks on an identifier (kept as a keyed hash of the normalized email or phone) for a channel,
 * globally or for one purpose, with the reason and the list it came from.
 */
package eu.consent.suppression;
