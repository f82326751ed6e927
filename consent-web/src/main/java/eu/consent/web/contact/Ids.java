package eu.consent.web.contact;

import eu.consent.shared.NotFoundException;
import java.util.UUID;

/** Path ids: a contact id that is not even a UUID names nobody, so it is a 404 like any unknown id. */
public final class Ids {

    private Ids() {}

    public static UUID contact(String raw) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("contact", raw);
        }
    }
}
