package eu.consent.consent;

import static eu.consent.consent.ConsentAction.CONFIRM;
import static eu.consent.consent.ConsentAction.GRANT;
import static eu.consent.consent.ConsentAction.OBJECT;
import static eu.consent.consent.ConsentAction.WITHDRAW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConsentDerivationTest {

    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
    private long arrival;

    private ConsentDerivation.Fact fact(ConsentAction action, int minute) {
        return fact(action, minute, false);
    }

    private ConsentDerivation.Fact fact(ConsentAction action, int minute, boolean needsConfirmation) {
        return new ConsentDerivation.Fact(
                UUID.randomUUID(), action, needsConfirmation, T0.plusSeconds(60L * minute), ++arrival);
    }

    private static ConsentState state(List<ConsentDerivation.Fact> facts) {
        ConsentDerivation.Outcome outcome = ConsentDerivation.derive(facts);
        return outcome == null ? ConsentState.NONE : outcome.state();
    }

    @Test
    void noEventsMeansNoState() {
        assertNull(ConsentDerivation.derive(List.of()));
    }

    /** Every action applied to every state it can meet: the state before, the action, the state after. */
    @ParameterizedTest
    @CsvSource({
        "NONE, GRANT, GRANTED",
        "NONE, GRANT_DOI, PENDING",
        "NONE, CONFIRM, NONE",
        "NONE, WITHDRAW, WITHDRAWN",
        "NONE, OBJECT, OBJECTED",
        "GRANTED, GRANT, GRANTED",
        "GRANTED, GRANT_DOI, GRANTED",
        "GRANTED, CONFIRM, GRANTED",
        "GRANTED, WITHDRAW, WITHDRAWN",
        "GRANTED, OBJECT, OBJECTED",
        "PENDING, GRANT, GRANTED",
        "PENDING, GRANT_DOI, PENDING",
        "PENDING, CONFIRM, GRANTED",
        "PENDING, WITHDRAW, WITHDRAWN",
        "PENDING, OBJECT, OBJECTED",
        "WITHDRAWN, GRANT, GRANTED",
        "WITHDRAWN, GRANT_DOI, PENDING",
        "WITHDRAWN, CONFIRM, WITHDRAWN",
        "WITHDRAWN, WITHDRAW, WITHDRAWN",
        "WITHDRAWN, OBJECT, OBJECTED",
        "OBJECTED, GRANT, GRANTED",
        "OBJECTED, GRANT_DOI, PENDING",
        "OBJECTED, CONFIRM, OBJECTED",
        "OBJECTED, WITHDRAW, WITHDRAWN",
        "OBJECTED, OBJECT, OBJECTED"
    })
    void everyActionFromEveryState(ConsentState before, String action, ConsentState after) {
        List<ConsentDerivation.Fact> facts = new ArrayList<>(reach(before));
        facts.add(action.equals("GRANT_DOI") ? fact(GRANT, 10, true) : fact(ConsentAction.valueOf(action), 10));
        assertEquals(after, state(facts));
    }

    private List<ConsentDerivation.Fact> reach(ConsentState state) {
        return switch (state) {
            case NONE -> List.of();
            case GRANTED -> List.of(fact(GRANT, 1));
            case PENDING -> List.of(fact(GRANT, 1, true));
            case WITHDRAWN -> List.of(fact(GRANT, 1), fact(WITHDRAW, 2));
            case OBJECTED -> List.of(fact(OBJECT, 1));
        };
    }

    @Test
    void eventsCountInTheOrderTheyHappenedNotArrived() {
        ConsentDerivation.Fact withdraw = fact(WITHDRAW, 20);
        ConsentDerivation.Fact earlierGrant = fact(GRANT, 10);
        assertEquals(ConsentState.WITHDRAWN, state(List.of(withdraw, earlierGrant)));
        assertEquals(ConsentState.WITHDRAWN, state(List.of(earlierGrant, withdraw)));
    }

    /**
     * In the same instant an opt-out counts after a grant, whichever arrived first (tester BA's F1: the decisions let
     * a grant answer a block only when it is later); events of one kind count by arrival.
     */
    @Test
    void anOptOutWinsATieAndOtherTiesAreBrokenByArrival() {
        ConsentDerivation.Fact grant = fact(GRANT, 5);
        ConsentDerivation.Fact object = fact(OBJECT, 5);
        assertEquals(ConsentState.OBJECTED, state(List.of(object, grant)));
        ConsentDerivation.Fact grantAgain = fact(GRANT, 5);
        assertEquals(ConsentState.OBJECTED, state(List.of(grantAgain, object, grant)));
        ConsentDerivation.Fact withdraw = fact(WITHDRAW, 5);
        assertEquals(ConsentState.WITHDRAWN, state(List.of(object, withdraw, grant)));
        assertEquals(ConsentState.WITHDRAWN, state(List.of(withdraw, object)), "two opt-outs: by arrival");
        assertEquals(ConsentState.WITHDRAWN, state(List.of(fact(GRANT, 6, true), fact(WITHDRAW, 7), fact(CONFIRM, 7))));
    }

    @Test
    void aConfirmationAfterAWithdrawalDoesNotRevive() {
        assertEquals(ConsentState.WITHDRAWN, state(List.of(fact(GRANT, 1, true), fact(WITHDRAW, 2), fact(CONFIRM, 3))));
    }

    @Test
    void theOutcomeNamesTheDecidingEventAndItsBasis() {
        ConsentDerivation.Fact grant = fact(GRANT, 1, true);
        ConsentDerivation.Fact confirm = fact(CONFIRM, 2);
        ConsentDerivation.Outcome outcome = ConsentDerivation.derive(List.of(grant, confirm));
        assertEquals(confirm.id(), outcome.eventId());
        assertEquals(confirm.occurredAt(), outcome.since());
        assertEquals(LegalBasis.CONSENT, outcome.basis());
        assertEquals(
                LegalBasis.LEGITIMATE_INTEREST,
                ConsentDerivation.derive(List.of(fact(OBJECT, 3))).basis());
    }

    /** An event a client dated {@code minute}, received by the server at {@code receivedMinute}. */
    private ConsentDerivation.Fact received(ConsentAction action, int minute, int receivedMinute, boolean doi) {
        return new ConsentDerivation.Fact(
                UUID.randomUUID(),
                action,
                doi,
                T0.plusSeconds(60L * minute),
                ++arrival,
                T0.plusSeconds(60L * receivedMinute),
                true);
    }

    @Test
    void aClockRunningFastNeverOrdersAGrantAfterAnOptOutAcknowledgedLater() {
        // The client's clock is 4 minutes fast: its grant says 14, the server received it at 10; the one-click at 11.
        ConsentDerivation.Fact grant = received(GRANT, 14, 10, false);
        ConsentDerivation.Fact oneClick = received(WITHDRAW, 11, 11, false);
        assertEquals(ConsentState.WITHDRAWN, state(List.of(grant, oneClick)));
        assertEquals(ConsentState.WITHDRAWN, state(List.of(oneClick, grant)));
        ConsentDerivation.Outcome outcome = ConsentDerivation.derive(List.of(grant, oneClick));
        assertEquals(oneClick.id(), outcome.eventId());
    }

    @Test
    void aQuickConfirmationAfterAFutureDatedGrantConfirmsIt() {
        ConsentDerivation.Fact grant = received(GRANT, 14, 10, true);
        ConsentDerivation.Fact confirm = received(CONFIRM, 12, 12, false);
        ConsentDerivation.Outcome outcome = ConsentDerivation.derive(List.of(grant, confirm));
        assertEquals(ConsentState.GRANTED, outcome.state());
        assertEquals(T0.plusSeconds(60L * 12), outcome.since(), "since the confirmation, never a future instant");
    }

    @Test
    void aGrantDatedInThePastStillCountsWhenItHappened() {
        // Late evidence (an import, a paper form keyed in later) keeps its own date: the earlier of the two counts.
        ConsentDerivation.Fact withdraw = received(WITHDRAW, 20, 20, false);
        ConsentDerivation.Fact oldGrant = received(GRANT, 5, 30, false);
        assertEquals(ConsentState.WITHDRAWN, state(List.of(withdraw, oldGrant)));
        assertEquals(
                T0.plusSeconds(60L * 5),
                ConsentDerivation.derive(List.of(oldGrant)).since());
    }

    private ConsentDerivation.Fact byOthers(ConsentAction action, int minute) {
        return new ConsentDerivation.Fact(
                UUID.randomUUID(),
                action,
                false,
                T0.plusSeconds(60L * minute),
                ++arrival,
                T0.plusSeconds(60L * minute),
                false);
    }

    @Test
    void onlyThePersonsOwnGrantReopensWhatThePersonClosed() {
        ConsentDerivation.Fact grant = fact(GRANT, 1);
        ConsentDerivation.Fact optOut = fact(WITHDRAW, 2);
        ConsentDerivation.Fact clientGrant = byOthers(GRANT, 3);
        assertEquals(ConsentState.WITHDRAWN, state(List.of(grant, optOut, clientGrant)));
        assertEquals(
                optOut.id(),
                ConsentDerivation.derive(List.of(grant, optOut, clientGrant)).eventId());
        assertEquals(true, ConsentDerivation.closedByThePerson(List.of(grant, optOut, clientGrant)));
        ConsentDerivation.Fact ownGrant = fact(GRANT, 4);
        assertEquals(ConsentState.GRANTED, state(List.of(grant, optOut, clientGrant, ownGrant)));
        assertEquals(false, ConsentDerivation.closedByThePerson(List.of(grant, optOut, ownGrant)));
        // An objection the person made holds the same way; a system's withdrawal (an expiry) does not.
        assertEquals(ConsentState.OBJECTED, state(List.of(fact(OBJECT, 1), byOthers(GRANT, 2))));
        assertEquals(ConsentState.GRANTED, state(List.of(byOthers(WITHDRAW, 1), byOthers(GRANT, 2))));
        assertEquals(
                ConsentState.WITHDRAWN,
                state(List.of(fact(WITHDRAW, 1), byOthers(WITHDRAW, 2), byOthers(GRANT, 3))),
                "a later system withdrawal does not wash out the person's");
    }

    /**
     * A re-opening waiting for the mailed confirmation (the preference page, which anyone holding the link can post)
     * keeps the pair closed to grants that are not the person's: only the click opens it.
     */
    @Test
    void aReopeningWaitingForItsConfirmationIsOpenedByTheClickOnly() {
        ConsentDerivation.Fact grant = fact(GRANT, 1);
        ConsentDerivation.Fact optOut = fact(WITHDRAW, 2);
        ConsentDerivation.Fact reopening = fact(GRANT, 3, true);
        ConsentDerivation.Fact clientGrant = byOthers(GRANT, 4);
        List<ConsentDerivation.Fact> waiting = List.of(grant, optOut, reopening, clientGrant);
        assertEquals(ConsentState.PENDING, state(waiting));
        assertEquals(reopening.id(), ConsentDerivation.derive(waiting).eventId());
        assertTrue(ConsentDerivation.closedByThePerson(waiting), "an import's grant is refused as on a closed pair");
        List<ConsentDerivation.Fact> clicked = new ArrayList<>(waiting);
        clicked.add(fact(CONFIRM, 5));
        assertEquals(ConsentState.GRANTED, state(clicked));
        assertFalse(ConsentDerivation.closedByThePerson(clicked));
        // An objection the person made holds the same way.
        assertEquals(ConsentState.PENDING, state(List.of(fact(OBJECT, 1), fact(GRANT, 2, true), byOthers(GRANT, 3))));
        // The client's grant left it waiting (its receipt says so), and an expiry puts back what the person closed.
        assertEquals(ConsentState.PENDING, ConsentDerivation.statesLeft(waiting).get(clientGrant.id()));
        List<ConsentDerivation.Fact> lapsed = new ArrayList<>(waiting);
        lapsed.add(expiry(6));
        assertEquals(ConsentState.WITHDRAWN, state(lapsed));
        assertTrue(ConsentDerivation.closedByThePerson(lapsed));
        // The person's own grant needing no confirmation opens it at once, as it always did.
        List<ConsentDerivation.Fact> own = new ArrayList<>(waiting);
        own.add(fact(GRANT, 6));
        assertEquals(ConsentState.GRANTED, state(own));
        assertFalse(ConsentDerivation.closedByThePerson(own));
    }

    /**
     * While the person's own grant waits for its click, a client's grant changes nothing, whatever closed the pair (an
     * unsubscribe or an erasure's mark is a suppression, which the derivation does not see): their request, and the link
     * mailed for it, stay in force; the click confirms it.
     */
    @Test
    void aClientsGrantLeavesThePersonsWaitingRequestInForce() {
        ConsentDerivation.Fact request = fact(GRANT, 1, true);
        ConsentDerivation.Fact clientGrant = byOthers(GRANT, 2);
        List<ConsentDerivation.Fact> waiting = List.of(request, clientGrant);
        assertEquals(ConsentState.PENDING, state(waiting));
        assertEquals(request.id(), ConsentDerivation.derive(waiting).eventId(), "the person's link still confirms");
        assertEquals(ConsentState.PENDING, ConsentDerivation.statesLeft(waiting).get(clientGrant.id()));
        List<ConsentDerivation.Fact> clicked = new ArrayList<>(waiting);
        clicked.add(fact(CONFIRM, 3));
        assertEquals(ConsentState.GRANTED, state(clicked));
        // A client's request waiting is another matter: a second grant is part of it, as before.
        ConsentDerivation.Fact clientRequest = new ConsentDerivation.Fact(
                UUID.randomUUID(), GRANT, true, T0.plusSeconds(60), ++arrival, T0.plusSeconds(60), false);
        ConsentDerivation.Fact again = byOthers(GRANT, 2);
        assertEquals(ConsentState.GRANTED, state(List.of(clientRequest, again)));
    }

    /**
     * The person's own grant stays the one the state rests on when a client gives it again (it is what lifts their
     * unsubscribe from everything for this purpose); their own later grant takes over.
     */
    @Test
    void aClientsGrantOverThePersonsOwnLeavesTheStateOnThePersons() {
        ConsentDerivation.Fact own = fact(GRANT, 1);
        ConsentDerivation.Fact resent = byOthers(GRANT, 2);
        assertEquals(own.id(), ConsentDerivation.derive(List.of(own, resent)).eventId());
        assertEquals(
                ConsentState.GRANTED,
                ConsentDerivation.statesLeft(List.of(own, resent)).get(resent.id()));
        ConsentDerivation.Fact ownAgain = fact(GRANT, 3);
        assertEquals(
                ownAgain.id(),
                ConsentDerivation.derive(List.of(own, resent, ownAgain)).eventId());
        // A client's grant over a client's grant is the newer evidence, as before.
        ConsentDerivation.Fact first = byOthers(GRANT, 1);
        ConsentDerivation.Fact second = byOthers(GRANT, 2);
        assertEquals(
                second.id(), ConsentDerivation.derive(List.of(first, second)).eventId());
    }

    @Test
    void anyArrivalOrderOfTheSameEventsGivesTheSameState() {
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            List<ConsentDerivation.Fact> facts = randomHistory(random, false);
            ConsentState expected = state(facts);
            Collections.shuffle(facts, random);
            assertEquals(expected, state(facts));
        }
    }

    @Test
    void eachEventShowsTheStateItLeftAndAGrantThatChangedNothingShowsTheStateItFound() {
        ConsentDerivation.Fact doubleOptIn = fact(GRANT, 1, true);
        ConsentDerivation.Fact optOut = fact(WITHDRAW, 2);
        ConsentDerivation.Fact lateClick = fact(CONFIRM, 3);
        ConsentDerivation.Fact clientGrant = byOthers(GRANT, 4);
        ConsentDerivation.Fact ownGrant = fact(GRANT, 5);
        // They arrive out of order: each state is the one left in the order they happened.
        Map<UUID, ConsentState> left =
                ConsentDerivation.statesLeft(List.of(ownGrant, clientGrant, lateClick, optOut, doubleOptIn));
        assertEquals(ConsentState.PENDING, left.get(doubleOptIn.id()));
        assertEquals(ConsentState.WITHDRAWN, left.get(optOut.id()));
        assertEquals(ConsentState.WITHDRAWN, left.get(lateClick.id()), "a late confirmation revives nothing");
        assertEquals(ConsentState.WITHDRAWN, left.get(clientGrant.id()), "a client's grant after the opt-out");
        assertEquals(ConsentState.GRANTED, left.get(ownGrant.id()));
        assertEquals(
                ConsentState.NONE,
                ConsentDerivation.statesLeft(List.of(fact(CONFIRM, 1)))
                        .values()
                        .iterator()
                        .next());
    }

    @Test
    void theStateTheLastEventToCountLeftIsTheDerivedState() {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            List<ConsentDerivation.Fact> facts = randomHistory(random, true);
            ConsentDerivation.Fact last = facts.stream()
                    .max(Comparator.comparing(ConsentDerivation.Fact::effectiveAt)
                            .thenComparingLong(ConsentDerivation.Fact::arrival))
                    .orElseThrow();
            assertEquals(facts.size(), ConsentDerivation.statesLeft(facts).size());
            assertEquals(state(facts), ConsentDerivation.statesLeft(facts).get(last.id()));
        }
    }

    /**
     * Eight events of any action at random minutes: the person's own, or (with {@code others}) some by systems; now
     * and then the expiry of a double opt-in.
     */
    private List<ConsentDerivation.Fact> randomHistory(Random random, boolean others) {
        List<ConsentDerivation.Fact> facts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            int pick = random.nextInt(5);
            if (pick == 4) {
                facts.add(expiry(random.nextInt(1000)));
                continue;
            }
            ConsentAction action = ConsentAction.values()[pick];
            facts.add(
                    others && random.nextBoolean()
                            ? byOthers(action, random.nextInt(1000))
                            : fact(action, random.nextInt(1000), random.nextBoolean()));
        }
        return facts;
    }

    /** The pending-expiry job's event, read as the ledger and the import read it: a WITHDRAW by ADMIN naming it. */
    private ConsentDerivation.Fact expiry(int minute) {
        Instant at = T0.plusSeconds(60L * minute);
        return ConsentDerivation.Fact.of(
                UUID.randomUUID(),
                WITHDRAW,
                false,
                at,
                ++arrival,
                at,
                ConsentSource.ADMIN,
                new Proof(null, null, null, ConsentEvent.PENDING_EXPIRY, null));
    }

    @Test
    void theExpiryIsReadFromTheEventsFormOnly() {
        assertTrue(expiry(1).pendingExpiry());
        assertFalse(expiry(1).personsOwn(), "nobody withdrew");
        Proof byExpiry = new Proof(null, null, null, ConsentEvent.PENDING_EXPIRY, null);
        Instant at = T0;
        assertFalse(
                ConsentDerivation.Fact.of(UUID.randomUUID(), WITHDRAW, false, at, 1, at, ConsentSource.API, byExpiry)
                        .pendingExpiry());
        assertFalse(
                ConsentDerivation.Fact.of(UUID.randomUUID(), OBJECT, false, at, 1, at, ConsentSource.ADMIN, byExpiry)
                        .pendingExpiry());
        ConsentDerivation.Fact adminWithdrawal = ConsentDerivation.Fact.of(
                UUID.randomUUID(),
                WITHDRAW,
                false,
                at,
                1,
                at,
                ConsentSource.ADMIN,
                new Proof(null, null, null, "operator-7", null));
        assertFalse(adminWithdrawal.pendingExpiry());
        assertTrue(adminWithdrawal.personsOwn());
    }

    @Test
    void anExpiredDoubleOptInWithNothingBeforeLeavesNoneSinceTheExpiry() {
        ConsentDerivation.Fact grant = fact(GRANT, 1, true);
        ConsentDerivation.Fact expiry = expiry(100);
        ConsentDerivation.Outcome outcome = ConsentDerivation.derive(List.of(grant, expiry));
        assertEquals(ConsentState.NONE, outcome.state());
        assertNull(outcome.basis(), "no consent, so no basis");
        assertEquals(expiry.id(), outcome.eventId(), "the projection names why it is NONE");
        assertEquals(expiry.occurredAt(), outcome.since());
        assertEquals(
                ConsentState.NONE,
                ConsentDerivation.statesLeft(List.of(grant, expiry)).get(expiry.id()));
        assertFalse(ConsentDerivation.closedByThePerson(List.of(grant, expiry)));
    }

    /**
     * Whatever the pair was before the double opt-in, the expiry puts it back: the same state, event and time. A
     * consent already confirmed does not wait again, and its expiry finds nothing to drop.
     */
    @ParameterizedTest
    @CsvSource({"GRANTED", "WITHDRAWN", "OBJECTED"})
    void anExpiredDoubleOptInPutsBackWhatWasBefore(ConsentState before) {
        List<ConsentDerivation.Fact> facts = new ArrayList<>(reach(before));
        ConsentDerivation.Outcome was = ConsentDerivation.derive(facts);
        facts.add(fact(GRANT, 10, true));
        facts.add(fact(GRANT, 11, true));
        assertEquals(before == ConsentState.GRANTED ? ConsentState.GRANTED : ConsentState.PENDING, state(facts));
        facts.add(expiry(100));
        assertEquals(was, ConsentDerivation.derive(facts));
    }

    @Test
    void aPersonsOptOutStaysClosedThroughAnExpiryAndAnExpiryClosesNothing() {
        ConsentDerivation.Fact optOut = fact(WITHDRAW, 1);
        List<ConsentDerivation.Fact> facts =
                new ArrayList<>(List.of(fact(GRANT, 0), optOut, fact(GRANT, 2, true), expiry(50)));
        assertTrue(ConsentDerivation.closedByThePerson(facts));
        facts.add(byOthers(GRANT, 60));
        assertEquals(optOut.id(), ConsentDerivation.derive(facts).eventId(), "a client's grant still changes nothing");
        // Where the person had closed nothing, a system's grant after an expiry counts as it would have before it.
        List<ConsentDerivation.Fact> open = List.of(fact(GRANT, 1, true), expiry(50), byOthers(GRANT, 60));
        assertFalse(ConsentDerivation.closedByThePerson(open));
        assertEquals(ConsentState.GRANTED, state(open));
    }

    @Test
    void anExpiryThatFindsNothingWaitingChangesNothing() {
        ConsentDerivation.Fact confirm = fact(CONFIRM, 2);
        ConsentDerivation.Fact expiry = expiry(50);
        List<ConsentDerivation.Fact> confirmed = List.of(fact(GRANT, 1, true), confirm, expiry);
        assertEquals(confirm.id(), ConsentDerivation.derive(confirmed).eventId());
        assertEquals(
                ConsentState.GRANTED, ConsentDerivation.statesLeft(confirmed).get(expiry.id()));
        assertEquals(ConsentState.NONE, state(List.of(expiry(3))));
        // A confirmation that counts after the expiry finds nothing waiting either.
        assertEquals(ConsentState.NONE, state(List.of(fact(GRANT, 1, true), expiry(50), fact(CONFIRM, 60))));
    }
}
