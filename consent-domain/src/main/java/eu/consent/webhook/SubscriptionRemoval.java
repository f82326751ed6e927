package eu.consent.webhook;

import eu.consent.audit.AuditLog;
import eu.consent.shared.NotFoundException;
import eu.consent.shared.Service;
import eu.consent.shared.Times;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The steps of deleting a subscription, each its own transaction (see {@link Webhooks#delete}): stop sending, forget its
 * messages a chunk at a time, then remove it.
 */
@Service
public class SubscriptionRemoval {

    @PersistenceContext(unitName = "consent")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    AuditLog audit;

    @Inject
    WebhookOutbox outbox;

    /** Disables it (an already disabled one keeps its reason): from this commit on the relay sends it nothing. */
    public void stopSending(UUID id) {
        Subscription subscription = locked(id);
        Instant now = Times.now(clock);
        subscription.disable("being deleted since " + now + "; if it is still listed, delete it again", now);
        outbox.refresh();
    }

    /** Where a deletion's walk through the subscription's index has got to: (order key, seq) of the last message. */
    public record Position(String orderKey, long seq) {
        public static final Position START = new Position("", Long.MIN_VALUE);
    }

    /**
     * Forgets one chunk of its messages after {@code from}, with their attempts. Returns where the next chunk starts,
     * or empty when this one was the last.
     */
    public Optional<Position> forgetSome(UUID id, Position from) {
        List<Object[]> rows = em.createNamedQuery(WebhookMessage.IDS_OF_SUBSCRIPTION, Object[].class)
                .setParameter("subscription", id.toString())
                .setParameter("orderKey", from.orderKey())
                .setParameter("seq", from.seq())
                .setMaxResults(MessageChunks.SIZE)
                .getResultList();
        MessageChunks.remove(em, rows.stream().map(row -> (String) row[0]).toList());
        if (rows.size() < MessageChunks.SIZE) {
            return Optional.empty();
        }
        Object[] last = rows.get(rows.size() - 1);
        return Optional.of(new Position((String) last[1], ((Number) last[2]).longValue()));
    }

    /** Removes it and what the walk left (a message queued by a server that had not seen it disabled yet). */
    public void remove(UUID id) {
        Subscription subscription = locked(id);
        Optional<Position> next = Optional.of(Position.START);
        while (next.isPresent()) {
            next = forgetSome(id, next.get());
        }
        em.remove(subscription);
        audit.append("WEBHOOK_DELETED", "webhook", id.toString(), null);
        outbox.refresh();
    }

    private Subscription locked(UUID id) {
        Subscription subscription = em.find(Subscription.class, id.toString(), LockModeType.PESSIMISTIC_WRITE);
        if (subscription == null) {
            throw new NotFoundException("webhook", id);
        }
        return subscription;
    }
}
