package eu.consent.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.consent.purpose.Channel;
import eu.consent.purpose.IdentifierKind;
import eu.consent.suppression.Suppression;
import eu.consent.suppression.SuppressionReason;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class UnwrittenOptOutTest {

    private static final Instant CREATED = Instant.now().minusSeconds(3600);

    private static Suppression entry(SuppressionReason reason, String purpose, long secondsAfterCreation) {
        return entry(reason, Channel.EMAIL, purpose, secondsAfterCreation);
    }

    private static Suppression entry(SuppressionReason reason, Channel channel, String purpose, long seconds) {
        return new Suppression(
                "hash",
                IdentifierKind.EMAIL,
                channel,
                purpose,
                reason,
                "person:ONE_CLICK",
                CREATED.plusSeconds(seconds));
    }

    /** A client's grant (no moment of the person's own) on a pair with or without state. */
    private static Optional<Suppression> beforeClients(boolean stateNone, Suppression... entries) {
        return UnwrittenOptOut.before(
                List.of(entries), "news", Channel.EMAIL, CREATED, s -> false, stateNone, null, List::of);
    }

    /** The person's own grant made at {@code grantSeconds} after the contact's creation. */
    private static Optional<Suppression> beforeOwn(
            long grantSeconds, Collection<Instant> closedAt, Suppression... entries) {
        return UnwrittenOptOut.before(
                List.of(entries),
                "news",
                Channel.EMAIL,
                CREATED,
                s -> false,
                false,
                CREATED.plusSeconds(grantSeconds),
                () -> closedAt);
    }

    @Test
    void aClientsGrantOnAFreshPairMeetsTheLatestOptOutOfThePurposeOrAllProspecting() {
        Suppression all = entry(SuppressionReason.UNSUBSCRIBED, null, 10);
        Suppression complaint = entry(SuppressionReason.COMPLAINT, null, 20);
        assertEquals(Optional.of(complaint), beforeClients(true, all, complaint));
        assertEquals(Optional.of(all), beforeClients(true, all, entry(SuppressionReason.UNSUBSCRIBED, "other", 30)));
        assertEquals(
                Optional.empty(), beforeClients(true, entry(SuppressionReason.UNSUBSCRIBED, Channel.SMS, null, 5)));
        assertEquals(
                Optional.empty(), beforeClients(true, entry(SuppressionReason.HARD_BOUNCE, null, 5)), "no opt-out");
    }

    /** On a pair with a state, the client's grant is weighed against the person's events there: nothing to write. */
    @Test
    void aClientsGrantOnAPairWithAStateWritesNothing() {
        assertEquals(Optional.empty(), beforeClients(false, entry(SuppressionReason.UNSUBSCRIBED, null, 10)));
    }

    /** Another holder's word, or one from before this contact existed: not theirs. */
    @Test
    void anEntryOfAnotherHolderOrFromBeforeTheContactIsNotTheirs() {
        Suppression former = entry(SuppressionReason.COMPLAINT, null, 10);
        assertEquals(
                Optional.empty(),
                UnwrittenOptOut.before(
                        List.of(former), "news", Channel.EMAIL, CREATED, s -> true, true, null, List::of));
        assertEquals(Optional.empty(), beforeClients(true, entry(SuppressionReason.UNSUBSCRIBED, null, -10)));
    }

    /** An erasure followed the opt-out before the person came back: the opt-out stands as theirs (AX's F3). */
    @Test
    void anOptOutFollowedByAnErasureBeforeTheContactStands() {
        Suppression clicked = entry(SuppressionReason.UNSUBSCRIBED, null, -20);
        Suppression erased = entry(SuppressionReason.ERASED, null, -10);
        assertEquals(Optional.of(clicked), beforeClients(true, clicked, erased));
        assertEquals(Optional.of(erased), beforeClients(true, erased), "the mark alone: a WITHDRAW left no entry");
        assertEquals(
                Optional.empty(),
                beforeClients(true, entry(SuppressionReason.ERASED, Channel.SMS, null, -10)),
                "the number's mark: another channel");
        assertEquals(
                Optional.of(erased),
                beforeClients(true, entry(SuppressionReason.UNSUBSCRIBED, null, -5), erased),
                "an opt-out after the erasure, before this contact, is not theirs: the mark is");
    }

    /** The person's grant dated before their opt-out, received after it (AX's F1, AV's F2): the opt-out goes first. */
    @Test
    void thePersonsOwnGrantDatedBeforeTheirOptOutHasItWrittenUnlessTheHistoryShowsIt() {
        Suppression clicked = entry(SuppressionReason.UNSUBSCRIBED, "news", 100);
        assertEquals(Optional.of(clicked), beforeOwn(90, List.of(), clicked));
        assertEquals(
                Optional.of(clicked),
                beforeOwn(90, List.of(CREATED.plusSeconds(50)), clicked),
                "a client's WITHDRAW before it (AV's F2)");
        assertEquals(
                Optional.empty(),
                beforeOwn(90, List.of(CREATED.plusSeconds(100)), clicked),
                "the WITHDRAW the opt-out wrote");
        assertEquals(Optional.empty(), beforeOwn(110, List.of(), clicked), "a grant after it re-opens");
        assertEquals(Optional.of(clicked), beforeOwn(100, List.of(), clicked), "the same millisecond (BA's F1)");
    }

    /**
     * A complaint no grant answers is written before the person's later grant too, unless the history shows it (BA's
     * F4): their yes is recorded after it, and the decisions go on denying SUPPRESSED_COMPLAINT.
     */
    @Test
    void aComplaintIsWrittenBeforeEvenTheirLaterGrant() {
        Suppression complained = entry(SuppressionReason.COMPLAINT, null, 100);
        assertEquals(Optional.of(complained), beforeOwn(110, List.of(), complained));
        assertEquals(
                Optional.empty(), beforeOwn(110, List.of(CREATED.plusSeconds(100)), complained), "written already");
        Suppression later = entry(SuppressionReason.UNSUBSCRIBED, "news", 105);
        assertEquals(
                Optional.of(complained), beforeOwn(110, List.of(), complained, later), "under a later unsubscribe");
        assertEquals(Optional.empty(), beforeOwn(110, List.of(), later), "an unsubscribe their grant answers");
    }

    /** A provider's report is kept to the millisecond in the history, to the microsecond in its entry. */
    @Test
    void aClosingEventInTheSameMillisecondShowsIt() {
        Suppression reported = new Suppression(
                "hash",
                IdentifierKind.EMAIL,
                Channel.EMAIL,
                null,
                SuppressionReason.UNSUBSCRIBED,
                "esp:x",
                CREATED.plusSeconds(100).plusNanos(123_456));
        assertTrue(beforeOwn(90, List.of(CREATED.plusSeconds(100).plusNanos(123_000)), reported)
                .isEmpty());
        // A grant in that millisecond is no later than the report (the decisions read it so): it is written first.
        assertEquals(Optional.of(reported), beforeOwn(100, List.of(), reported));
        assertEquals(Optional.empty(), beforeOwn(101, List.of(), reported));
    }
}
