package eu.consent.web;

import eu.consent.shared.NotFoundException;
import java.util.UUID;

/**
 * Ids in paths read the same way everywhere: an id that is not even a UUID names nothing, so it is a 404 like any
 * unknown id (a malformed query parameter is a 422: {@link QueryParams}).
 */
public final class PathIds {

    private PathIds() {}

    /** @param what the kind of thing the path names, for the 404's detail, e.g. {@code contact} */
    public static UUID uuid(String what, String raw) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException(what, raw);
        }
    }

    public static UUID contact(String raw) {
        return uuid("contact", raw);
    }
}
