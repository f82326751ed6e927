package eu.consent.consent;

/**
 * Fired in the transaction of a WITHDRAW or OBJECT recorded by a client (the API, a form, the preference centre's
 * switches) or an import, so the opt-out log counts it.
 *
 * @param imported whether an import wrote it: an import reports its rows per chunk, not one by one
 */
public record ConsentWithdrawn(ConsentEvent event, boolean imported) {}
