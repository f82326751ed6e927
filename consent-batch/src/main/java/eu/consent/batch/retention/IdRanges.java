package eu.consent.batch.retention;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the key space of contact ids (random UUIDs, lower-case hex) into contiguous ranges of equal width by their
 * first four hex digits, one per partition of the purge. Random ids fill the ranges evenly; ids compare as text in
 * the same order as the numbers their hex digits spell, so a range is a plain {@code id > after AND id < until}.
 */
public final class IdRanges {

    /** The most partitions a purge may ask for: more would only queue for the two to sixteen cores it runs on. */
    public static final int MAX = 32;

    private static final int SPACE = 0x10000;

    /** One range: ids after {@code after} (exclusive; "" for the first) and before {@code until} (null for the last). */
    public record Range(String after, String until) {

        public boolean contains(String id) {
            return id.compareTo(after) > 0 && (until == null || id.compareTo(until) < 0);
        }
    }

    private IdRanges() {}

    /** {@code n} ranges that cover every id exactly once, in key order. */
    public static List<Range> split(int n) {
        if (n < 1 || n > MAX) {
            throw new IllegalArgumentException("partitions must be between 1 and " + MAX + ", not " + n);
        }
        List<Range> ranges = new ArrayList<>(n);
        String after = "";
        for (int i = 1; i <= n; i++) {
            // A bound is a four-digit prefix: every id starting with it is longer and so sorts after it.
            String until = i == n ? null : String.format("%04x", (int) ((long) SPACE * i / n));
            ranges.add(new Range(after, until));
            after = until;
        }
        return ranges;
    }
}
