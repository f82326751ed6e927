package eu.consent.web.pages;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Per-address and per-client windows, each on its own; a window's end lets requests through again. */
class LinkRequestLimiterTest {

    /** A clock the test moves. */
    private static final class Moving extends Clock {
        Instant now = Instant.parse("2026-11-23T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static LinkRequestLimiter limiter(Moving clock) {
        LinkRequestLimiter l = new LinkRequestLimiter();
        l.clock = clock;
        l.perAddress = 3;
        l.addressWindow = Duration.ofHours(1);
        l.perClient = 5;
        l.clientWindow = Duration.ofMinutes(10);
        l.check();
        return l;
    }

    @Test
    void limitsEachAddress() {
        Moving clock = new Moving();
        LinkRequestLimiter l = limiter(clock);
        for (int i = 0; i < 3; i++) {
            assertTrue(l.allow("a@example.com", "10.0.0." + i));
        }
        assertFalse(l.allow("a@example.com", "10.0.0.9"), "a fourth request for the address, from anywhere");
        assertTrue(l.allow("b@example.com", "10.0.0.9"), "another address is not affected");
        clock.now = clock.now.plus(Duration.ofHours(1));
        assertTrue(l.allow("a@example.com", "10.0.0.1"), "a new window");
    }

    @Test
    void limitsEachClient() {
        Moving clock = new Moving();
        LinkRequestLimiter l = limiter(clock);
        for (int i = 0; i < 5; i++) {
            assertTrue(l.allow("x" + i + "@example.com", "192.0.2.1"));
        }
        assertFalse(l.allow("y@example.com", "192.0.2.1"), "a sixth address from the same client");
        assertTrue(l.allow("y@example.com", "192.0.2.2"), "another client");
        clock.now = clock.now.plus(Duration.ofMinutes(10));
        assertTrue(l.allow("z@example.com", "192.0.2.1"));
    }
}
