/**
 * Opt-outs that are never lost: signed unsubscribe links, the unsubscribe itself (one click or with feedback), ESP
 * bounce and complaint events, and the opt-out log that statistics count.
 */
package eu.consent.optout;
