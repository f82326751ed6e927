package eu.consent.consent;

import eu.consent.purpose.Channel;
import eu.consent.suppression.SuppressionReason;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * Who may re-open what the person closed (API.md, decision rules): only the person, by a new GRANT from a
 * person-facing source with some proof of it. The ledger, the import and the decisions all ask this one rule, so that
 * no path is more lenient than another.
 */
public final class PersonsOwnAct {

    /** The person's own acts: where the person themselves expressed the choice. */
    public static final Set<ConsentSource> PERSON_FACING = EnumSet.of(
            ConsentSource.WEB_FORM,
            ConsentSource.CHECKOUT,
            ConsentSource.ORAL,
            ConsentSource.PAPER,
            ConsentSource.PREFERENCE_CENTER,
            ConsentSource.UNSUBSCRIBE_LINK,
            ConsentSource.ONE_CLICK);

    /** The server's own acts, which no API client may claim. */
    public static final Set<ConsentSource> SERVER_OWNED = EnumSet.of(
            ConsentSource.PREFERENCE_CENTER,
            ConsentSource.UNSUBSCRIBE_LINK,
            ConsentSource.ONE_CLICK,
            ConsentSource.ESP,
            ConsentSource.ADMIN);

    /**
     * The suppressions the person made, which their own new opt-in answers for its purpose: lifted, or (an entry for
     * all prospecting, the ERASED mark) yielding to it in the decisions; the network's and an operator's stay.
     */
    private static final Set<SuppressionReason> PERSONS_OWN_BLOCKS =
            EnumSet.of(SuppressionReason.UNSUBSCRIBED, SuppressionReason.ERASED);

    private PersonsOwnAct() {}

    /**
     * Why a source named by a client (a request, a line of an imported file) is refused: it names one of the server's
     * own acts; empty for any other name.
     */
    public static Optional<String> whyServerOwned(String source) {
        for (ConsentSource owned : SERVER_OWNED) {
            if (owned.name().equals(source)) {
                return Optional.of(owned + " is the server's own source; a client records WEB_FORM, CHECKOUT, ORAL,"
                        + " PAPER, IMPORT or API");
            }
        }
        return Optional.empty();
    }

    /**
     * Whether an event is the person's own act: a person-facing source and some proof of it (where from, or who took
     * it down and from which script). Such a GRANT or CONFIRM also moves the retention clock.
     */
    public static boolean is(ConsentSource source, Proof proof) {
        return source != null
                && PERSON_FACING.contains(source)
                && proof != null
                && (given(proof.ip()) || given(proof.agentId()) || given(proof.scriptRef()));
    }

    private static boolean given(String value) {
        return value != null && !value.isBlank();
    }

    /**
     * Whether an event is the person's own word, as the derivation and the decisions weigh it: a GRANT of theirs
     * ({@link #is}), the click on the confirmation link mailed to them (its proof says where from), or any opt-out.
     * Whoever records a WITHDRAW or an OBJECT (a client's API call, an import, a form) speaks for the person who said
     * stop, and an opt-out is re-opened only by a GRANT that is the person's own (DESIGN: "no import, resync or API call
     * can undo it"): an API or imported grant after it is kept in the history and changes nothing. The one withdrawal
     * nobody spoke for is the expiry of a double opt-in never confirmed ({@link ConsentEvent#isPendingExpiry}).
     */
    /**
     * Whether a consent in force answers a block (an unsubscribe from everything, the ERASED mark) made at
     * {@code blockedSince}: GRANTED by the person's own act, after it. The decisions let a purpose through on it, and the
     * outbound files keep such a block to ourselves.
     */
    public static boolean answers(ConsentState state, boolean byThePerson, Instant since, Instant blockedSince) {
        return state == ConsentState.GRANTED && byThePerson && since != null && since.isAfter(blockedSince);
    }

    public static boolean of(ConsentAction action, ConsentSource source, Proof proof) {
        return switch (action) {
            case GRANT -> is(source, proof);
            case CONFIRM -> proof != null && proof.ip() != null;
            case WITHDRAW -> !ConsentEvent.isPendingExpiry(action, source, proof);
            case OBJECT -> true;
        };
    }

    /**
     * Whether the person's "unsubscribe from everything" (on the preference page, or through an unsubscribe link for
     * all of push; at {@code leftEverythingAt}, null if never) closes a pair that has no history yet: a prospecting
     * purpose on a channel no suppression holds (push), come after it. A grant there that is not the person's own
     * changes nothing, as on a pair they closed themselves.
     */
    public static boolean closedByLeavingEverything(
            Instant leftEverythingAt, boolean prospecting, Channel channel, boolean hasHistory) {
        return leftEverythingAt != null && prospecting && channel.identifier().isEmpty() && !hasHistory;
    }

    /** Whether a GRANT from {@code source} with {@code proof} lifts a suppression of {@code reason}. */
    public static boolean lifts(ConsentSource source, Proof proof, SuppressionReason reason) {
        return PERSONS_OWN_BLOCKS.contains(reason) && is(source, proof);
    }
}
