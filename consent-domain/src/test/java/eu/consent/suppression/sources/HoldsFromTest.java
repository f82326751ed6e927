package eu.consent.suppression.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The moment a list's dated line makes its entry hold from ({@link SuppressionSources#holdsFrom}). */
class HoldsFromTest {

    private static final Instant NOW = Instant.parse("2026-12-06T15:30:00.250Z");

    @Test
    void aLineToTheSecondHoldsFromItsInstant() {
        assertEquals(
                Instant.parse("2026-12-01T09:15:00Z"),
                SuppressionSources.holdsFrom(Instant.parse("2026-12-01T09:15:00Z"), NOW));
    }

    @Test
    void aDayAloneHoldsFromItsEndSoAnOptInThatMorningDoesNotOutweighIt() {
        assertEquals(
                Instant.parse("2026-12-01T23:59:59.999Z"),
                SuppressionSources.holdsFrom(Instant.parse("2026-12-01T00:00:00Z"), NOW));
    }

    @Test
    void nothingHoldsFromLaterThanNow() {
        assertEquals(NOW, SuppressionSources.holdsFrom(Instant.parse("2026-12-06T00:00:00Z"), NOW), "today alone");
        assertEquals(NOW, SuppressionSources.holdsFrom(NOW.plusSeconds(120), NOW), "a clock minutes fast");
    }
}
