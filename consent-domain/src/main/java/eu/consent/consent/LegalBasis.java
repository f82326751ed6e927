package eu.consent.consent;

/** The legal ground a processing rests on (GDPR art. 6, L.34-5 CPCE). */
public enum LegalBasis {
    CONSENT,
    SOFT_OPT_IN,
    LEGITIMATE_INTEREST,
    CONTRACT
}
