package eu.consent.webhook;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One event for one subscription: the exact body to POST, and where its delivery stands. Only the oldest pending
 * message of a (subscription, order key) is ever due, so a contact's events reach a receiver in the order they
 * were committed even when one of them needs retries.
 */
@Entity
@Table(name = "webhook_message")
@NamedQuery(
        name = WebhookMessage.DUE_OF_SUBSCRIPTION,
        query = "SELECT m FROM WebhookMessage m WHERE m.subscriptionId = :subscription AND m.status = :pending"
                + " AND m.nextAttemptAt <= :now"
                + " AND NOT EXISTS (SELECT e FROM WebhookMessage e WHERE e.subscriptionId = m.subscriptionId"
                + " AND e.orderKey = m.orderKey AND e.status = :pending AND e.seq < m.seq)"
                + " ORDER BY m.seq")
@NamedQuery(
        name = WebhookMessage.DUE_OF_SUBSCRIPTION_ANY,
        query = "SELECT m.id FROM WebhookMessage m WHERE m.subscriptionId = :subscription AND m.status = :pending"
                + " AND m.nextAttemptAt <= :now")
@NamedQuery(
        name = WebhookMessage.CLAIM,
        query = "UPDATE WebhookMessage m SET m.attempts = m.attempts + 1, m.nextAttemptAt = :retryAt"
                + " WHERE m.id = :id AND m.attempts = :attempts AND m.status = :pending")
@NamedQuery(
        name = WebhookMessage.OF_SUBSCRIPTION,
        query = "SELECT m FROM WebhookMessage m WHERE m.subscriptionId = :subscription AND m.seq <= :before"
                + " AND (m.seq < :before OR m.id < :id) ORDER BY m.seq DESC, m.id DESC")
@NamedQuery(
        name = WebhookMessage.WITH_IDENTIFIERS_OF_CONTACT,
        query = "SELECT m FROM WebhookMessage m WHERE m.contactId = :contact AND m.hasIdentifiers = TRUE")
@NamedQuery(
        name = WebhookMessage.IDS_OF_SUBSCRIPTION,
        query = "SELECT m.id, m.orderKey, m.seq FROM WebhookMessage m WHERE m.subscriptionId = :subscription"
                + " AND m.orderKey >= :orderKey AND NOT (m.orderKey = :orderKey AND m.seq <= :seq)"
                + " ORDER BY m.orderKey, m.seq")
@NamedQuery(
        name = WebhookMessage.IDS_DELIVERED_BEFORE,
        query = "SELECT m.id FROM WebhookMessage m WHERE m.status = :delivered AND m.deliveredAt < :cutoff")
@NamedQuery(name = WebhookMessage.DELETE_BY_ID, query = "DELETE FROM WebhookMessage m WHERE m.id = :id")
@NamedQuery(
        name = WebhookMessage.COUNT_BY_STATUS,
        query = "SELECT m.status, COUNT(m) FROM WebhookMessage m GROUP BY m.status")
public class WebhookMessage {

    public static final String DUE_OF_SUBSCRIPTION = "WebhookMessage.dueOfSubscription";
    /**
     * A message of one subscription due now, read for its first row only: a probe of
     * {@code ix_webhook_message_subscription_due}, asked of each active subscription in turn. A DISTINCT of the
     * subscriptions over the pending messages due read every one of them on each poll of the relay, those waiting for
     * disabled subscriptions too (1.85 s of CPU per poll with 150,000 waiting); Derby planned the same question as an
     * {@code EXISTS} per subscription no better (1.3–3 s over 150,000 rows, against 0.5 ms for the probes).
     */
    public static final String DUE_OF_SUBSCRIPTION_ANY = "WebhookMessage.dueOfSubscriptionAny";

    public static final String CLAIM = "WebhookMessage.claim";
    public static final String OF_SUBSCRIPTION = "WebhookMessage.ofSubscription";
    public static final String WITH_IDENTIFIERS_OF_CONTACT = "WebhookMessage.withIdentifiersOfContact";
    /**
     * A subscription's messages after a position, in the order of its own index ({@code ix_webhook_message_order}), a
     * chunk at a time: each chunk starts where the last one ended. Taking "the first chunk" again and again, PostgreSQL
     * chose a scan of the table that went past every row deleted so far, each time.
     */
    public static final String IDS_OF_SUBSCRIPTION = "WebhookMessage.idsOfSubscription";

