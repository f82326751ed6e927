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
import java.util.List;
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
        "GRANTED, GRANT_DOI, PENDING",
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

    @Test
    void anyArrivalOrderOfTheSameEventsGivesTheSameState() {
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            List<ConsentDerivation.Fact> facts = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                ConsentAction action = ConsentAction.values()[random.nextInt(4)];
                facts.add(fact(action, random.nextInt(1000), random.nextBoolean()));
            }
            ConsentState expected = state(facts);
            Collections.shuffle(facts, random);
            assertEquals(expected, state(facts));
        }
    }
}
