/** Exports of contacts with their current consent states, read a page at a time so that memory stays bounded. */
package eu.consent.exports;
