package eu.consent.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/** One link of the audit chain. Append-only: no method changes an entry once made. */
@Entity
@Table(name = "audit_entry")
public class AuditEntry {

    @Id
    private long seq;

    @Column(name = "occurred_at")
    private Instant occurredAt;

    private String actor;
    private String action;

    @Column(name = "subject_type")
    private String subjectType;

    @Column(name = "subject_id")
    private String subjectId;

    private String details;

    @Column(name = "prev_hash")
    private String prevHash;

    private String hash;

    protected AuditEntry() {}

    /** The entry that follows {@code previous} (seq and hash) in the chain; its own seal covers every field. */
    AuditEntry(
            AuditKey key,
            long previousSeq,
            String previousHash,
            Instant occurredAt,
            String actor,
            String action,
            String subjectType,
            String subjectId,
            String details) {
        this.seq = previousSeq + 1;
        this.prevHash = Objects.requireNonNull(previousHash);
        this.occurredAt = Objects.requireNonNull(occurredAt);
        this.actor = Objects.requireNonNull(actor);
        this.action = Objects.requireNonNull(action);
        this.subjectType = Objects.requireNonNull(subjectType);
        this.subjectId = subjectId;
        this.details = details;
        this.hash = key.seal(this);
    }

    public long seq() {
        return seq;
    }

    public Instant occurredAt() {
        return occurredAt;
    }

    public String actor() {
        return actor;
    }

    public String action() {
        return action;
    }

    public String subjectType() {
        return subjectType;
    }

    public String subjectId() {
        return subjectId;
    }

    public String details() {
        return details;
    }

    public String prevHash() {
        return prevHash;
    }

    public String hash() {
        return hash;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AuditEntry that && seq == that.seq;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(seq);
    }
}
