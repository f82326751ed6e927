package eu.consent.optout;

import eu.consent.shared.ConflictException;
import eu.consent.shared.InvalidInputException;
import eu.consent.shared.NotFoundException;
import eu.consent.shared.SqlStates;
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

    /** Attempts at one event, in all. */
    static final int ATTEMPTS = 3;

    private static final String LOCK_WAIT_TIMEOUT = "40XL1";

    @Inject
    EspEventApplier applier;

    /** Applies a batch whose every event was checked (a bad event refuses the batch before any is applied). */
    public int apply(List<EspEvent> events) {
        if (events.isEmpty()) {
            throw new InvalidInputException("body", EMPTY_BATCH);
        }
        events.forEach(this::applyOne);
        return events.size();
    }

    /**
     * One event in its own transaction, tried again (at most {@link #ATTEMPTS} times in all) when it lost to another
     * write: its person was erased between the event's look-up of the address and its lock of the contact (tried again,
     * the address is held by no one and is suppressed by hash, as the erased person's opt-out is kept), or the database
     * chose it as a deadlock's victim. Until 2026-12-07 an unsubscribe racing its person's erasure answered 404 for the
     * whole batch (naming the erased contact's id): the person's unsubscribe and every later event of the batch, other
     * people's complaints included, were lost, a 404 being final to a provider's webhook (tester AV's F3).
     */
    private void applyOne(EspEvent event) {
        for (int attempt = 1; ; attempt++) {
            try {
                applier.apply(event);
                return;
            } catch (NotFoundException | ConflictException lostToAnotherWrite) {
                if (attempt >= ATTEMPTS) {
                    // A race, not a missing resource: no 404, and never the id of a contact the request did not name.
                    throw new ConflictException("the holder of an address changed while its event was applied; events"
                            + " before it were applied, send the batch again (repeats change nothing)");
                }
            } catch (RuntimeException e) {
                // Not Derby's lock wait time-out (40XL1), which comes after a minute: the provider would have given up.
                if (attempt >= ATTEMPTS || !SqlStates.isTransient(e) || LOCK_WAIT_TIMEOUT.equals(SqlStates.of(e))) {
                    throw e;
                }
            }
        }
    }
}
