package eu.consent.webhook;

import eu.consent.audit.AuditLog;
import eu.consent.shared.ConflictException;
import eu.consent.shared.Cursor;
import eu.consent.shared.InvalidInputException;
import eu.consent.shared.Jsons;
import eu.consent.shared.NotFoundException;
import eu.consent.shared.Page;
import eu.consent.shared.Service;
import eu.consent.shared.Times;
import eu.consent.shared.Violations;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Subscriptions to webhooks (admin): create, read, delete, rotate the secret, enable again, see and redeliver. */
@Service
public class Webhooks {

    private static final java.util.logging.Logger LOG = java.util.logging.Logger.getLogger(Webhooks.class.getName());

    @PersistenceContext(unitName = "consent")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    AuditLog audit;

    @Inject
    WebhookSettings settings;

    @Inject
    WebhookOutbox outbox;

    @Inject
    SecretVault vault;

    @Inject
    SubscriptionRemoval removal;

    /** A new subscription and its secret, which is shown this once. */
    public record Created(Subscription subscription, String secret) {}

    /** A rotated secret, and until when the previous one still signs. */
    public record Rotated(Subscription subscription, String secret, Instant previousSecretUntil) {}

    /**
     * A message and every attempt made at it, oldest first; {@code waitingFor}, for a pending message, the earlier
     * pending message of its contact that must be delivered first (null: none, it goes at its own next try).
     */
    public record Delivery(WebhookMessage message, List<WebhookAttempt> attempts, WebhookMessage waitingFor) {}

    public Created subscribe(String url, List<String> eventNames, boolean includeIdentifiers) {
        URI target = settings.urlGuard().check(url);
        Set<WebhookEvent> events = events(eventNames);
        String secret = Signature.newSecret();
        UUID id = UUID.randomUUID();
        Subscription subscription = new Subscription(
                id, target, events, includeIdentifiers, vault.seal(id.toString(), secret), Times.now(clock));
        em.persist(subscription);
        audit.append(
                "WEBHOOK_CREATED",
                "webhook",
                subscription.id().toString(),
                Jsons.createObjectBuilder()
                        .add("events", String.join(",", eventNames))
                        .add("includeIdentifiers", includeIdentifiers)
                        .build()
                        .toString());
        outbox.refresh();
        return new Created(subscription, secret);
    }

    /** Subscriptions oldest first, paged by (creation time, id). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<Subscription> list(int limit, String after) {
        String list = "webhooks";
        Cursor.TimeAndId from = Cursor.decodeTimeAndId(list, after);
        return Page.of(
                list,
                em.createNamedQuery(Subscription.PAGE, Subscription.class)
                        .setParameter("t", from.time())
                        .setParameter("id", from.id())
                        .setMaxResults(limit + 1)
                        .getResultList(),
                limit,
                s -> new Cursor.TimeAndId(s.createdAt(), s.id().toString()).key());
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Subscription get(UUID id) {
        Subscription subscription = em.find(Subscription.class, id.toString());
        if (subscription == null) {
            throw new NotFoundException("webhook", id);
        }
        return subscription;
    }

    /**
     * Deletes a subscription with its messages and their attempts: nothing more is sent to it. Not one transaction but
     * steps: disabled first and committed, so the relay stops at once; then its messages, found through its own index,
     * a chunk per transaction ({@link MessageChunks}), so the work is its own backlog's whatever the rest of the outbox
     * holds and no opt-out waits on its locks; the row and the audit entry last. A delete cut short (a server stopped)
     * leaves it disabled and listed, and deleting it again finishes.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public void delete(UUID id) {
        removal.stopSending(id);
        Optional<SubscriptionRemoval.Position> next = Optional.of(SubscriptionRemoval.Position.START);
        while (next.isPresent()) {
            next = removal.forgetSome(id, next.get());
        }
        removal.remove(id);
    }

    /**
     * Seals every secret still stored in clear or under an older key of the ring; run at start, before the relay
     * signs anything. Returns how many subscriptions changed.
     */
    public int resealSecrets() {
        int sealed = 0;
        for (Subscription subscription :
                em.createNamedQuery(Subscription.ALL, Subscription.class).getResultList()) {
            try {
                sealed += subscription.reseal(vault) ? 1 : 0;
            } catch (IllegalStateException e) {
                // A key dropped from the ring too early: the server still starts (opt-outs must not wait on
                // webhooks); this subscription's deliveries fail until the key is back or its secret is rotated.
                LOG.severe(e.getMessage());
            }
        }
        return sealed;
    }

    /** A new secret; the previous one keeps signing (a second signature) until the overlap ends. */
    public Rotated rotateSecret(UUID id) {
        Subscription subscription = get(id);
        String secret = Signature.newSecret();
        Instant now = Times.now(clock);
        subscription.rotate(secret, now, settings.secretOverlap(), vault);
        audit.append("WEBHOOK_SECRET_ROTATED", "webhook", id.toString(), null);
        return new Rotated(subscription, secret, subscription.previousSecretUntil());
    }

    /** Enables a subscription that was disabled after failing; what is still pending for it is sent again. */
    public Subscription enable(UUID id) {
        Subscription subscription = get(id);
        subscription.enable();
        audit.append("WEBHOOK_ENABLED", "webhook", id.toString(), null);
        outbox.refresh();
        return subscription;
    }

