package eu.consent.optout;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A soft bounce, counted against a threshold in a window before the address is suppressed. */
@Entity
@Table(name = "soft_bounce")
@NamedQuery(
        name = SoftBounce.COUNT_SINCE,
        query = "SELECT COUNT(b) FROM SoftBounce b WHERE b.identifierHash = :hash AND b.occurredAt >= :since")
@NamedQuery(
        name = SoftBounce.SAME_REPORT,
        query = "SELECT COUNT(b) FROM SoftBounce b WHERE b.identifierHash = :hash AND b.provider = :provider"
                + " AND b.messageId IS NULL AND b.occurredAt = :at")
@NamedQuery(
        name = SoftBounce.SAME_MESSAGE,
        query = "SELECT COUNT(b) FROM SoftBounce b WHERE b.identifierHash = :hash AND b.provider = :provider"
                + " AND b.messageId = :messageId")
public class SoftBounce {

    public static final String COUNT_SINCE = "SoftBounce.countSince";
    public static final String SAME_MESSAGE = "SoftBounce.sameMessage";
    public static final String SAME_REPORT = "SoftBounce.sameReport";

    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "identifier_hash")
    private String identifierHash;

    private String provider;

    @Column(name = "message_id")
    private String messageId;

    @Column(name = "occurred_at")
    private Instant occurredAt;

    protected SoftBounce() {}

    SoftBounce(String identifierHash, String provider, String messageId, Instant occurredAt) {
        this.id = UUID.randomUUID().toString();
        this.identifierHash = identifierHash;
        this.provider = provider;
        this.messageId = messageId;
        this.occurredAt = occurredAt;
    }

    public String id() {
        return id;
    }
}
