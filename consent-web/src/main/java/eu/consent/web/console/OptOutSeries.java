package eu.consent.web.console;

import eu.consent.optout.OptOutStats;
import eu.consent.optout.OptOutStats.DayCount;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Opt-outs per period (day or ISO week starting Monday) and per split value, with the sends reported in each period
 * and the rate per thousand sends where there were any. The people come already counted by the domain's statistics
 * (a person once per week, not once per day of it; once per period, not once per value): only sends are summed here. Every period of the range is present, empty ones included, so
 * that a quiet day shows as a gap in the chart rather than disappearing.
 */
record OptOutSeries(
        List<LocalDate> periods, List<String> keys, long[][] people, long[] totals, long overall, long[] sends) {

    static OptOutSeries of(
            LocalDate first,
            LocalDate last,
            boolean weekly,
            OptOutStats.PeriodCounts series,
            Map<LocalDate, Long> sendsByDay) {
        List<DayCount> counts = series.byValue();
        Map<LocalDate, Integer> index = new LinkedHashMap<>();
        List<LocalDate> periods = new ArrayList<>();
        for (LocalDate d = start(first, weekly); !d.isAfter(last); d = d.plusDays(weekly ? 7 : 1)) {
            index.put(d, periods.size());
            periods.add(d);
        }
        List<String> keys =
                new ArrayList<>(new TreeSet<>(counts.stream().map(DayCount::key).toList()));
        long[][] people = new long[periods.size()][keys.size()];
        for (DayCount c : counts) {
            Integer p = index.get(start(c.day(), weekly));
            if (p != null) {
                people[p][keys.indexOf(c.key())] = c.people();
            }
        }
        long[] totals = new long[periods.size()];
        series.people().forEach((day, n) -> {
            Integer p = index.get(start(day, weekly));
            if (p != null) {
                totals[p] = n;
            }
        });
        long[] sends = new long[periods.size()];
        new TreeMap<>(sendsByDay).forEach((day, n) -> {
            Integer p = index.get(start(day, weekly));
            if (p != null) {
                sends[p] += n;
            }
        });
        return new OptOutSeries(periods, keys, people, totals, series.overall(), sends);
    }

    private static LocalDate start(LocalDate day, boolean weekly) {
        return weekly ? day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)) : day;
    }

    /** The distinct people of a period: a person who left two purposes that day counts once, as in the API. */
    long total(int period) {
        return totals[period];
    }

    /** Opt-outs per thousand sends in the period, or null when no send was reported. */
    Double ratePerThousand(int period) {
        return sends[period] == 0 ? null : total(period) * 1000.0 / sends[period];
    }
}
