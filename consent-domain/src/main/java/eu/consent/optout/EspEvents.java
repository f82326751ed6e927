package eu.consent.optout;

import eu.consent.shared.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;

/**
 * Applies bounce, complaint and unsubscribe events from email service providers. A hard bounce blocks the address for
 * everything (service mail too: it cannot be delivered); a complaint blocks all prospecting email; an unsubscribe is
 * a one-click; soft bounces block like a hard bounce once they reach a threshold within a window. Addresses we do not
 * hold are suppressed all the same (by hash only), and repeated events change nothing more.
 */
@ApplicationScoped
public class EspEvents {

    /** Why an empty batch is refused. */
    public static final String EMPTY_BATCH = "must be a non-empty array of events";

    @Inject
    EspEventApplier applier;

    /** Applies a batch whose every event was checked (a bad event refuses the batch before any is applied). */
    public int apply(List<EspEvent> events) {
        if (events.isEmpty()) {
            throw new InvalidInputException("body", EMPTY_BATCH);
        }
        events.forEach(applier::apply);
        return events.size();
    }
}
