package eu.consent.contact;

/** Consumers and businesses follow different regimes: opt-in for B2C, opt-out for B2B. */
public enum Audience {
    B2C,
    B2B
}
