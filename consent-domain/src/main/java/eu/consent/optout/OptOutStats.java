package eu.consent.optout;

import eu.consent.shared.InvalidInputException;
import eu.consent.shared.Times;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Opt-out statistics for charts, the one implementation behind the API and the console: PEOPLE who opted out (a
 * contact counts once per bucket however many opt-out events they caused; the contact id outlives an erasure as a dead
 * id, so an erased person still counts once; an opt-out of nobody we hold counts as one), the events, and the messages
 * reported sent ({@code send_log}) with the rate per thousand of them. Plain portable SQL (Derby, PostgreSQL); the
 * rolling up into weeks and the distinct counting across days happen here, since week arithmetic is not portable SQL.
 */
@ApplicationScoped
public class OptOutStats {

    /** One bar of a chart: opt-out events, distinct people, sends measured against and the rate (null: no sends). */
    /**
     * One bar of a chart. {@code count} is the people, as the contract's "counts for charts: people who opted out (not
     * events)" says; until 2026-12-06 it was the events, which are now {@code events}. {@code people} stays, the same
     * number, for the clients that read it.
     */
    public record Bucket(String key, long count, long events, long people, long sent, Double ratePerThousand) {}

    /** A whole chart: the buckets and, over the whole period, the distinct people, events, sends and rate. */
    public record Counts(long people, long events, long sent, Double ratePerThousand, List<Bucket> buckets) {}

    /** People who opted out in one period (a UTC day, or a week by its Monday) for one value of a split. */
    public record DayCount(LocalDate day, String key, long people) {}

    /**
     * A series: the people of each period and value, the distinct people of each period (not the sum of its values: a
     * person who left two purposes is one person), and of the whole range.
     */
    public record PeriodCounts(List<DayCount> byValue, Map<LocalDate, Long> people, long overall) {}

    /**
     * Groupings: the portable SQL of the opt-out's value (none for the periods) and of the send's value it is measured
     * against (none: every send of the period, as sends have no reason or opt-out source).
     */
    public enum By {
        DAY(null, "CAST(sent_at AS DATE)"),
        WEEK(null, "CAST(sent_at AS DATE)"),
        REASON("COALESCE(feedback_reason, 'NONE')", null),
        PURPOSE("COALESCE(purpose_key, '*')", "purpose_key"),
        CHANNEL("channel", "channel"),
        SOURCE("source", null);

        final String expression;
        final String sendExpression;

        By(String expression, String sendExpression) {
            this.expression = expression;
            this.sendExpression = sendExpression;
        }

        public static By of(String raw) {
            for (By by : values()) {
                if (by.name().equalsIgnoreCase(raw)) {
                    return by;
                }
            }
            throw new InvalidInputException("by", "must be one of day, week, reason, purpose, channel, source");
        }
    }

    /** The key a global opt-out (of every prospecting purpose on a channel) has when grouped by purpose. */
    static final String ALL_PURPOSES = "*";

    @PersistenceContext(unitName = "consent")
    EntityManager em;

    /** Opt-outs in {@code [from, to)}, of one purpose or (null) all, grouped as asked. */
    public Counts count(Instant from, Instant to, By by, String purpose) {
        Times.checkPeriod(from, to);
        return tally(by, scan(from, to, by, purpose), sends(from, to, by, purpose));
    }

    /**
     * People who opted out per period ({@link By#DAY} or {@link By#WEEK}, a week named by its Monday) and value of
     * {@code split} in {@code [from, to)}, of all purposes: a person counts once per period and value, however many
     * days of the period they opted out on.
     */
    public PeriodCounts peopleByPeriod(Instant from, Instant to, By period, By split) {
        Times.checkPeriod(from, to);
        return perPeriod(period, scan(from, to, split, null));
    }

    /** Rolls the rows up per period and value, counting each person once in each, in each period and overall. */
    static PeriodCounts perPeriod(By period, List<Row> rows) {
        if (period != By.DAY && period != By.WEEK) {
            throw new IllegalArgumentException("not a period: " + period);
        }
        Map<LocalDate, Map<String, Tally>> periods = new TreeMap<>();
        Map<LocalDate, Tally> totals = new TreeMap<>();
        Tally all = new Tally();
        for (Row row : rows) {
            LocalDate start = period == By.WEEK ? weekOf(row.day()) : row.day();
            periods.computeIfAbsent(start, d -> new TreeMap<>())
                    .computeIfAbsent(row.key(), k -> new Tally())
                    .add(row);
            totals.computeIfAbsent(start, d -> new Tally()).add(row);
            all.add(row);
        }
        List<DayCount> counts = new ArrayList<>();
        periods.forEach((day, keys) -> keys.forEach((key, t) -> counts.add(new DayCount(day, key, t.people()))));
        Map<LocalDate, Long> people = new TreeMap<>();
        totals.forEach((day, t) -> people.put(day, t.people()));
        return new PeriodCounts(counts, people, all.people());
    }

