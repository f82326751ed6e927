package eu.consent.web.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.consent.optout.OptOutStats;
import eu.consent.optout.OptOutStats.DayCount;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The server-drawn charts and the series behind them. */
class BarChartTest {

    @Test
    void eachBarSliceNamesItsNumberAndLabelsAreEscaped() {
        String svg = BarChart.svg(
                "c",
                "Opt-outs <by> reason",
                "desc",
                new BarChart.Data(
                        List.of("2026-01-01", "2026-01-02"), List.of("a", "b"), new long[][] {{3, 0}, {1, 2}}),
                List.of("too <many>", "other"));
        assertTrue(svg.startsWith("<svg"));
        assertTrue(svg.contains("role=\"img\""));
        assertTrue(svg.contains("<title id=\"c-t\">Opt-outs &lt;by&gt; reason</title>"));
        assertTrue(svg.contains("2026-01-01 · too &lt;many&gt;: 3</title>"));
        assertTrue(svg.contains("2026-01-02 · other: 2</title>"));
        assertFalse(svg.contains("2026-01-01 · other"), "an empty slice draws nothing");
        assertEquals(3, svg.split("</rect>", -1).length - 1, "three slices with a number");
    }

    @Test
    void gridStepsAreRound() {
        assertEquals(1, BarChart.niceStep(1));
        assertEquals(2, BarChart.niceStep(7));
        assertEquals(5, BarChart.niceStep(15));
        assertEquals(50, BarChart.niceStep(170));
        assertEquals(1000, BarChart.niceStep(3999));
    }

    @Test
    void weeksStartOnMondayAndRatesNeedSends() {
        LocalDate wednesday = LocalDate.of(2026, 12, 2);
        OptOutSeries weekly = OptOutSeries.of(
                wednesday.minusDays(9),
                wednesday,
                true,
                new OptOutStats.PeriodCounts(
                        List.of(
                                // the domain counts people per week already, each week named by its Monday
                                new DayCount(LocalDate.of(2026, 11, 30), "ONE_CLICK", 3),
                                new DayCount(LocalDate.of(2026, 11, 30), "ESP", 2),
                                new DayCount(LocalDate.of(2026, 11, 23), "ESP", 4)),
                        // and once per week whatever the values: one person left by a click and by their provider
                        Map.of(LocalDate.of(2026, 11, 30), 3L, LocalDate.of(2026, 11, 23), 4L),
                        6),
                Map.of(wednesday, 3000L));
        assertEquals(List.of(LocalDate.of(2026, 11, 23), LocalDate.of(2026, 11, 30)), weekly.periods());
        assertEquals(List.of("ESP", "ONE_CLICK"), weekly.keys());
        assertEquals(4, weekly.total(0));
        assertEquals(3, weekly.total(1));
        assertEquals(null, weekly.ratePerThousand(0), "no sends reported: no rate");
        assertEquals(1.0, weekly.ratePerThousand(1), 1e-9);

        assertEquals(6, weekly.overall());
        OptOutSeries daily = OptOutSeries.of(
                wednesday.minusDays(2),
                wednesday,
                false,
                new OptOutStats.PeriodCounts(List.of(), Map.of(), 0),
                Map.of());
        assertEquals(3, daily.periods().size(), "quiet days are shown, empty");
    }
}
