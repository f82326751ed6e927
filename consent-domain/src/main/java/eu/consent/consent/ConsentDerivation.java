package eu.consent.consent;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * Derives the current state of one (contact, purpose, channel) from its events, free of I/O. Events count in the
 * order they happened ({@code occurredAt}), ties broken by arrival — so a grant that happened before a withdrawal
 * never reopens consent, whatever order the two arrive in.
 */
public final class ConsentDerivation {

    /** The derived state, the basis it rests on, since when, and the event that decided it. */
    public record Outcome(ConsentState state, LegalBasis basis, Instant since, UUID eventId) {}

    /** The facts of one event that the derivation needs. */
    public record Fact(UUID id, ConsentAction action, boolean needsConfirmation, Instant occurredAt, long arrival) {

        public static Fact of(ConsentEvent e) {
            return new Fact(e.id(), e.action(), e.needsConfirmation(), e.occurredAt(), e.arrival());
        }
    }

    private static final Comparator<Fact> HAPPENED =
            Comparator.comparing(Fact::occurredAt).thenComparingLong(Fact::arrival);

    private ConsentDerivation() {}

    /** Folds the events in the order they happened; null when there is none (state NONE). */
    public static Outcome derive(List<Fact> facts) {
        Outcome outcome = null;
        for (Fact f : facts.stream().sorted(HAPPENED).toList()) {
            outcome = switch (f.action()) {
                case GRANT ->
                    new Outcome(
                            f.needsConfirmation() ? ConsentState.PENDING : ConsentState.GRANTED,
                            LegalBasis.CONSENT,
                            f.occurredAt(),
                            f.id());
                // A confirmation counts only for a grant still waiting for it: a late click after a withdrawal
                // must not bring consent back.
                case CONFIRM ->
                    outcome != null && outcome.state() == ConsentState.PENDING
                            ? new Outcome(ConsentState.GRANTED, LegalBasis.CONSENT, f.occurredAt(), f.id())
                            : outcome;
                case WITHDRAW -> new Outcome(ConsentState.WITHDRAWN, LegalBasis.CONSENT, f.occurredAt(), f.id());
                case OBJECT ->
                    new Outcome(ConsentState.OBJECTED, LegalBasis.LEGITIMATE_INTEREST, f.occurredAt(), f.id());
            };
        }
        return outcome;
    }
}
