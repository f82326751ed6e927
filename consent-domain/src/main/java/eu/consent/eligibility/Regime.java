package eu.consent.eligibility;

import eu.consent.consent.LegalBasis;

/** How prospecting by one channel to one audience is allowed in a jurisdiction, when no opt-out stands in the way. */
public enum Regime {
    /** Only with consent. */
    CONSENT(null, null),
    /** With consent, or for an existing customer about products similar to those bought (soft opt-in). */
    CONSENT_OR_SOFT_OPT_IN(null, null),
    /** Allowed unless the person objected: businesses by email or SMS. */
    B2B_OPT_OUT(Rule.B2B_OPT_OUT_REGIME, LegalBasis.LEGITIMATE_INTEREST),
    /** Allowed unless the person objected: post. */
    POSTAL_OPT_OUT(Rule.POSTAL_OPT_OUT_REGIME, LegalBasis.LEGITIMATE_INTEREST),
    /** Allowed unless the person objected (and, where the policy says, unless on a do-not-call list): phone. */
    PHONE_OPT_OUT(Rule.PHONE_OPT_OUT_REGIME, LegalBasis.LEGITIMATE_INTEREST),
    /** Allowed unless the person objected, for anyone (jurisdictions without an opt-in rule for this channel). */
    OPT_OUT(Rule.OPT_OUT_REGIME, LegalBasis.LEGITIMATE_INTEREST);

    final Rule allowRule;
    final LegalBasis basis;

    Regime(Rule allowRule, LegalBasis basis) {
        this.allowRule = allowRule;
        this.basis = basis;
    }

    /** Whether prospecting goes out without consent: an opt-out regime, or soft opt-in for a customer. */
    boolean allowsWithoutConsent(boolean customer, boolean similarToPurchases) {
        return allowRule != null || (this == CONSENT_OR_SOFT_OPT_IN && customer && similarToPurchases);
    }
}
