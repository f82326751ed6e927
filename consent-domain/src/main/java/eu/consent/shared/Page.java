package eu.consent.shared;

import java.util.List;

/** One page of a cursor-paged list; {@code next} is null on the last page. */
public record Page<T>(List<T> items, String next) {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 1000;

    /** Validates a client's {@code limit}: absent means the default, out of range is a 422. */
    public static int limit(String requested) {
        if (requested == null || requested.isEmpty()) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(requested);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // falls through to the 422 below
        }
        throw new InvalidInputException("limit", "must be a whole number between 1 and " + MAX_LIMIT);
    }

    /**
     * Builds a page from up to {@code limit + 1} rows: the extra row only tells that there is more, and the cursor
     * points after the last row returned, for {@code list} alone (see {@link Cursor#encode}).
     */
    public static <T> Page<T> of(String list, List<T> rows, int limit, java.util.function.Function<T, String> key) {
        if (rows.size() <= limit) {
            return new Page<>(List.copyOf(rows), null);
        }
        List<T> items = List.copyOf(rows.subList(0, limit));
        return new Page<>(items, Cursor.encode(list, key.apply(items.get(limit - 1))));
    }
}
