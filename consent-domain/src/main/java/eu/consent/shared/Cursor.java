package eu.consent.shared;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.zip.CRC32;

/**
 * Opaque paging cursors: the key of the last row seen and a check of it and of the list that handed it out, URL-safe.
 * The check is not a secret (a cursor names nothing a client may not list anyway): it tells an edited or cut cursor
 * from one this service made, and one list's cursor from another's. Until 2026-12-06 there was none, and a cursor with
 * a character added or its end cut off still decoded to a key in the right form, which restarted the list inside the
 * same millisecond and handed rows already seen back to the client; and the next day's check still let a cursor of
 * {@code /webhooks} page {@code /suppressions} (both keyed by time and id), or one of the audit a subscription's
 * deliveries, from wherever its key happened to fall.
 */
public final class Cursor {

    private static final String PREFIX = "c:";
    private static final char CHECK = '#';

    private Cursor() {}

    /** The cursor pointing after {@code key} in {@code list} (a name of the list, with what scopes it: its parent). */
    public static String encode(String list, String key) {
        String raw = PREFIX + key + CHECK + check(list, key);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** Returns the key inside a cursor, or null for no cursor; a cursor we did not make is a 422 on {@code after}. */
    public static String decode(String list, String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            byte[] bytes = Base64.getUrlDecoder().decode(cursor);
            // Base64 ignores the low bits of a last character that carries fewer than 8 bits, so "…A" and "…B" can
            // decode alike: only the one spelling this class writes is taken.
            if (Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).equals(cursor)) {
                String raw = new String(bytes, StandardCharsets.UTF_8);
                int check = raw.lastIndexOf(CHECK);
                if (raw.startsWith(PREFIX) && check > 0) {
                    String key = raw.substring(PREFIX.length(), check);
                    if (raw.substring(check + 1).equals(check(list, key))) {
                        return key;
                    }
                }
            }
        } catch (IllegalArgumentException e) {
            // falls through to the 422 below
        }
        throw new InvalidInputException("after", "is not a cursor returned by this list");
    }

    /**
     * Eight hex digits of the CRC-32 of the list and the key: an edit, a cut or another list's cursor slips through
     * once in four billion.
     */
    private static String check(String list, String key) {
        CRC32 crc = new CRC32();
        crc.update((list + '\n' + key).getBytes(StandardCharsets.UTF_8));
        return String.format("%08x", crc.getValue());
    }

    /**
     * Returns the key inside a cursor, or null for no cursor, when the key {@code fits} the list (a purpose key, a
     * contact id): a cursor of another list, or one edited to name something else, is the 422 on {@code after}, never
     * an empty or shifted page.
     */
    public static String decode(String list, String cursor, Predicate<String> fits) {
        String key = decode(list, cursor);
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
    public static TimeAndId decodeTimeAndId(String list, String cursor) {
        String key = decode(list, cursor);
        if (key == null) {
            return TimeAndId.START;
        }
        int bar = key.indexOf('|');
        try {
            String id = key.substring(bar + 1);
            if (isUuid(id)) { // every (time, id) list is of rows with UUIDs
                return new TimeAndId(Instant.ofEpochMilli(Long.parseLong(key.substring(0, bar))), id);
            }
        } catch (RuntimeException e) {
            // falls through to the 422 below
        }
        throw new InvalidInputException("after", "is not a cursor returned by this list");
    }

    public static long decodeLong(String list, String cursor, long absent) {
        String key = decode(list, cursor);
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