    public static final String IDS_DELIVERED_BEFORE = "WebhookMessage.idsDeliveredBefore";
    public static final String DELETE_BY_ID = "WebhookMessage.deleteById";
    public static final String COUNT_BY_STATUS = "WebhookMessage.countByStatus";

    /** PENDING until answered 2xx (DELIVERED) or until the retry window closed on it (FAILED). */
    public enum Status {
        PENDING,
        DELIVERED,
        FAILED
    }

    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "subscription_id")
    private String subscriptionId;

    @Column(name = "event_id")
    private String eventId;

    @Column(name = "event_type")
    private String eventType;

    private long seq;

    @Column(name = "order_key")
    private String orderKey;

    @Column(name = "contact_id")
    private String contactId;

    @Column(name = "has_identifiers")
    private boolean hasIdentifiers;

    private String payload;

    @Enumerated(EnumType.STRING)
    private Status status;

    private int attempts;

    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;

    @Column(name = "last_status")
    private Integer lastStatus;

    @Column(name = "last_error")
    private String lastError;

    @Column(name = "last_duration_ms")
    private Long lastDurationMs;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "delivered_at")
    private Instant deliveredAt;

    protected WebhookMessage() {}

    WebhookMessage(UUID subscriptionId, OutgoingEvent event, String payload, Instant now) {
        this.id = UUID.randomUUID().toString();
        this.subscriptionId = subscriptionId.toString();
        this.eventId = event.id().toString();
        this.eventType = event.type().wireName();
        this.seq = event.seq();
        this.orderKey = event.orderKey();
        this.contactId = event.contactId() == null ? null : event.contactId().toString();
        this.hasIdentifiers = !event.identifiers().isEmpty();
        this.payload = Objects.requireNonNull(payload);
        this.status = Status.PENDING;
        this.nextAttemptAt = now;
        this.createdAt = now;
    }

    void delivered(int httpStatus, long durationMs, Instant at) {
        this.status = Status.DELIVERED;
        this.deliveredAt = at;
        this.nextAttemptAt = null;
        this.lastStatus = httpStatus;
        this.lastDurationMs = durationMs;
        this.lastError = null;
    }

    void attemptFailed(Integer httpStatus, long durationMs, String error) {
        this.lastStatus = httpStatus;
        this.lastDurationMs = durationMs;
        this.lastError = error == null ? null : error.substring(0, Math.min(error.length(), 1000));
    }

    /** The retry window closed: no more automatic attempts (a manual redelivery may still be asked for). */
    void giveUp() {
        this.status = Status.FAILED;
        this.nextAttemptAt = null;
    }

    /** Queued again by an admin: the next relay pass takes it, whatever happened before. */
    void redeliver(Instant now) {
        this.status = Status.PENDING;
        this.nextAttemptAt = now;
        this.deliveredAt = null;
    }

    /** Erasure: the payload keeps its ids and facts but loses the person's email and phone. */
    void replacePayload(String withoutIdentifiers) {
        this.payload = withoutIdentifiers;
        this.hasIdentifiers = false;
    }

    public UUID id() {
        return UUID.fromString(id);
    }

    public UUID subscriptionId() {
        return UUID.fromString(subscriptionId);
    }

    public String eventId() {
        return eventId;
    }

    public String eventType() {
        return eventType;
    }

    /** The order it is sent in: a contact's messages (or an identifier's, an import's) one after another. */
    public String orderKey() {
        return orderKey;
    }

    public long seq() {
        return seq;
    }

    public String contactId() {
        return contactId;
    }

    public String payload() {
        return payload;
    }

    public Status status() {
        return status;
    }

    public int attempts() {
        return attempts;
    }

    public Instant nextAttemptAt() {
        return status == Status.PENDING ? nextAttemptAt : null;
    }

    public Integer lastStatus() {
        return lastStatus;
    }

    public String lastError() {
        return lastError;
    }

    public Long lastDurationMs() {
        return lastDurationMs;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant deliveredAt() {
        return deliveredAt;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WebhookMessage m && id.equals(m.id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }
}
