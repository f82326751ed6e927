package eu.consent.suppression.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/** The moment an undated line that comes back to its list holds from ({@link ReturningLine}). */
class ReturningLineTest {

    private static final Instant NOW = Instant.now();

    @Test
    void aLineBackTheNightAfterItLeftHoldsFromItsOldEntry() {
        Instant held = NOW.minus(3, ChronoUnit.DAYS);
        assertEquals(held, ReturningLine.holdsFrom(held, NOW.minus(1, ChronoUnit.DAYS), NOW));
    }

    @Test
    void aLineNeverRemovedHoldsFromTheResync() {
        assertEquals(NOW, ReturningLine.holdsFrom(null, null, NOW));
    }

    @Test
    void aLineBackLongAfterItLeftIsNewAndHoldsFromTheResync() {
        Instant removed = NOW.minus(ReturningLine.REMEMBERED).minus(1, ChronoUnit.HOURS);
        assertEquals(NOW, ReturningLine.holdsFrom(removed.minus(5, ChronoUnit.DAYS), removed, NOW));
    }

    @Test
    void anOldEntryDatedAheadOfTheClockHoldsFromNowAtTheLatest() {
        assertEquals(NOW, ReturningLine.holdsFrom(NOW.plus(1, ChronoUnit.HOURS), NOW.minus(1, ChronoUnit.DAYS), NOW));
    }
}
