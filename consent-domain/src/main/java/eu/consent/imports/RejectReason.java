package eu.consent.imports;

/** Why a row of an import was not written. */
public enum RejectReason {
    /** A value is missing, malformed or unknown (the detail names the field). */
    INVALID,
    /** The row grants consent to an identifier on the suppression list for that channel. */
    SUPPRESSED,
    /** The person withdrew or objected later than the row's consent happened. */
    WITHDRAWN_LATER,
    /** The person opted out themselves: only their own new consent, with proof, re-opens it; an import never does. */
    OPTED_OUT,
    /** The purpose needs a double opt-in and the row does not say when it was confirmed. */
    NOT_CONFIRMED,
    /** The row's email and phone belong to two different contacts, or differ from the contact's own. */
    IDENTIFIER_CONFLICT
}
