package eu.consent.purpose;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/** A reason to send messages, identified by its key; its kind decides which legal regime applies. */
@Entity
@Table(name = "purpose")
@NamedQuery(name = Purpose.PAGE, query = "SELECT p FROM Purpose p WHERE p.key > :after ORDER BY p.key")
@NamedQuery(name = Purpose.ALL, query = "SELECT p FROM Purpose p ORDER BY p.key")
public class Purpose {

    public static final String PAGE = "Purpose.page";
    public static final String ALL = "Purpose.all";

    @Id
    @Column(name = "purpose_key")
    private String key;

    @Enumerated(EnumType.STRING)
    private PurposeKind kind;

    /** Channel names, comma-separated in declaration order: a small set that is always read whole. */
    private String channels;

    @Column(name = "double_opt_in")
    private boolean doubleOptIn;

    @Column(name = "similar_to_purchases")
    private boolean similarToPurchases;

    /** Display names per locale, as a JSON object. */
    private String names;

    @Column(name = "created_at")
    private Instant createdAt;

    /** When it was retired; null while in use. */
    @Column(name = "retired_at")
    private Instant retiredAt;

    protected Purpose() {}

    Purpose(
            String key,
            PurposeKind kind,
            Set<Channel> channels,
            boolean doubleOptIn,
            boolean similarToPurchases,
            String namesJson,
            Instant createdAt) {
        if (channels.isEmpty()) {
            throw new IllegalArgumentException("a purpose uses at least one channel");
        }
        this.key = Objects.requireNonNull(key);
        this.kind = Objects.requireNonNull(kind);
        this.channels = EnumSet.copyOf(channels).stream().map(Enum::name).collect(Collectors.joining(","));
        this.doubleOptIn = doubleOptIn;
        this.similarToPurchases = similarToPurchases;
        this.names = Objects.requireNonNull(namesJson);
        this.createdAt = Objects.requireNonNull(createdAt);
    }

    public String key() {
        return key;
    }

    public PurposeKind kind() {
        return kind;
    }

    public Set<Channel> channels() {
        return Arrays.stream(channels.split(","))
                .map(Channel::valueOf)
                .collect(Collectors.toCollection(() -> EnumSet.noneOf(Channel.class)));
    }

    public boolean uses(Channel channel) {
        return channels().contains(channel);
    }

    public boolean requiresDoubleOptIn() {
        return doubleOptIn;
    }

    /** Whether an existing customer may receive it without consent (soft opt-in: similar products or services). */
    public boolean isSimilarToPurchases() {
        return similarToPurchases;
    }

    public String namesJson() {
        return names;
    }

    public Instant createdAt() {
        return createdAt;
    }

    /** Retired: no longer offered nor sent; its consents, notices and opt-outs stay as proof. */
    public boolean isRetired() {
        return retiredAt != null;
    }

    public Instant retiredAt() {
        return retiredAt;
    }

    /** Retires it; retiring again keeps the first date. */
    void retire(Instant now) {
        if (retiredAt == null) {
            retiredAt = Objects.requireNonNull(now);
        }
    }

    /** Puts a retired purpose back in use (an admin's correction of a mistaken retirement). */
    void reinstate() {
        retiredAt = null;
    }

    void rename(String namesJson) {
        this.names = Objects.requireNonNull(namesJson);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Purpose that && key.equals(that.key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }
}
