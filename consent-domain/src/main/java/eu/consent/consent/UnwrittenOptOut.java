package eu.consent.consent;

import eu.consent.purpose.Channel;
import eu.consent.suppression.Suppression;
import eu.consent.suppression.SuppressionReason;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The person's opt-out that a pair's history does not show yet, which the ledger writes into it (an OBJECT dated when
 * they said it) before a GRANT is weighed: "the person's own opt-out stands in the history wherever it was kept". An
 * opt-out kept as a suppression only writes no consent event where it was made — an unsubscribe from all prospecting
 * on a pair the person had never consented to, an unsubscribe from a purpose a client had withdrawn already, a
 * complaint —, and the history then read, and the state derived from it, as if it had never been said:
 *
 * <ul>
 *   <li>a client's grant on a pair with no state yet read GRANTED while every decision denied (tester AV's F1);
 *   <li>the person's own grant dated before their opt-out but received after it (a form sent just before the click, a
 *       late import line) read GRANTED, the opt-out nowhere in the history, on a pair with no history (AX's F1) as on
 *       one a client had withdrawn (AV's F2);
 *   <li>a person erased after an opt-out who comes back with the same address had a client's grant read GRANTED (AX's
 *       F3), though their erasure keeps the opt-out on the address as the ERASED mark.
 * </ul>
 *
 * Pure: the ledger reads the entries and the history and writes what this chooses.
 */
final class UnwrittenOptOut {

    private UnwrittenOptOut() {}

    /**
     * The entry to write as the person's OBJECT before a GRANT on {@code purposeKey} and {@code channel}, if any.
     *
     * @param entries the suppressions of the contact's identifier for the channel
     * @param contactCreatedAt when the contact was created: an opt-out made before that is another person's, unless an
     *     erasure followed it (then it is kept as theirs: an opt-out is never dropped on a guess)
     * @param heldByAnother whether the entry was made while another contact held the identifier
     * @param stateNone whether the pair has no state yet
     * @param ownGrantAt the grant's moment when it is the person's own act, null for any other grant
     * @param closedAt the moments of the pair's closing events (WITHDRAW, OBJECT; not a double opt-in's expiry), read
     *     only when needed
     */
    static Optional<Suppression> before(
            Collection<Suppression> entries,
            String purposeKey,
            Channel channel,
            Instant contactCreatedAt,
            Predicate<Suppression> heldByAnother,
            boolean stateNone,
            Instant ownGrantAt,
            Supplier<Collection<Instant>> closedAt) {
        List<Suppression> erasures = entries.stream()
                .filter(s -> s.reason() == SuppressionReason.ERASED
                        && s.channel() == channel
                        && Suppression.covers(s.purposeKey(), purposeKey)
                        && !s.createdAt().isAfter(contactCreatedAt))
                .toList();
        List<Suppression> theirs = entries.stream()
                .filter(s -> Overtaken.optedOut(s, purposeKey, channel)
                        && (s.firstSaidAt().isBefore(contactCreatedAt)
                                ? erasures.stream().anyMatch(e -> !e.createdAt().isBefore(s.firstSaidAt()))
                                : !heldByAnother.test(s)))
                .toList();
        Optional<Suppression> latest = theirs.stream()
                .max(Comparator.comparing(Suppression::createdAt))
                // The erasure of a person whose opt-out left no entry (a client's WITHDRAW, say): its mark.
                .or(() -> erasures.stream().max(Comparator.comparing(Suppression::createdAt)));
        if (latest.isEmpty()) {
            return latest;
        }
        if (ownGrantAt == null) {
            // A grant that is not the person's own changes nothing on a pair they closed: only where the pair has no
            // state yet must their opt-out be written for it to say so.
            return stateNone ? latest : Optional.empty();
        }
        // The person's own grant: it re-opens what they closed before it, and stands behind an opt-out they made after
        // it or in the same millisecond — which the history must then show, unless a closing event there already dates
        // from then or later (the WITHDRAW the same opt-out wrote, to the millisecond a provider's report is kept to).
        // A tie is the opt-out's, as the decisions read it (a grant answers a block only when later) and as the
        // derivation folds it: until 2026-12-07 a grant dated at the click's millisecond read GRANTED, the click
        // nowhere
        // in the history, while every decision denied (tester BA's F1).
        Instant granted = ownGrantAt.truncatedTo(ChronoUnit.MILLIS);
        Optional<Suppression> unanswered = granted.isAfter(
                        latest.get().createdAt().truncatedTo(ChronoUnit.MILLIS))
                // A complaint is no word their grant answers (the decisions deny SUPPRESSED_COMPLAINT whatever consent
                // follows it), whichever opt-out came after it: it is written before their later grant too, so that
                // the history tells why their yes sends nothing (until 2026-12-07 it read a bare GRANT, tester BA's F4;
                // review 45: also under a later unsubscribe).
                ? theirs.stream()
                        .filter(s -> s.reason() == SuppressionReason.COMPLAINT)
                        .max(Comparator.comparing(Suppression::createdAt))
                : latest;
        if (unanswered.isEmpty()) {
            return unanswered;
        }
        Instant from = unanswered.get().createdAt().truncatedTo(ChronoUnit.MILLIS);
        return closedAt.get().stream().anyMatch(at -> !at.isBefore(from)) ? Optional.empty() : unanswered;
    }
}