    /** Messages reported sent per UTC day in {@code [from, to)}. */
    public Map<LocalDate, Long> sendsByDay(Instant from, Instant to) {
        Times.checkPeriod(from, to);
        Map<LocalDate, Long> days = new TreeMap<>();
        sends(from, to, By.DAY, null).forEach((day, n) -> days.put(LocalDate.parse(day), n));
        return days;
    }

    /** Opt-out events of one UTC day, one value and one contact (null: nobody we hold). */
    record Row(LocalDate day, String key, String contact, long events) {}

    /** Rolls the rows up into the buckets of {@code by}, counting each person once per bucket and once overall. */
    static Counts tally(By by, List<Row> rows, Map<String, Long> sends) {
        Map<String, Tally> buckets = new TreeMap<>();
        Tally all = new Tally();
        for (Row row : rows) {
            buckets.computeIfAbsent(bucketOf(by, row), k -> new Tally()).add(row);
            all.add(row);
        }
        long totalSent = sends.values().stream().mapToLong(Long::longValue).sum();
        List<Bucket> list = new ArrayList<>();
        buckets.forEach((key, t) -> {
            long sent = sentFor(by, key, sends, totalSent);
            list.add(new Bucket(key, t.people(), t.events, t.people(), sent, rate(t.people(), sent)));
        });
        return new Counts(all.people(), all.events, totalSent, rate(all.people(), totalSent), list);
    }

    private static String bucketOf(By by, Row row) {
        return switch (by) {
            case DAY -> row.day().toString();
            case WEEK -> weekOf(row.day()).toString();
            default -> row.key();
        };
    }

    /** The ISO week a day is in, named by its Monday. */
    static LocalDate weekOf(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    }

    private static long sentFor(By by, String key, Map<String, Long> sends, long totalSent) {
        return switch (by) {
            case DAY, CHANNEL -> sends.getOrDefault(key, 0L);
            // a global opt-out leaves every purpose's messages
            case PURPOSE -> ALL_PURPOSES.equals(key) ? totalSent : sends.getOrDefault(key, 0L);
            case WEEK ->
                sends.entrySet().stream()
                        .filter(e ->
                                weekOf(LocalDate.parse(e.getKey())).toString().equals(key))
                        .mapToLong(Map.Entry::getValue)
                        .sum();
            case REASON, SOURCE -> totalSent;
        };
    }

    private static Double rate(long people, long sent) {
        return sent == 0 ? null : people * 1000.0 / sent;
    }

    /** Distinct people of a bucket: contacts once each, opt-outs of nobody we hold one each. */
    private static final class Tally {
        private final Set<String> contacts = new HashSet<>();
        private long anonymous;
        private long events;

        void add(Row row) {
            events += row.events();
            if (row.contact() == null) {
                anonymous += row.events();
            } else {
                contacts.add(row.contact());
            }
        }

        long people() {
            return contacts.size() + anonymous;
        }
    }

    private List<Row> scan(Instant from, Instant to, By by, String purpose) {
        String key = by.expression == null ? "" : ", " + by.expression;
        String sql = "SELECT CAST(occurred_at AS DATE)" + key + ", contact_id, COUNT(*) FROM opt_out"
                + " WHERE occurred_at >= ? AND occurred_at < ?" + (purpose == null ? "" : " AND purpose_key = ?")
                + " GROUP BY CAST(occurred_at AS DATE)" + key + ", contact_id";
        List<Row> rows = new ArrayList<>();
        for (Object[] r : rows(sql, from, to, purpose)) {
            int c = by.expression == null ? 1 : 2;
            rows.add(new Row(
                    day(r[0]),
                    c == 2 ? String.valueOf(r[1]) : null,
                    r[c] == null ? null : r[c].toString().strip(),
                    ((Number) r[c + 1]).longValue()));
        }
        return rows;
    }

    /** Sends per value of the grouping's send expression (a day as ISO date), or all under one key. */
    private Map<String, Long> sends(Instant from, Instant to, By by, String purpose) {
        String key = by.sendExpression == null ? "purpose_key" : by.sendExpression;
        String sql = "SELECT " + key + ", COUNT(*) FROM send_log WHERE sent_at >= ? AND sent_at < ?"
                + (purpose == null ? "" : " AND purpose_key = ?") + " GROUP BY " + key;
        Map<String, Long> sends = new TreeMap<>();
        for (Object[] r : rows(sql, from, to, purpose)) {
            String value = key.startsWith("CAST") ? day(r[0]).toString() : String.valueOf(r[0]);
            sends.merge(value, ((Number) r[1]).longValue(), Long::sum);
        }
        return sends;
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql, Instant from, Instant to, String purpose) {
        var query =
                em.createNativeQuery(sql).setParameter(1, Timestamp.from(from)).setParameter(2, Timestamp.from(to));
        if (purpose != null) {
            query.setParameter(3, purpose);
        }
        return query.getResultList();
    }

    /** A SQL DATE as the driver returns it (java.sql.Date prints as an ISO date). */
    private static LocalDate day(Object value) {
        return value instanceof java.sql.Date d
                ? d.toLocalDate()
                : LocalDate.parse(String.valueOf(value).substring(0, 10));
    }
}
