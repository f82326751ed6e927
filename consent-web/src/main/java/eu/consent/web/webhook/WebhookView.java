package eu.consent.web.webhook;

import eu.consent.webhook.Subscription;
import eu.consent.webhook.WebhookEvent;
import java.time.Instant;
import java.util.List;

/**
 * A subscription as admins see it; {@code secret} only in the answer that created it (null in every other answer),
 * {@code disabledReason} when failing deliveries disabled it.
 */
public record WebhookView(
        String id,
        String url,
        List<String> events,
        boolean includeIdentifiers,
        boolean active,
        Instant createdAt,
        Instant disabledAt,
        String disabledReason,
        Instant previousSecretValidUntil,
        String secret) {

    static WebhookView of(Subscription s, String secret) {
        return new WebhookView(
                s.id().toString(),
                s.url(),
                s.eventList().stream().map(WebhookEvent::wireName).toList(),
                s.includesIdentifiers(),
                s.isActive(),
                s.createdAt(),
                s.disabledAt(),
                s.disabledReason(),
                s.previousSecretUntil(),
                secret);
    }
}
