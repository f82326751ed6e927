package eu.consent.web;

import eu.consent.shared.Page;
import java.util.List;
import java.util.function.Function;

/** The API's list shape: {@code {"items": [...], "next": "<cursor or null>"}}. */
public record PageView<T>(List<T> items, String next) {

    public static <E, T> PageView<T> of(Page<E> page, Function<E, T> view) {
        return new PageView<>(page.items().stream().map(view).toList(), page.next());
    }
}
