package eu.consent.suppression.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;

/** The moment a list's dated line makes its entry hold from ({@link SuppressionSources#holdsFrom}). */
class HoldsFromTest {

    /** Now, a quarter of a second past a whole second (no instant the test derives from it falls on a midnight). */
    private static final Instant NOW =
            Instant.now().truncatedTo(ChronoUnit.SECONDS).plusMillis(250);

    /** The first instant of the day {@code days} before today (UTC): a day alone, as a list's line gives it. */
    private static Instant dayBefore(int days) {
        return NOW.truncatedTo(ChronoUnit.DAYS).minus(days, ChronoUnit.DAYS);
    }

    @Test
    void aLineToTheSecondHoldsFromItsInstant() {
        Instant stamped = NOW.minus(5, ChronoUnit.DAYS);
        assertEquals(stamped, SuppressionSources.holdsFrom(stamped, NOW));
    }

    @Test
    void aDayAloneHoldsFromItsEndSoAnOptInThatMorningDoesNotOutweighIt() {
        assertEquals(
                dayBefore(5).plus(1, ChronoUnit.DAYS).minusMillis(1), SuppressionSources.holdsFrom(dayBefore(5), NOW));
    }

    @Test
    void nothingHoldsFromLaterThanNow() {
        assertEquals(NOW, SuppressionSources.holdsFrom(dayBefore(0), NOW), "today alone");
        assertEquals(NOW, SuppressionSources.holdsFrom(NOW.plusSeconds(120), NOW), "a clock minutes fast");
    }
}
