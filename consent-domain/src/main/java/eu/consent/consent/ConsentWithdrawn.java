package eu.consent.consent;

/**
 * Fired in the transaction of a WITHDRAW or OBJECT recorded by a client (the API, a form, the preference centre's
 * switches) or an import, so the opt-out log counts it.
 *
 * @param imported whether an import wrote it: an import reports its rows per chunk, not one by one
 */
public record ConsentWithdrawn(ConsentEvent event, boolean imported) {

    /**
     * Whether an event is an opt-out: a WITHDRAW or OBJECT that took effect, leaving its pair WITHDRAWN or OBJECTED
     * from another state. A withdrawal dated before a grant that stands changes nothing, nor does one repeated on a pair
     * already withdrawn (a CRM re-sending its withdrawals nightly); an objection after a withdrawal changes the state
     * and is one. The one rule for the API, the pages and imports alike: until 2026-12-06 the import counted every
     * imported WITHDRAW row as an opt-out.
     *
     * @param before the pair's state before the event (NONE for its first)
     * @param after the state it left
     */
    public static boolean tookEffect(ConsentAction action, ConsentState before, ConsentState after) {
        return (action == ConsentAction.WITHDRAW || action == ConsentAction.OBJECT)
                && after != before
                && (after == ConsentState.WITHDRAWN || after == ConsentState.OBJECTED);
    }
}
