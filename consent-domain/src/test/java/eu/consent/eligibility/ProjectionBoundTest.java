package eu.consent.eligibility;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The projection's automatic bound follows the heap: a quarter of it, between a floor and a ceiling. */
class ProjectionBoundTest {

    private static final long MB = 1024L * 1024;

    @Test
    void aQuarterOfTheHeapAtTheMeasuredSizeOfOneProjection() {
        assertEquals(1024 * MB / 4 / DecisionService.PROJECTION_BYTES, DecisionService.projectionsFor(1024 * MB));
    }

    @Test
    void aLargeHeapStopsAtTheCeiling() {
        assertEquals(DecisionService.MAX_AUTO_PROJECTIONS, DecisionService.projectionsFor(64 * 1024 * MB));
    }

    @Test
    void aTinyHeapStillKeepsAFloor() {
        assertEquals(1_000, DecisionService.projectionsFor(MB));
    }
}
