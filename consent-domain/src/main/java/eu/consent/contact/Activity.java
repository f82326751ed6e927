package eu.consent.contact;

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

/** Something a contact did, kept as evidence of activity (and returned by an access request). Immutable. */
@Entity
@Table(name = "activity")
@NamedQuery(
        name = Activity.OF_CONTACT,
        query = "SELECT a FROM Activity a WHERE a.contactId = :contactId ORDER BY a.occurredAt, a.id")
public class Activity {

    public static final String OF_CONTACT = "Activity.ofContact";

    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "contact_id")
    private String contactId;

    @Enumerated(EnumType.STRING)
    private ActivityType type;

    @Column(name = "occurred_at")
    private Instant occurredAt;

    @Column(name = "recorded_at")
    private Instant recordedAt;

    protected Activity() {}

    public Activity(UUID contactId, ActivityType type, Instant occurredAt, Instant recordedAt) {
        this.id = UUID.randomUUID().toString();
        this.contactId = contactId.toString();
        this.type = Objects.requireNonNull(type);
        this.occurredAt = Objects.requireNonNull(occurredAt);
        this.recordedAt = Objects.requireNonNull(recordedAt);
    }

    public ActivityType type() {
        return type;
    }

    public Instant occurredAt() {
        return occurredAt;
    }

    public Instant recordedAt() {
        return recordedAt;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Activity that && id.equals(that.id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }
}
