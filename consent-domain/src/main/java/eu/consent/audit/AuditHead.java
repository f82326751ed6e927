package eu.consent.audit;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/**
 * The chain's last link, in a single row. Appending locks this row first, so concurrent writers queue up instead of
 * forking the chain, on one server or many sharing the database.
 */
@Entity
@Table(name = "audit_head")
public class AuditHead {

    static final int THE_ONLY_ROW = 1;

    @Id
    private int id;

    private long seq;

    @Column(name = "hash")
    private String hash;

    protected AuditHead() {}

    long seq() {
        return seq;
    }

    String hash() {
        return hash;
    }

    void advanceTo(AuditEntry entry) {
        this.seq = entry.seq();
        this.hash = entry.hash();
    }
}
