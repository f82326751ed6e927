package eu.consent.eligibility;

import eu.consent.consent.LegalBasis;

/** The answer to "may I send?": allowed or not, the rule that decided, and the legal basis relied on. */
public record Decision(boolean allowed, Rule rule, LegalBasis basis) {

    static Decision deny(Rule rule) {
        return new Decision(false, rule, null);
    }

    static Decision allow(Rule rule, LegalBasis basis) {
        return new Decision(true, rule, basis);
    }
}
