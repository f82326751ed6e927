package eu.consent.consent;

/** Fired in the transaction of a WITHDRAW or OBJECT recorded through the API, so the opt-out log counts it. */
public record ConsentWithdrawn(ConsentEvent event) {}
