package eu.consent.mail;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The relay stops for good on shutdown: no pass starts after it, and the stop waits for the pass under way. */
class OutboxRelayTest {

    /** An outbox that records what the relay asked of it; {@code release} holds the first step of a pass. */
    private static final class RecordingOutbox extends MailOutbox {
        final List<String> calls = new CopyOnWriteArrayList<>();
        final CountDownLatch entered = new CountDownLatch(1);
        final CountDownLatch release = new CountDownLatch(1);

        @Override
        public int forgetDelivered(Instant cutoff) {
            calls.add("forgetDelivered");
            entered.countDown();
            try {
                release.await(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            calls.add("forgotten");
            return 0;
        }

        @Override
        public List<OutboxMessage> due(int limit) {
            calls.add("due");
            return List.of();
        }
    }

    private static OutboxRelay relay(RecordingOutbox outbox) {
        OutboxRelay relay = new OutboxRelay();
        relay.outbox = outbox;
        relay.clock = Clock.systemUTC();
        relay.keepSent = Duration.ofDays(7);
        relay.pollSeconds = 5;
        return relay;
    }

    @Test
    void aStoppedRelayNeverTouchesTheOutboxAgain() {
        RecordingOutbox outbox = new RecordingOutbox();
        outbox.release.countDown();
        OutboxRelay relay = relay(outbox);
        relay.relay();
        assertEquals(List.of("forgetDelivered", "forgotten", "due"), outbox.calls);

        relay.stop();
        relay.start();
        relay.relay();
        assertEquals(
                List.of("forgetDelivered", "forgotten", "due"),
                outbox.calls,
                "no pass after the stop, no new schedule");
    }

    @Test
    void theStopWaitsForThePassUnderWayWhichEndsAtItsNextStep() throws Exception {
        RecordingOutbox outbox = new RecordingOutbox();
        OutboxRelay relay = relay(outbox);
        CompletableFuture<Void> pass = CompletableFuture.runAsync(relay::relay);
        assertTrue(outbox.entered.await(5, TimeUnit.SECONDS));

        CompletableFuture<Void> stop = CompletableFuture.runAsync(relay::stop);
        Thread.sleep(200);
        assertFalse(stop.isDone(), "the stop waits while a pass uses the outbox");

        outbox.release.countDown();
        stop.get(5, TimeUnit.SECONDS);
        assertEquals(
                List.of("forgetDelivered", "forgotten"),
                outbox.calls,
                "the step under way ended before the stop returned, and the pass went no further");
        pass.get(5, TimeUnit.SECONDS);
        assertEquals(List.of("forgetDelivered", "forgotten"), outbox.calls);
    }
}
