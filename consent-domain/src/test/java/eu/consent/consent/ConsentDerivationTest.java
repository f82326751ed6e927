package eu.consent.consent;

import static eu.consent.consent.ConsentAction.CONFIRM;
import static eu.consent.consent.ConsentAction.GRANT;
import static eu.consent.consent.ConsentAction.OBJECT;
import static eu.consent.consent.ConsentAction.WITHDRAW;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

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

    @Test
    void tiesAreBrokenByArrival() {
        ConsentDerivation.Fact grant = fact(GRANT, 5);
        ConsentDerivation.Fact object = fact(OBJECT, 5);
        assertEquals(ConsentState.OBJECTED, state(List.of(object, grant)));
        ConsentDerivation.Fact grantAgain = fact(GRANT, 5);
        assertEquals(ConsentState.GRANTED, state(List.of(grantAgain, object, grant)));
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

    /** Eight events of any action at random minutes: the person's own, or (with {@code others}) some by systems. */
    private List<ConsentDerivation.Fact> randomHistory(Random random, boolean others) {
        List<ConsentDerivation.Fact> facts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            ConsentAction action = ConsentAction.values()[random.nextInt(4)];
            facts.add(
                    others && random.nextBoolean()
                            ? byOthers(action, random.nextInt(1000))
                            : fact(action, random.nextInt(1000), random.nextBoolean()));
        }
        return facts;
    }
}
