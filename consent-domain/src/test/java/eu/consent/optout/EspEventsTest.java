package eu.consent.optout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import eu.consent.shared.ConflictException;
import eu.consent.shared.NotFoundException;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A batch of provider events: an event that lost to another write of its person (erased meanwhile, a deadlock) is
 * tried again in a transaction of its own, and the events after it are applied; one that keeps failing fails the batch.
 */
class EspEventsTest {

    /** Records each attempt; fails the first {@code failures} attempts at the events it is told to. */
    private static final class Applier extends EspEventApplier {
        final List<String> attempts = new ArrayList<>();
        final List<RuntimeException> failures = new ArrayList<>();
        final String failing;

        Applier(String failing, RuntimeException... failures) {
            this.failing = failing;
            this.failures.addAll(List.of(failures));
        }

        @Override
        public void apply(EspEvent e) {
            attempts.add(e.email());
            if (e.email().equals(failing) && !failures.isEmpty()) {
                throw failures.remove(0);
            }
        }
    }

    private static EspEvent event(EspEventType type, String email) {
        return new EspEvent(type, email, Instant.now(), "esp", null);
    }

    private static EspEvents with(Applier applier) {
        EspEvents events = new EspEvents();
        events.applier = applier;
        return events;
    }

    @Test
    void anUnsubscribeWhosePersonWasErasedMeanwhileIsTriedAgainAndTheBatchGoesOn() {
        Applier applier = new Applier("a@example.org", new NotFoundException("contact", "x"));
        int applied = with(applier)
                .apply(List.of(
                        event(EspEventType.UNSUBSCRIBE, "a@example.org"),
                        event(EspEventType.COMPLAINT, "b@example.org")));
        assertEquals(2, applied);
        assertEquals(List.of("a@example.org", "a@example.org", "b@example.org"), applier.attempts);
    }

    @Test
    void aDeadlockVictimIsTriedAgain() {
        Applier applier = new Applier(
                "a@example.org", new IllegalStateException("rolled back", new SQLException("deadlock", "40P01")));
        with(applier).apply(List.of(event(EspEventType.COMPLAINT, "a@example.org")));
        assertEquals(2, applier.attempts.size());
    }

    @Test
    void aLockWaitThatTimedOutIsNotTriedAgain() {
        Applier applier = new Applier(
                "a@example.org", new IllegalStateException("rolled back", new SQLException("lock wait", "40XL1")));
        assertThrows(IllegalStateException.class, () -> with(applier)
                .apply(List.of(event(EspEventType.COMPLAINT, "a@example.org"))));
        assertEquals(1, applier.attempts.size());
    }

    @Test
    void aFailureThatIsNotARaceIsNotTriedAgain() {
        Applier applier = new Applier("a@example.org", new IllegalStateException("a bug"));
        assertThrows(IllegalStateException.class, () -> with(applier)
                .apply(List.of(event(EspEventType.HARD_BOUNCE, "a@example.org"))));
        assertEquals(1, applier.attempts.size());
    }

    @Test
    void anEventThatKeepsLosingFailsTheBatchAfterItsAttempts() {
        NotFoundException gone = new NotFoundException("contact", "3f1c0a52-6a55-4d8c-9a51-0c5e4a8b7d10");
        Applier applier = new Applier("a@example.org", gone, gone, gone, gone);
        ConflictException conflict = assertThrows(ConflictException.class, () -> with(applier)
                .apply(List.of(event(EspEventType.UNSUBSCRIBE, "a@example.org"))));
        assertEquals(EspEvents.ATTEMPTS, applier.attempts.size());
        assertFalse(conflict.getMessage().contains("3f1c0a52"), "no id the request did not name: " + conflict);
    }
}
