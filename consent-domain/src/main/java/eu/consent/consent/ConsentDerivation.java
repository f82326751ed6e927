package eu.consent.consent;

import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;

/**
 * Derives the current state of one (contact, purpose, channel) from its events, free of I/O. Events count in the
 * order they happened ({@code occurredAt}) — so a grant that happened before a withdrawal never reopens consent,
 * whatever order the two arrive in —, and in the same millisecond a withdrawal or an objection counts after a grant
 * or a confirmation, then by arrival: the opt-out wins a tie, as the decisions read it (a grant answers a block only
 * when it is later) and the import does (until 2026-12-07 arrival alone decided, and a grant dated at the very
 * millisecond of an opt-out read GRANTED while every decision denied: tester BA's F1). A client's clock never places an event later than the
 * moment the server received it: an event counts at the earlier of the two ({@link Fact#effectiveAt()}), so a grant
 * dated in the future cannot outlive an opt-out acknowledged after it, nor swallow a quick confirmation.
 */
public final class ConsentDerivation {

    /** The derived state, the basis it rests on, since when, and the event that decided it. */
    public record Outcome(ConsentState state, LegalBasis basis, Instant since, UUID eventId) {}

    /**
     * The facts of one event that the derivation needs; {@code recordedAt} is when the server received it,
     * {@code personsOwn} whether it is the person's own word ({@link PersonsOwnAct#of}), {@code pendingExpiry} whether
     * it is the system's drop of a double opt-in never confirmed ({@link ConsentEvent#isPendingExpiry}).
     */
    public record Fact(
            UUID id,
            ConsentAction action,
            boolean needsConfirmation,
            Instant occurredAt,
            long arrival,
            Instant recordedAt,
            boolean personsOwn,
            boolean pendingExpiry) {

        /** The person's own event, received at the moment it says it happened (a test's fact). */
        public Fact(UUID id, ConsentAction action, boolean needsConfirmation, Instant occurredAt, long arrival) {
            this(id, action, needsConfirmation, occurredAt, arrival, occurredAt, true, false);
        }

        /** An event that is no expiry, received at {@code recordedAt} (a test's fact). */
        public Fact(
                UUID id,
                ConsentAction action,
                boolean needsConfirmation,
                Instant occurredAt,
                long arrival,
                Instant recordedAt,
                boolean personsOwn) {
            this(id, action, needsConfirmation, occurredAt, arrival, recordedAt, personsOwn, false);
        }

        public static Fact of(ConsentEvent e) {
            return of(
                    e.id(),
                    e.action(),
                    e.needsConfirmation(),
                    e.occurredAt(),
                    e.arrival(),
                    e.recordedAt(),
                    e.source(),
                    e.proof());
        }

        /**
         * The facts of an event read as columns (the import's chunks): whose word it is and whether it is an expiry
         * are read from its source and proof here, as for an entity, so the two readers cannot tell them apart.
         */
        public static Fact of(
                UUID id,
                ConsentAction action,
                boolean needsConfirmation,
                Instant occurredAt,
                long arrival,
                Instant recordedAt,
                ConsentSource source,
                Proof proof) {
            return new Fact(
                    id,
                    action,
                    needsConfirmation,
                    occurredAt,
                    arrival,
                    recordedAt,
                    PersonsOwnAct.of(action, source, proof),
                    ConsentEvent.isPendingExpiry(action, source, proof));
        }

        /** When the event counts: when it happened, but never later than when the server received it. */
        public Instant effectiveAt() {
            return ConsentDerivation.effectiveAt(occurredAt, recordedAt);
        }
    }

    private static final Comparator<Fact> HAPPENED = Comparator.comparing(Fact::effectiveAt)
            .thenComparingInt(f -> tie(f.action()))
            .thenComparingLong(Fact::arrival);

    /**
     * Events in the order they count, the derivation's own: a history read in this order tells the story the state
     * was derived from (a grant dated in the future stands where it was received, before a later opt-out).
     */
    public static final Comparator<ConsentEvent> COUNTED = Comparator.comparing(ConsentEvent::countsAt)
            .thenComparingInt(e -> tie(e.action()))
            .thenComparingLong(ConsentEvent::arrival);

    /** An event's rank among those of the same instant: an opt-out after a grant or a confirmation. */
    private static int tie(ConsentAction action) {
        return action == ConsentAction.WITHDRAW || action == ConsentAction.OBJECT ? 1 : 0;
    }

    /** When an event counts: when it happened, but never later than when the server received it. */
    static Instant effectiveAt(Instant occurredAt, Instant recordedAt) {
        return recordedAt != null && occurredAt.isAfter(recordedAt) ? recordedAt : occurredAt;
    }

    private ConsentDerivation() {}

    /**
     * Whether these events end with an opt-out the person made themselves and no consent of theirs since: a GRANT
     * that is not the person's own would change nothing. An expiry puts back what the pair was before the grant it
     * drops, closed or not.
     */
    public static boolean closedByThePerson(List<Fact> facts) {
        return fold(facts, (fact, after) -> {}).closed;
    }

