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
            // Not repeated: a careless client puts an email or a phone number where the id goes, and logs the problem
            // it is given (tester AO's F5: until 2026-12-07 the detail quoted the segment whole, at any length).
            throw new NotFoundException("no " + what + " has this id, which is not a UUID");
        }
    }

    public static UUID contact(String raw) {
        return uuid("contact", raw);
    }
}
