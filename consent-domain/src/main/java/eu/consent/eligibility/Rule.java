package eu.consent.eligibility;

/** The rule that decided, in the order the engine tries them; stable names a marketer and an auditor can read. */
public enum Rule {
    UNKNOWN_CONTACT,
    /** The purpose was retired: nothing is sent for it any more, whatever its kind. */
    PURPOSE_RETIRED,
    SUPPRESSED_HARD_BOUNCE,
    SERVICE_MESSAGE,
    SUPPRESSED_ERASED,
    /** No prospecting to a contact inactive past the retention period, whether or not the purge has run. */
    RETENTION_EXPIRED,
    SUPPRESSED_COMPLAINT,
    SUPPRESSED_UNSUBSCRIBED,
    SUPPRESSED_MANUAL,
    OBJECTED,
    CONSENT_WITHDRAWN,
    PHONE_DNC_LISTED,
    PAUSED,
    /** The person chose preferred channels and this is not one of them. */
    CHANNEL_NOT_PREFERRED,
    FREQUENCY_CAP,
    CONSENT_GRANTED,
    CONSENT_PENDING,
    SOFT_OPT_IN,
    B2B_OPT_OUT_REGIME,
    POSTAL_OPT_OUT_REGIME,
    PHONE_OPT_OUT_REGIME,
    /** A jurisdiction where prospecting by this channel needs no prior consent (e.g. US email, CAN-SPAM). */
    OPT_OUT_REGIME,
    NO_CONSENT
}
