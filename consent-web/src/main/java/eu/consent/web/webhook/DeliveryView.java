package eu.consent.web.webhook;

import eu.consent.webhook.WebhookAttempt;
import eu.consent.webhook.Webhooks;
import java.time.Instant;
import java.util.List;

/**
 * One event sent (or to send) to a subscription: where it stands, and every attempt with status and duration. A pending
 * message queued behind an earlier one of its contact names it ({@code waitingFor}) and says the earliest it can go,
 * not before that one's next try nor now (it goes once that one is delivered): until 2026-12-07 it showed its own creation time, a "next try" in the past that never happened
 * (tester AK's F6).
 */
public record DeliveryView(
        String id,
        String eventId,
        String type,
        String status,
        Integer lastStatus,
        String lastError,
        Long durationMs,
        Instant createdAt,
        Instant deliveredAt,
        Instant nextAttemptAt,
        String waitingFor,
        List<AttemptView> attempts) {

    /** One attempt: when, the HTTP status (null: no answer, see {@code error}) and how long it took. */
    public record AttemptView(Instant at, Integer status, long durationMs, String error) {
        static AttemptView of(WebhookAttempt a) {
            return new AttemptView(a.attemptedAt(), a.statusCode(), a.durationMs(), a.error());
        }
    }

    static DeliveryView of(Webhooks.Delivery d) {
        var m = d.message();
        var waiting = d.waitingFor();
        return new DeliveryView(
                m.id().toString(),
                m.eventId(),
                m.eventType(),
                m.status().name(),
                m.lastStatus(),
                m.lastError(),
                m.lastDurationMs(),
                m.createdAt(),
                m.deliveredAt(),
                waiting == null
                        ? m.nextAttemptAt()
                        : later(later(m.nextAttemptAt(), waiting.nextAttemptAt()), Instant.now()),
                waiting == null ? null : waiting.id().toString(),
                d.attempts().stream().map(AttemptView::of).toList());
    }

    private static Instant later(Instant a, Instant b) {
        return a == null ? b : b == null || a.isAfter(b) ? a : b;
    }
}
