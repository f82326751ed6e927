package eu.consent.suppression;

import eu.consent.purpose.Channel;
import eu.consent.purpose.IdentifierKind;
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
 * A block on one identifier for one channel, for every prospecting purpose ({@code purposeKey} null) or for one. The
 * identifier is only its keyed hash, so the entry can outlive the contact (an erased person stays blocked).
 */
@Entity
@Table(name = "suppression")
@NamedQuery(
        name = Suppression.OF_HASHES,
        query = "SELECT s FROM Suppression s WHERE s.identifierHash IN :hashes ORDER BY s.createdAt")
public class Suppression {

    public static final String OF_HASHES = "Suppression.ofHashes";

    /**
     * The scope rule of every entry, for the decisions and the import alike: an entry for one purpose covers that
     * purpose; an entry without one ({@code null}) covers every prospecting purpose on its channel, later ones too.
     */
    public static boolean covers(String entryPurposeKey, String purposeKey) {
        return entryPurposeKey == null || entryPurposeKey.equals(purposeKey);
    }

    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "identifier_hash")
    private String identifierHash;

    @Enumerated(EnumType.STRING)
    @Column(name = "identifier_kind")
    private IdentifierKind identifierKind;

    @Enumerated(EnumType.STRING)
    private Channel channel;

    @Column(name = "purpose_key")
    private String purposeKey;

    @Enumerated(EnumType.STRING)
    private SuppressionReason reason;

    private String source;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "recorded_at")
    private Instant recordedAt;

    /** When it was first said, kept when the entry is dated anew (null: never dated anew, {@link #createdAt}). */
    @Column(name = "first_said_at")
    private Instant firstSaidAt;

    protected Suppression() {}

    public Suppression(
            String identifierHash,
            IdentifierKind kind,
            Channel channel,
            String purposeKey,
            SuppressionReason reason,
            String source,
            Instant createdAt) {
        this(identifierHash, kind, channel, purposeKey, reason, source, createdAt, createdAt);
    }

    /**
     * An entry that holds from {@code createdAt}, written at {@code recordedAt}: the person's word reported after the
     * moment they gave it (a provider's event, a list's dated line) holds from that moment.
     */
    public Suppression(
            String identifierHash,
            IdentifierKind kind,
            Channel channel,
            String purposeKey,
            SuppressionReason reason,
            String source,
            Instant createdAt,
            Instant recordedAt) {
        this.id = UUID.randomUUID().toString();
        this.identifierHash = Objects.requireNonNull(identifierHash);
        this.identifierKind = Objects.requireNonNull(kind);
        this.channel = Objects.requireNonNull(channel);
        this.purposeKey = purposeKey;
        this.reason = Objects.requireNonNull(reason);
        this.source = Objects.requireNonNull(source);
        this.createdAt = Objects.requireNonNull(createdAt);
        this.recordedAt = Objects.requireNonNull(recordedAt);
    }

    public UUID id() {
        return UUID.fromString(id);
    }

    public String identifierHash() {
        return identifierHash;
    }

    public IdentifierKind identifierKind() {
        return identifierKind;
    }

    public Channel channel() {
        return channel;
    }

    public String purposeKey() {
        return purposeKey;
    }

    public SuppressionReason reason() {
        return reason;
    }

    public String source() {
        return source;
    }

    /**
     * The moment the entry holds from: when it was made or, since 2026-12-06, last asked for again ({@link #renew});
     * since 2026-12-06 too, when the person said it, if that was before it reached the service.
     */
    public Instant createdAt() {
        return createdAt;
    }

    /**
     * When the entry was first said, before any repeat dated it anew: what tells whose word it is — the contact's who
     * held the identifier then —, where {@link #createdAt} orders it against consents. Until 2026-12-07 one date did
     * both, and a stop repeated after the CRM took the address from the person was dated past their holding and did
     * not follow them to their next address (tester BB's F4).
     */
    public Instant firstSaidAt() {
        return firstSaidAt == null ? createdAt : firstSaidAt;
    }

    /**
     * When the service last wrote the entry (added it or dated it anew): what the outbound files since a moment and
     * the listing follow.
     */
    public Instant recordedAt() {
        return recordedAt;
    }

    /**
     * Dates the entry from {@code at}: the same block was asked for again (a call centre records the person's second
     * "stop", a provider's list dates the address's new unsubscribe). The entry's time is what a consent the person
     * gave themselves is weighed against (an unsubscribe from all prospecting yields to a later one), so a repeat left
     * at the first date would stay overtaken by a consent given in between: acknowledged, yet without effect. The id
     * stays, so clients' references to the entry hold. Never moves back; returns whether it moved. {@code now}: when
     * this was written.
     */
    public boolean renew(Instant at, Instant now) {
        if (!at.isAfter(createdAt)) {
            return false;
        }
        firstSaidAt = firstSaidAt();
        createdAt = at;
        recordedAt = now;
        return true;
    }

    /**
     * Whether the outbound files send this entry to the providers' lists (their owner applies it too): an unsubscribe
     * from all prospecting on the channel, a complaint, a hard bounce. An unsubscribe from one purpose stays ours to
     * apply, since a provider's list stops every message, the purposes the person kept and their service mail included.
     */
    public boolean isForProviders() {
        return isForProviders(reason, purposeKey);
    }

    /** {@link #isForProviders()} of an entry of this reason, for one purpose ({@code null}: all prospecting). */
    public static boolean isForProviders(SuppressionReason reason, String purposeKey) {
        return switch (reason) {
            case UNSUBSCRIBED -> purposeKey == null;
            case COMPLAINT, HARD_BOUNCE -> true;
            default -> false;
        };
    }

    /**
     * Whether this is the entry that a request for this channel, purpose ({@code null}: all), reason and source asks
     * for on its identifier: such a request gets this entry, never a second one beside it (which a deletion of the
     * first would leave blocking, and which lists, exports and the audit would show twice).
     */
    public boolean isAskedBy(Channel channel, String purposeKey, SuppressionReason reason, String source) {
        return this.channel == channel
                && Objects.equals(this.purposeKey, purposeKey)
                && this.reason == reason
                && this.source.equals(source);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Suppression that && id.equals(that.id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }
}
