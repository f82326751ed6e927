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
 * secret (during a rotation the previous one too, until the overlap ends), both sealed by the {@link SecretVault} so
 * that the table never holds them in clear. A subscription that kept failing is disabled with the reason; it is enabled
 * again by an admin.
 */
@Entity
@Table(name = "webhook_subscription")
@NamedQuery(name = Subscription.ALL, query = "SELECT s FROM Subscription s ORDER BY s.createdAt, s.id")
@NamedQuery(
        name = Subscription.PAGE,
        query = "SELECT s FROM Subscription s WHERE s.createdAt > :t OR (s.createdAt = :t AND s.id > :id)"
                + " ORDER BY s.createdAt, s.id")
@NamedQuery(
        name = Subscription.ACTIVE,
        query = "SELECT s FROM Subscription s WHERE s.disabledAt IS NULL ORDER BY s.createdAt, s.id")
public class Subscription {

    public static final String ALL = "Subscription.all";
    public static final String PAGE = "Subscription.page";
    public static final String ACTIVE = "Subscription.active";

    @Id
    @Column(length = 36)
    private String id;

    private String url;
    private String events;

    @Column(name = "include_identifiers")
    private boolean includeIdentifiers;

    /** Sealed (see {@link SecretVault}); in clear only in rows written before V020 and not yet re-sealed. */
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

    Subscription(
            UUID id, URI url, Set<WebhookEvent> events, boolean includeIdentifiers, String sealedSecret, Instant now) {
        if (events.isEmpty()) {
            throw new IllegalArgumentException("a subscription needs at least one event");
        }
        this.id = id.toString();
        this.url = url.toString();
        this.events = String.join(
                ",", events.stream().sorted().map(WebhookEvent::wireName).toList());
        this.includeIdentifiers = includeIdentifiers;
        this.secret = Objects.requireNonNull(sealedSecret);
        this.createdAt = now;
    }

    /** Starts signing with {@code next}; the current secret keeps signing too until the overlap is over. */
    void rotate(String next, Instant now, Duration overlap, SecretVault vault) {
        // A secret whose key left the ring cannot sign any more: the rotation is then the way out, without overlap.
        this.previousSecret = vault.opens(id, secret) ? secret : null;
        this.previousSecretUntil = now.plus(overlap);
        this.secret = vault.seal(id, Objects.requireNonNull(next));
    }

    /** The secrets that sign a delivery made now, in clear: the current one first. */
    List<String> signingSecrets(Instant now, SecretVault vault) {
        List<String> secrets = new ArrayList<>(List.of(vault.open(id, secret)));
        if (previousSecret != null && previousSecretUntil != null && now.isBefore(previousSecretUntil)) {
            secrets.add(vault.open(id, previousSecret));
        }
        return secrets;
    }

    /**
     * Seals again under the vault's first key what is stored in clear or under an older key (at start: rows written
     * before secrets were sealed, or after a new key was put first in the ring). True when something changed.
     */
    boolean reseal(SecretVault vault) {
        boolean changed = false;
        if (!vault.isCurrent(secret)) {
            secret = vault.seal(id, vault.open(id, secret));
            changed = true;
        }
        if (previousSecret != null && !vault.isCurrent(previousSecret)) {
            previousSecret = vault.seal(id, vault.open(id, previousSecret));
            changed = true;
        }
        return changed;
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
