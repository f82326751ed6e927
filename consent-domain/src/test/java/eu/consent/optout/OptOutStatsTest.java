package eu.consent.optout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rolling up of opt-out rows into chart buckets: people once, weeks by their Monday, rates against sends. */
class OptOutStatsTest {

    private static final LocalDate SUNDAY = LocalDate.of(2026, 11, 29);
    private static final LocalDate MONDAY = SUNDAY.plusDays(1);
    private static final LocalDate TUESDAY = SUNDAY.plusDays(2);

    @Test
    void aPersonOptingOutOnTwoDaysOfOneWeekCountsOnceInThatWeek() {
        List<OptOutStats.Row> rows = List.of(
                new OptOutStats.Row(MONDAY, null, "a", 1),
                new OptOutStats.Row(TUESDAY, null, "a", 2),
                new OptOutStats.Row(SUNDAY, null, "a", 1),
                new OptOutStats.Row(TUESDAY, null, null, 2));
        OptOutStats.Counts weeks = OptOutStats.tally(
                OptOutStats.By.WEEK, rows, Map.of(SUNDAY.toString(), 1000L, TUESDAY.toString(), 500L));

        assertEquals(2, weeks.buckets().size());
        OptOutStats.Bucket before = weeks.buckets().get(0);
        assertEquals("2026-11-23", before.key());
        assertEquals(1, before.people());
        assertEquals(1000, before.sent());
        assertEquals(1.0, before.ratePerThousand());
        OptOutStats.Bucket week = weeks.buckets().get(1);
        assertEquals(MONDAY.toString(), week.key());
        assertEquals(5, week.events());
        assertEquals(3, week.count(), "a chart counts people");
        assertEquals(3, week.people(), "a once, and two opt-outs of nobody we hold");
        assertEquals(500, week.sent());
        assertEquals(6.0, week.ratePerThousand());
        assertEquals(3, weeks.people(), "a once over the whole period");
        assertEquals(6, weeks.events());
        assertEquals(1500, weeks.sent());
        assertEquals(2.0, weeks.ratePerThousand());
    }

    @Test
    void theConsoleSeriesCountsAPersonOncePerWeekButOncePerDayInDays() {
        List<OptOutStats.Row> rows = List.of(
                new OptOutStats.Row(MONDAY, "ONE_CLICK", "a", 1),
                new OptOutStats.Row(TUESDAY, "ONE_CLICK", "a", 1),
                new OptOutStats.Row(TUESDAY, "ONE_CLICK", "b", 1),
                new OptOutStats.Row(SUNDAY, "ONE_CLICK", "a", 1));

        assertEquals(
                List.of(
                        new OptOutStats.DayCount(LocalDate.of(2026, 11, 23), "ONE_CLICK", 1),
                        new OptOutStats.DayCount(MONDAY, "ONE_CLICK", 2)),
                OptOutStats.perPeriod(OptOutStats.By.WEEK, rows).byValue());
        assertEquals(
                List.of(
                        new OptOutStats.DayCount(SUNDAY, "ONE_CLICK", 1),
                        new OptOutStats.DayCount(MONDAY, "ONE_CLICK", 1),
                        new OptOutStats.DayCount(TUESDAY, "ONE_CLICK", 2)),
                OptOutStats.perPeriod(OptOutStats.By.DAY, rows).byValue());
    }

    /** A person who left two purposes on one day is two in the split, one in the day and one in the range. */
    @Test
    void aPeriodsPeopleAreDistinctNotTheSumOfItsValues() {
        List<OptOutStats.Row> rows = List.of(
                new OptOutStats.Row(MONDAY, "news", "a", 1),
                new OptOutStats.Row(MONDAY, "deals", "a", 1),
                new OptOutStats.Row(MONDAY, "deals", "b", 1),
                new OptOutStats.Row(TUESDAY, "news", "a", 1));
        OptOutStats.PeriodCounts days = OptOutStats.perPeriod(OptOutStats.By.DAY, rows);
        assertEquals(
                List.of(
                        new OptOutStats.DayCount(MONDAY, "deals", 2),
                        new OptOutStats.DayCount(MONDAY, "news", 1),
                        new OptOutStats.DayCount(TUESDAY, "news", 1)),
                days.byValue());
        assertEquals(Map.of(MONDAY, 2L, TUESDAY, 1L), days.people());
        assertEquals(2, days.overall(), "a and b, whatever the days and purposes");
    }

    @Test
    void purposesAreMeasuredAgainstTheirOwnSendsAndAGlobalOptOutAgainstAll() {
        List<OptOutStats.Row> rows = List.of(
                new OptOutStats.Row(MONDAY, "news", "a", 1),
                new OptOutStats.Row(TUESDAY, "news", "a", 1),
                new OptOutStats.Row(MONDAY, "*", "b", 1),
                new OptOutStats.Row(MONDAY, "deals", "b", 1));
        OptOutStats.Counts purposes =
                OptOutStats.tally(OptOutStats.By.PURPOSE, rows, Map.of("news", 200L, "other", 800L));

        assertEquals(
                List.of(
                        new OptOutStats.Bucket("*", 1, 1, 1, 1000, 1.0),
                        new OptOutStats.Bucket("deals", 1, 1, 1, 0, null),
                        new OptOutStats.Bucket("news", 1, 2, 1, 200, 5.0)),
                purposes.buckets());
        assertEquals(2, purposes.people());
    }

    @Test
    void withoutSendsThereIsNoRate() {
        OptOutStats.Counts reasons = OptOutStats.tally(
                OptOutStats.By.REASON, List.of(new OptOutStats.Row(MONDAY, "NONE", "a", 1)), Map.of());
        assertEquals(0, reasons.sent());
        assertNull(reasons.ratePerThousand());
        assertNull(reasons.buckets().get(0).ratePerThousand());
    }
}
