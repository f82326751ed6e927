package eu.consent.web.eligibility;

import eu.consent.eligibility.Decision;

/** The answer to "may I send?". */
public record DecisionView(boolean allowed, String rule, String basis) {

    static DecisionView of(Decision d) {
        return new DecisionView(
                d.allowed(),
                d.rule().name(),
                d.basis() == null ? null : d.basis().name());
    }
}
