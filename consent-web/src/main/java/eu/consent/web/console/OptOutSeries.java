package eu.consent.web.console;

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
 * and the rate per thousand sends where there were any. The people come already counted per period by the domain's
 * statistics (a person once per week, not once per day of it); only the sends are summed here. Every period of the range is present, empty ones included, so
 * that a quiet day shows as a gap in the chart rather than disappearing.
 */
record OptOutSeries(List<LocalDate> periods, List<String> keys, long[][] people, long[] sends) {

    static OptOutSeries of(
            LocalDate first, LocalDate last, boolean weekly, List<DayCount> counts, Map<LocalDate, Long> sendsByDay) {
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
        long[] sends = new long[periods.size()];
        new TreeMap<>(sendsByDay).forEach((day, n) -> {
            Integer p = index.get(start(day, weekly));
            if (p != null) {
                sends[p] += n;
            }
        });
        return new OptOutSeries(periods, keys, people, sends);
    }

    private static LocalDate start(LocalDate day, boolean weekly) {
        return weekly ? day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)) : day;
    }

    long total(int period) {
        long sum = 0;
        for (long v : people[period]) {
            sum += v;
        }
        return sum;
    }

    /** Opt-outs per thousand sends in the period, or null when no send was reported. */
    Double ratePerThousand(int period) {
        return sends[period] == 0 ? null : total(period) * 1000.0 / sends[period];
    }
}
