package eu.consent.shared;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.function.Predicate;

/** Opaque paging cursors: the key of the last row seen, URL-safe, so clients cannot build or edit them by intent. */
public final class Cursor {

    private Cursor() {}

    public static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(("k:" + key).getBytes(StandardCharsets.UTF_8));
    }

    /** Returns the key inside a cursor, or null for no cursor; a cursor we did not make is a 422 on {@code after}. */
    public static String decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            if (raw.startsWith("k:")) {
                return raw.substring(2);
            }
        } catch (IllegalArgumentException e) {
            // falls through to the 422 below
        }
        throw new InvalidInputException("after", "is not a cursor returned by this list");
    }

    /**
     * Returns the key inside a cursor, or null for no cursor, when the key {@code fits} the list (a purpose key, a
     * contact id): a cursor of another list, or one edited to name something else, is the 422 on {@code after}, never
     * an empty or shifted page.
     */
    public static String decode(String cursor, Predicate<String> fits) {
        String key = decode(cursor);
        if (key != null && !fits.test(key)) {
            throw new InvalidInputException("after", "is not a cursor returned by this list");
        }
        return key;
    }

    /** True when {@code key} is a UUID as this service writes them (lower case, with dashes). */
    public static boolean isUuid(String key) {
        try {
            return UUID.fromString(key).toString().equals(key);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * A place in a list ordered by creation time, then id: the row it names was the last one seen. Times are
     * millisecond-precise ({@link Times#now}), so the key keeps epoch milliseconds.
     */
    public record TimeAndId(Instant time, String id) {

        /** Before every row. */
        public static final TimeAndId START = new TimeAndId(Instant.EPOCH, "");

        public String key() {
            return time.toEpochMilli() + "|" + id;
        }
    }

    /** The place a cursor of a (time, id) ordered list names, or {@link TimeAndId#START} for no cursor. */
    public static TimeAndId decodeTimeAndId(String cursor) {
        String key = decode(cursor);
        if (key == null) {
            return TimeAndId.START;
        }
        int bar = key.indexOf('|');
        try {
            return new TimeAndId(Instant.ofEpochMilli(Long.parseLong(key.substring(0, bar))), key.substring(bar + 1));
        } catch (RuntimeException e) {
            throw new InvalidInputException("after", "is not a cursor returned by this list");
        }
    }

    public static long decodeLong(String cursor, long absent) {
        String key = decode(cursor);
        if (key == null) {
            return absent;
        }
        try {
            return Long.parseLong(key);
        } catch (NumberFormatException e) {
            throw new InvalidInputException("after", "is not a cursor returned by this list");
        }
    }
}
