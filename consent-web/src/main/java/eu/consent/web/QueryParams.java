package eu.consent.web;

import eu.consent.shared.InvalidInputException;
import eu.consent.shared.Times;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.UUID;

/** Query parameters read the same way everywhere: absent is null, malformed is a 422 naming the parameter. */
public final class QueryParams {

    private QueryParams() {}

    /** An ISO-8601 instant, or a date meaning its start in UTC, in the years 1 to 9999 ({@link Times#EARLIEST}). */
    public static Instant instant(String name, String raw) {
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        Instant read;
        try {
            read = Times.parseInstant(raw);
        } catch (DateTimeParseException e) {
            try {
                read = LocalDate.parse(raw).atStartOfDay(ZoneOffset.UTC).toInstant();
            } catch (DateTimeParseException again) {
                throw new InvalidInputException(name, "must be an ISO-8601 instant or date, e.g. 2026-01-31T12:00:00Z");
            }
        }
        return Times.checkRange(read, name);
    }

    /**
     * A filter naming something (a purpose, a source): absent is null, given empty or blank is a 422 (read as "no
     * filter" it handed out everything, read as the empty name it matched nothing: tester BC's F4), else the value
     * stripped.
     */
    public static String name(String name, String raw) {
        if (raw == null) {
            return null;
        }
        if (raw.isBlank()) {
            throw new InvalidInputException(name, "must not be empty: leave the parameter out for no filter");
        }
        return raw.strip();
    }

    /**
     * {@code true} or {@code false} (any case); absent is false. Anything else is refused rather than read as false,
     * as JAX-RS would read it: a {@code force=yes} must not quietly mean "no".
     */
    public static boolean bool(String name, String raw) {
        if (raw == null || raw.isEmpty() || raw.equalsIgnoreCase("false")) {
            return false;
        }
        if (raw.equalsIgnoreCase("true")) {
            return true;
        }
        throw new InvalidInputException(name, "must be true or false");
    }

    /**
     * A UUID filter: absent is no filter; given empty is a 422, not "no filter" — a script building {@code
     * ?contactId=$ID} with the variable unset would be handed every person's entries (tester BC's F4, until
     * 2026-12-07).
     */
    public static UUID uuid(String name, String raw) {
        if (raw == null) {
            return null;
        }
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(name, "must be a UUID");
        }
    }
}