    /**
     * Folds the events in the order they happened; null when there is none (state NONE). Once the person opted out
     * themselves, only a GRANT of their own re-opens the consent: a client's or an import's grant is kept in the
     * history but changes nothing. An expiry of a double opt-in never confirmed drops it: the pair is back where it
     * was before that grant (an opt-in that merely lapsed is no opt-out), and where it had no state then, it is NONE
     * since the expiry, which the outcome names so that the history says why.
     */
    public static Outcome derive(List<Fact> facts) {
        return fold(facts, (fact, after) -> {}).outcome;
    }

    /**
     * The state each event left its purpose and channel in, folded in the order events count: a grant that changed
     * nothing (the person had opted out, or a confirmation came too late) shows the state it found.
     */
    public static Map<UUID, ConsentState> statesLeft(List<Fact> facts) {
        Map<UUID, ConsentState> left = new HashMap<>();
        fold(facts, (fact, after) -> left.put(fact.id(), after == null ? ConsentState.NONE : after.state()));
        return left;
    }

    private static Fold fold(List<Fact> facts, BiConsumer<Fact, Outcome> eachLeft) {
        Fold fold = new Fold();
        for (Fact f : facts.stream().sorted(HAPPENED).toList()) {
            fold.apply(f);
            eachLeft.accept(f, fold.outcome);
        }
        return fold;
    }

    /** The derivation's running state: the outcome, and what an expiry would put back. */
    private static final class Fold {
        Outcome outcome;
        boolean closed;
        /** The pair as it was before the double opt-in now waiting (null: no state): what an expiry restores. */
        Outcome beforePending;

        boolean closedBeforePending;

        boolean byPersonBeforePending;

        /** Whether the event that set the outcome is the person's own word. */
        boolean outcomeByPerson;

        void apply(Fact f) {
            if (f.pendingExpiry()) {
                // An expiry that counts after the grant was confirmed or closed (a later event dated before it) finds
                // nothing waiting, and changes nothing.
                if (waiting()) {
                    outcome = beforePending != null
                            ? beforePending
                            : new Outcome(ConsentState.NONE, null, f.effectiveAt(), f.id());
                    closed = closedBeforePending;
                    outcomeByPerson = beforePending != null && byPersonBeforePending;
                }
                return;
            }
            if (f.action() == ConsentAction.GRANT && closed && !f.personsOwn()) {
                return;
            }
            // Nor does one while the person's own grant waits for its click, whatever holds the pair (a suppression,
            // say, which the derivation does not see): the person's request, and the link mailed for it, stay in force.
            // Until 2026-12-06 a client's grant then made the pair GRANTED without the click (or PENDING on the
            // client's grant), and the person's link answered 409.
            if (f.action() == ConsentAction.GRANT && !f.personsOwn() && waiting() && outcomeByPerson) {
                return;
            }
            // A second grant while the first still waits belongs to the same request: an expiry drops them both.
            if (f.action() == ConsentAction.GRANT && f.needsConfirmation() && !waiting()) {
                beforePending = outcome;
                closedBeforePending = closed;
                byPersonBeforePending = outcomeByPerson;
            }
            // What the person closed opens again with their own grant, or, where it waits for the mailed confirmation
            // (a re-opening from the preference page, which anyone holding the link can post), with the click only:
            // until 2026-12-06 the waiting grant opened it, and a client's or an import's grant then made it GRANTED
            // with no click at all.
            if (f.action() == ConsentAction.GRANT && !f.needsConfirmation()) {
                closed = false;
            } else if (f.action() == ConsentAction.CONFIRM && waiting()) {
                closed = false;
            } else if (f.action() == ConsentAction.WITHDRAW || f.action() == ConsentAction.OBJECT) {
                closed |= f.personsOwn();
            }
            Outcome before = outcome;
            outcome = switch (f.action()) {
                // A consent given (and confirmed where it must be) stays so when it is given again: a CRM re-sending
                // it, the person ticking the box again at checkout. Until 2026-12-06 a grant needing confirmation put
                // it back to PENDING: not mailable, a second request mailed, and withdrawn by the expiry a week later.
                // The person's own grant stays the one the state rests on when a client re-sends it: it is what lifts
                // their unsubscribe from everything (or the mark of their erasure) for this purpose, and until
                // 2026-12-06 a CRM's re-send put that block back.
                case GRANT ->
                    outcome != null
                                    && outcome.state() == ConsentState.GRANTED
                                    && (f.needsConfirmation() || (outcomeByPerson && !f.personsOwn()))
                            ? outcome
                            : new Outcome(
                                    f.needsConfirmation() ? ConsentState.PENDING : ConsentState.GRANTED,
                                    LegalBasis.CONSENT,
                                    f.effectiveAt(),
                                    f.id());
                // A confirmation counts only for a grant still waiting for it: a late click after a withdrawal
                // must not bring consent back.
                case CONFIRM ->
                    waiting()
                            ? new Outcome(ConsentState.GRANTED, LegalBasis.CONSENT, f.effectiveAt(), f.id())
                            : outcome;
                case WITHDRAW -> new Outcome(ConsentState.WITHDRAWN, LegalBasis.CONSENT, f.effectiveAt(), f.id());
                case OBJECT ->
                    new Outcome(ConsentState.OBJECTED, LegalBasis.LEGITIMATE_INTEREST, f.effectiveAt(), f.id());
            };
            if (outcome != before) {
                outcomeByPerson = f.personsOwn();
            }
        }

        private boolean waiting() {
            return outcome != null && outcome.state() == ConsentState.PENDING;
        }
    }
}