    /**
     * The subscription's messages, newest first, each with its attempts. Ordered by the change's sequence and then by
     * id, and the cursor names both: the messages one audited change makes for many people (a chunk of the purge, an
     * import's opt-outs) share its sequence, and a cursor naming the sequence alone skipped the rest of them (tester
     * AM's F2, until 2026-12-07). A cursor of before then (the sequence alone) goes on as it did.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<Delivery> deliveries(UUID id, int limit, String after) {
        get(id);
        String list = "webhooks/" + id + "/deliveries";
        String key = Cursor.decode(list, after, k -> k.matches("\\d{1,18}(:[0-9a-f-]{36})?"));
        long before = key == null ? Long.MAX_VALUE : Long.parseLong(key.split(":")[0]);
        // No id: every message of that sequence comes after it (a new cursor), or none of them (an old one, which named
        // the last sequence shown).
        String beforeId = key == null ? "~" : key.contains(":") ? key.substring(key.indexOf(':') + 1) : "";
        // One more than a page, and one spare: Derby's read-committed scan once returned a message twice while the
        // relay recorded an attempt at it (the row rewritten during the scan, WebhookIT on 2026-12-07), so a message is
        // listed once by its id.
        List<WebhookMessage> read = em.createNamedQuery(WebhookMessage.OF_SUBSCRIPTION, WebhookMessage.class)
                .setParameter("subscription", id.toString())
                .setParameter("before", before)
                .setParameter("id", beforeId)
                .setMaxResults(limit + 2)
                .getResultList();
        Set<UUID> listed = new HashSet<>();
        List<WebhookMessage> messages =
                read.stream().filter(m -> listed.add(m.id())).limit(limit + 1L).toList();
        Map<String, WebhookMessage> heads = pendingHeads(id, messages);
        List<Delivery> rows = messages.stream()
                .map(m -> {
                    WebhookMessage head = m.status() == WebhookMessage.Status.PENDING ? heads.get(m.orderKey()) : null;
                    return new Delivery(
                            m,
                            em.createNamedQuery(WebhookAttempt.OF_MESSAGE, WebhookAttempt.class)
                                    .setParameter("message", m.id().toString())
                                    .getResultList(),
                            head == null || head.seq() >= m.seq() ? null : head);
                })
                .toList();
        return Page.of(
                list, rows, limit, d -> d.message().seq() + ":" + d.message().id());
    }

    /**
     * The oldest pending message of each order key that {@code messages}' pending ones have: the one the relay sends
     * first, which the others wait for (only the oldest pending message of a contact is ever due).
     */
    private Map<String, WebhookMessage> pendingHeads(UUID subscription, List<WebhookMessage> messages) {
        List<String> keys = messages.stream()
                .filter(m -> m.status() == WebhookMessage.Status.PENDING)
                .map(WebhookMessage::orderKey)
                .distinct()
                .toList();
        Map<String, WebhookMessage> heads = new HashMap<>();
        if (!keys.isEmpty()) {
            // The heads alone (the lowest seq of each key, through the order index): a receiver down for days leaves
            // thousands pending behind them, whose payloads a page need not read.
            Map<String, Long> lowest = new HashMap<>();
            em.createQuery(
                            "SELECT m.orderKey, MIN(m.seq) FROM WebhookMessage m WHERE m.subscriptionId = :subscription"
                                    + " AND m.status = :pending AND m.orderKey IN :keys GROUP BY m.orderKey",
                            Object[].class)
                    .setParameter("subscription", subscription.toString())
                    .setParameter("pending", WebhookMessage.Status.PENDING)
                    .setParameter("keys", keys)
                    .getResultList()
                    .forEach(row -> lowest.put((String) row[0], ((Number) row[1]).longValue()));
            if (!lowest.isEmpty()) {
                // Another key's lowest sequence may be this key's later message (one change made both): kept only as
                // its own key's lowest, or a person's second message stood as its own head (tester AM's F1).
                em
                        .createQuery(
                                "SELECT m FROM WebhookMessage m WHERE m.subscriptionId = :subscription"
                                        + " AND m.status = :pending AND m.seq IN :seqs",
                                WebhookMessage.class)
                        .setParameter("subscription", subscription.toString())
                        .setParameter("pending", WebhookMessage.Status.PENDING)
                        .setParameter("seqs", List.copyOf(new HashSet<>(lowest.values())))
                        .getResultList()
                        .stream()
                        .filter(m -> Long.valueOf(m.seq()).equals(lowest.get(m.orderKey())))
                        .forEach(m -> heads.put(m.orderKey(), m));
            }
        }
        return heads;
    }

    /** Queues a message again (a receiver that lost it, or one given up on); one already queued is a 409. */
    public WebhookMessage redeliver(UUID id, UUID messageId) {
        get(id);
        WebhookMessage message = em.find(WebhookMessage.class, messageId.toString());
        if (message == null || !message.subscriptionId().equals(id)) {
            throw new NotFoundException("delivery", messageId);
        }
        if (message.status() == WebhookMessage.Status.PENDING) {
            throw new ConflictException(
                    "delivery " + messageId + " is already queued; its next try is at " + message.nextAttemptAt());
        }
        message.redeliver(Times.now(clock));
        audit.append("WEBHOOK_REDELIVERY", "webhook", id.toString(), null);
        return message;
    }

    private static Set<WebhookEvent> events(List<String> names) {
        Violations v = new Violations();
        if (names == null || names.isEmpty()) {
            throw new InvalidInputException(
                    "events",
                    "name at least one of "
                            + EnumSet.allOf(WebhookEvent.class).stream()
                                    .map(WebhookEvent::wireName)
                                    .toList());
        }
        Set<WebhookEvent> events = EnumSet.noneOf(WebhookEvent.class);
        for (int i = 0; i < names.size(); i++) {
            String name = names.get(i);
            WebhookEvent event =
                    name == null ? null : WebhookEvent.byWireName(name).orElse(null);
            if (event == null) {
                v.add("events[" + i + "]", "is not an event: " + name);
            } else {
                events.add(event);
            }
        }
        v.throwIfAny();
        return events;
    }
}
