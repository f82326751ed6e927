package eu.consent.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * How far the chain was last verified, so that the nightly check only walks what came since: one row, seeded at the
 * genesis (sequence 0) by the migrations.
 */
@Entity
@Table(name = "audit_anchor")
public class AuditAnchor {

    static final int THE_ONLY_ROW = 1;

    @Id
    private int id;

    private long seq;
    private String hash;

    @Column(name = "verified_at")
    private Instant verifiedAt;

    protected AuditAnchor() {}

    void moveTo(long seq, String hash, Instant verifiedAt) {
        this.seq = seq;
        this.hash = hash;
        this.verifiedAt = verifiedAt;
    }

    public long seq() {
        return seq;
    }

    public String hash() {
        return hash;
    }

    public Instant verifiedAt() {
        return verifiedAt;
    }
}
