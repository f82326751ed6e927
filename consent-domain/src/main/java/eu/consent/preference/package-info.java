/**
 * What a person chose about how much they hear from us: a frequency cap per purpose, preferred channels, a pause;
 * and the sends the sending platforms report, which the caps count.
 */
package eu.consent.preference;
