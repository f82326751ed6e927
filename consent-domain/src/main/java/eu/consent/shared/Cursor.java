package eu.consent.shared;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

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
