package eu.consent.shared;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;

/** Time rules shared by every feature: stored instants are millisecond-precise, the future is only a clock skew away. */
public final class Times {

    /** How far in the future a client's clock may be before an {@code occurredAt} is refused. */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    /**
     * The first and last instants a client may send: years 1 to 9999, what every database we support stores (Derby's
     * TIMESTAMP holds no more) and what RFC 3339's four-digit year writes. {@link Instant} reads a signed year of up to
     * nine digits, and such an instant then broke a query, an insert or date arithmetic: a 500 instead of a 422.
     */
    public static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59.999999999Z");

    /** How a refusal of an instant outside {@link #EARLIEST} and {@link #LATEST} puts it. */
    public static final String OUT_OF_RANGE = "must be between the years 0001 and 9999";

    static final String FUTURE = "must not be in the future";

    /**
     * The earliest moment a client may say something happened (a consent, an activity, a provider's event, an imported
     * line): nothing this service records took place before 1970. Years 1 to 1969 were accepted until 2026-12-07 and
     * then misplaced: the databases' date functions count days before 1582 in the Julian calendar, so an opt-out of
     * 1500-03-01 was counted on 1500-02-20 (tester AY's F4), and a consent signed in year 1 (AY's F1).
     */
    public static final Instant FLOOR = Instant.EPOCH;

    /** How a refusal of a date before {@link #FLOOR} puts it. */
    public static final String TOO_EARLY = "must not be before 1970-01-01T00:00:00Z";

    /**
     * RFC 3339's date-time: seconds always, a fraction only with digits, a zone always (Z or an offset); a signed or
     * longer year is read, to be refused as out of range ({@link #EARLIEST}).
     */
    private static final Pattern RFC_3339 = Pattern.compile(
            "[+-]?\\d{4,9}-\\d{2}-\\d{2}[Tt]\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?([Zz]|[+-]\\d{2}:\\d{2})");

    private static final DateTimeFormatter STRICT =
            DateTimeFormatter.ISO_OFFSET_DATE_TIME.withResolverStyle(ResolverStyle.STRICT);

    private Times() {}

    /**
     * A client's instant as RFC 3339 writes it ({@code 2026-01-31T12:00:00Z}, {@code …12:00:00.250+01:00}). {@link
     * Instant#parse} reads more: {@code 24:00:00} as the next midnight, a leap second {@code :60} as {@code :59}, a
     * dot without digits; the import refused the first two, so the API and the import read one date two ways.
     *
     * @throws DateTimeParseException when {@code text} is no such instant
     */
    public static Instant parseInstant(String text) {
        if (!RFC_3339.matcher(text).matches()) {
            throw new DateTimeParseException("not an RFC 3339 date-time", text, 0);
        }
        return OffsetDateTime.parse(text, STRICT).toInstant();
    }

    /** Whether the instant lies in the years a client may send (see {@link #EARLIEST}). */
    public static boolean inRange(Instant instant) {
        return !instant.isBefore(EARLIEST) && !instant.isAfter(LATEST);
    }

    /**
     * A client's instant, refused as a 422 on {@code field} when it lies outside the years 1 to 9999.
     *
     * @return the instant itself
     */
    public static Instant checkRange(Instant instant, String field) {
        if (instant != null && !inRange(instant)) {
            throw new InvalidInputException(field, OUT_OF_RANGE);
        }
        return instant;
    }

    /**
     * Why a client's date of something that happened is refused (before {@link #FLOOR}, or in the future past the
     * skew), or null.
     */
    public static String refusal(Instant at, Instant now) {
        String early = tooEarly(at);
        return early != null ? early : at.isAfter(now.plus(CLOCK_SKEW)) ? FUTURE : null;
    }

    /** Why a client's date of something that happened is refused as before {@link #FLOOR}, or null. */
    public static String tooEarly(Instant at) {
        return at.isBefore(FLOOR) ? TOO_EARLY : null;
    }

    /**
     * The date of a report the sender made about a moment of its own (a provider's bounce, complaint or unsubscribe),
     * to the millisecond: as reported up to the skew, and its arrival {@code now} when its clock runs further ahead (a
     * local time written with {@code Z}, a year 2099). Such a report is no less true for its date: refusing it lost
     * every other event sent with it (tester AY's F3, until 2026-12-07), as a suppression source's line so dated is
     * read as undated.
     */
    public static Instant asReceived(Instant reported, Instant now) {
        return reported.isAfter(now.plus(CLOCK_SKEW)) ? now : reported.truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * The moment something reported happened, never later than now: what an entry holds from, or a statistic counts
     * on, when a sender's clock runs a little fast (the contract's skew); now when it gave none.
     */
    public static Instant notAfterNow(Instant reported, Clock clock) {
        Instant now = now(clock);
        return reported == null || reported.isAfter(now) ? now : reported;
    }

    /** Millisecond precision round-trips through every database we support and through the audit hash. */
    public static Instant now(Clock clock) {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    /**
     * Refuses a period {@code [from, to)} that holds no instant: {@code from} at or after {@code to} is a client's
     * mistake (a swapped pair), answered as a 422 on {@code to} rather than as an empty list. An open end (null) is
     * fine.
     */
    public static void checkPeriod(Instant from, Instant to) {
        if (from != null && to != null && !from.isBefore(to)) {
            throw new InvalidInputException("to", "must be after from");
        }
    }

    /** The instant a client says something happened: defaults to now, never later than now plus the skew. */
    public static Instant occurredAt(Instant requested, Clock clock, String field) {
        Instant now = now(clock);
        if (requested == null) {
            return now;
        }
        String refusal = refusal(requested, now);
        if (refusal != null) {
            throw new InvalidInputException(field, refusal);
        }
        return requested.truncatedTo(ChronoUnit.MILLIS);
    }
}
