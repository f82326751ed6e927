package eu.consent.webhook;

import eu.consent.shared.Service;
import eu.consent.shared.Times;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The relay's side of the outbox, one short transaction per step: pick what is due, claim one attempt (so two servers
 * never send the same attempt), and record how it went. A message still failing when its retry window closes is given
 * up and its subscription disabled with the reason, for an admin to see and enable again.
 */
@Service
public class Deliveries {

    @PersistenceContext(unitName = "consent")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    WebhookSettings settings;

    @Inject
    WebhookOutbox outbox;

    @Inject
    SecretVault vault;

    /** What one attempt sends: the body as queued, signed with every secret the subscription signs with now. */
    public record Request(UUID messageId, String webhookId, URI url, List<String> secrets, String payload) {}

    /**
     * The subscriptions (active) that have a message whose next try has come: each active one asked in turn, so the
     * cost of a poll grows with the subscriptions, not with what waits for the disabled ones.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<UUID> subscriptionsWithDue() {
        Instant now = Times.now(clock);
        return em.createNamedQuery(Subscription.ACTIVE, Subscription.class).getResultList().stream()
                .map(Subscription::id)
                .filter(id -> !em.createNamedQuery(WebhookMessage.DUE_OF_SUBSCRIPTION_ANY, String.class)
                        .setParameter("subscription", id.toString())
                        .setParameter("pending", WebhookMessage.Status.PENDING)
                        .setParameter("now", now)
                        .setMaxResults(1)
                        .getResultList()
                        .isEmpty())
                .toList();
    }

    /** The oldest pending message of each contact of one subscription whose next try has come, oldest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<WebhookMessage> dueFor(UUID subscription, int limit) {
        return em.createNamedQuery(WebhookMessage.DUE_OF_SUBSCRIPTION, WebhookMessage.class)
                .setParameter("subscription", subscription.toString())
                .setParameter("pending", WebhookMessage.Status.PENDING)
                .setParameter("now", Times.now(clock))
                .setMaxResults(limit)
                .getResultList();
    }

    /**
     * Takes the next attempt at a message and moves its next try out by the back-off before sending, so a server that
     * dies mid-send leaves a message that is simply tried again. Empty when another relay took this attempt first.
     */
    public Optional<Request> claim(WebhookMessage message) {
        Instant now = Times.now(clock);
        int updated = em.createNamedQuery(WebhookMessage.CLAIM)
                .setParameter("retryAt", now.plus(settings.backoff(message.attempts() + 1)))
                .setParameter("id", message.id().toString())
                .setParameter("attempts", message.attempts())
                .setParameter("pending", WebhookMessage.Status.PENDING)
                .executeUpdate();
        Subscription subscription =
                em.find(Subscription.class, message.subscriptionId().toString());
        if (updated != 1 || subscription == null || !subscription.isActive()) {
            return Optional.empty();
        }
        // The payload as it is now, under the claim's lock: the one read when the message was found due may predate
        // an erasure that has since removed the person's identifiers from it.
        WebhookMessage claimed = em.find(WebhookMessage.class, message.id().toString());
        List<String> secrets;
        try {
            secrets = subscription.signingSecrets(now, vault);
        } catch (IllegalStateException unreadable) {
            // Nothing can be signed until an admin rotates the secret: tried on every pass, it would only fail again.
            em.persist(new WebhookAttempt(message.id(), now, null, 0, unreadable.getMessage()));
            claimed.attemptFailed(null, 0, unreadable.getMessage());
            subscription.disable(unreadable.getMessage() + "; rotate the secret, then enable the subscription", now);
            outbox.refresh();
            return Optional.empty();
        }
        return Optional.of(new Request(
                message.id(), message.eventId(), URI.create(subscription.url()), secrets, claimed.payload()));
    }

    public void succeeded(UUID messageId, int httpStatus, long durationMs) {
        WebhookMessage message = locked(messageId);
        if (message == null) {
            return;
        }
        Instant now = Times.now(clock);
        em.persist(new WebhookAttempt(messageId, now, httpStatus, durationMs, null));
        message.delivered(httpStatus, durationMs, now);
    }

    /** Records a failed attempt; gives up on the message, and disables its subscription, once the window closed. */
    public void failed(UUID messageId, Integer httpStatus, long durationMs, String error) {
        WebhookMessage message = locked(messageId);
        if (message == null) {
            return;
        }
        Instant now = Times.now(clock);
        em.persist(new WebhookAttempt(messageId, now, httpStatus, durationMs, error));
        message.attemptFailed(httpStatus, durationMs, error);
        Duration trying = Duration.between(message.createdAt(), now);
        if (trying.compareTo(settings.retryWindow()) >= 0) {
            message.giveUp();
            Subscription subscription =
                    em.find(Subscription.class, message.subscriptionId().toString());
            if (subscription != null) {
                subscription.disable(
                        "no 2xx answer for " + trying.toSeconds() + " s (" + message.attempts()
                                + " attempts) to event " + message.eventId() + "; last: "
                                + (httpStatus == null ? error : "HTTP " + httpStatus),
                        now);
                outbox.refresh();
            }
        }
    }

    /**
     * Forgets a chunk of the messages delivered longer ago than the keep period, with their attempts (the operators'
     * view of recent deliveries stays, payloads naming people do not pile up); the relay calls it again while a whole
     * chunk went. Returns how many messages went.
     */
    public int forgetDelivered() {
        return MessageChunks.remove(
                em,
                em.createNamedQuery(WebhookMessage.IDS_DELIVERED_BEFORE, String.class)
                        .setParameter("delivered", WebhookMessage.Status.DELIVERED)
                        .setParameter("cutoff", Times.now(clock).minus(settings.keepDelivered()))
                        .setMaxResults(MessageChunks.SIZE)
                        .getResultList());
    }

    /**
     * The message, its row locked until the commit, or null once deleted: a deletion of the message (its subscription
     * deleted, or it was forgotten) waits for this attempt and deletes it too, or has gone first and nothing is
     * recorded for a message that is no more.
     */
    private WebhookMessage locked(UUID messageId) {
        return em.find(WebhookMessage.class, messageId.toString(), jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
    }

    /** Messages per status, for the metrics. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Map<WebhookMessage.Status, Long> countsByStatus() {
        Map<WebhookMessage.Status, Long> counts = new EnumMap<>(WebhookMessage.Status.class);
        for (WebhookMessage.Status status : WebhookMessage.Status.values()) {
            counts.put(status, 0L);
        }
        for (Object[] row : em.createNamedQuery(WebhookMessage.COUNT_BY_STATUS, Object[].class)
                .getResultList()) {
            counts.put((WebhookMessage.Status) row[0], ((Number) row[1]).longValue());
        }
        return counts;
    }
}
