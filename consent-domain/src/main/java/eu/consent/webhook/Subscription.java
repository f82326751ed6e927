package eu.consent.webhook;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * A receiver of webhooks: its URL, the events it asked for, whether payloads may name the person, and its signing
 * secret (during a rotation the previous one too, until the overlap ends). A subscription that kept failing is
 * disabled with the reason; it is enabled again by an admin.
 */
@Entity
@Table(name = "webhook_subscription")
@NamedQuery(name = Subscription.ALL, query = "SELECT s FROM Subscription s ORDER BY s.createdAt, s.id")
@NamedQuery(
        name = Subscription.ACTIVE,
        query = "SELECT s FROM Subscription s WHERE s.disabledAt IS NULL ORDER BY s.createdAt, s.id")
public class Subscription {

    public static final String ALL = "Subscription.all";
    public static final String ACTIVE = "Subscription.active";

    @Id
    @Column(length = 36)
    private String id;

    private String url;
    private String events;

    @Column(name = "include_identifiers")
    private boolean includeIdentifiers;

    private String secret;

    @Column(name = "previous_secret")
    private String previousSecret;

    @Column(name = "previous_secret_until")
    private Instant previousSecretUntil;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "disabled_at")
    private Instant disabledAt;

    @Column(name = "disabled_reason")
    private String disabledReason;

    protected Subscription() {}

    Subscription(URI url, Set<WebhookEvent> events, boolean includeIdentifiers, String secret, Instant now) {
        if (events.isEmpty()) {
            throw new IllegalArgumentException("a subscription needs at least one event");
        }
        this.id = UUID.randomUUID().toString();
        this.url = url.toString();
        this.events = String.join(
                ",", events.stream().sorted().map(WebhookEvent::wireName).toList());
        this.includeIdentifiers = includeIdentifiers;
        this.secret = Objects.requireNonNull(secret);
        this.createdAt = now;
    }

    /** Starts signing with {@code next}; the current secret keeps signing too until the overlap is over. */
    void rotate(String next, Instant now, Duration overlap) {
        this.previousSecret = secret;
        this.previousSecretUntil = now.plus(overlap);
        this.secret = Objects.requireNonNull(next);
    }

    /** The secrets that sign a delivery made now: the current one first. */
    List<String> signingSecrets(Instant now) {
        List<String> secrets = new ArrayList<>(List.of(secret));
        if (previousSecret != null && previousSecretUntil != null && now.isBefore(previousSecretUntil)) {
            secrets.add(previousSecret);
        }
        return secrets;
    }

    void disable(String reason, Instant now) {
        if (disabledAt == null) {
            this.disabledAt = now;
            this.disabledReason = reason.substring(0, Math.min(reason.length(), 1000));
        }
    }

    void enable() {
        this.disabledAt = null;
        this.disabledReason = null;
    }

    public boolean wants(WebhookEvent event) {
        return eventList().contains(event);
    }

    public UUID id() {
        return UUID.fromString(id);
    }

    public String url() {
        return url;
    }

    public List<WebhookEvent> eventList() {
        return Arrays.stream(events.split(","))
                .map(name -> WebhookEvent.byWireName(name).orElseThrow())
                .toList();
    }

    public boolean includesIdentifiers() {
        return includeIdentifiers;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public boolean isActive() {
        return disabledAt == null;
    }

    public Instant disabledAt() {
        return disabledAt;
    }

    public String disabledReason() {
        return disabledReason;
    }

    /** When the previous secret stops signing, while a rotation's overlap lasts; else null. */
    public Instant previousSecretUntil() {
        return previousSecret == null ? null : previousSecretUntil;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Subscription s && id.equals(s.id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }
}
