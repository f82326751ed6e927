package eu.consent.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HoldingsTest {

    private static final Instant NOW = Instant.now();
    private static final Holdings.Period HELD_BEFORE =
            new Holdings.Period("given-up", NOW.minusSeconds(3600), NOW.minusSeconds(60));

    @Test
    void anAddressHeldNowTakesItsRowsOutsideEveryPeriod() {
        List<Holdings.Share> shares = Holdings.shares(List.of("mine"), List.of(), Set.of());
        assertEquals(List.of(new Holdings.Share("mine", List.of(), true)), shares);
    }

    @Test
    void anAddressGivenUpToSomeoneElseTakesOnlyTheRowsOfTheFormerHoldersPeriod() {
        List<Holdings.Share> shares = Holdings.shares(List.of(), List.of(HELD_BEFORE), Set.of("given-up"));
        assertEquals(List.of(new Holdings.Share("given-up", List.of(HELD_BEFORE), false)), shares);
        assertEquals(List.of(), Holdings.unclaimed(shares));
        assertEquals(List.of(HELD_BEFORE), Holdings.periods(shares));
    }

    @Test
    void anAddressNobodyHoldsNowTakesItsPeriodAndTheRowsOfNobodysPeriod() {
        List<Holdings.Share> shares = Holdings.shares(List.of(), List.of(HELD_BEFORE), Set.of());
        assertEquals(List.of("given-up"), Holdings.unclaimed(shares));
        assertEquals(List.of(HELD_BEFORE), Holdings.periods(shares));
    }

    @Test
    void anAddressGivenUpAndHeldAgainTakesBoth() {
        List<Holdings.Share> shares = Holdings.shares(List.of("given-up"), List.of(HELD_BEFORE), Set.of("given-up"));
        assertEquals(List.of(new Holdings.Share("given-up", List.of(HELD_BEFORE), true)), shares);
    }
}
