package eu.consent.idempotency;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;

/** The first answer given to a (caller, method, path, key): replayed for the same body until it expires. */
@Entity
@Table(name = "idempotency_key")
public class IdempotentAnswer {

    @Id
    @Column(name = "scope_hash")
    private String scopeHash;

    @Column(name = "request_hash")
    private String requestHash;

    private int status;
    private String location;
    private String body;

    @Column(name = "created_at")
    private Instant createdAt;

    @Column(name = "expires_at")
    private Instant expiresAt;

    protected IdempotentAnswer() {}

    IdempotentAnswer(
            String scopeHash,
            String requestHash,
            int status,
            String location,
            String body,
            Instant createdAt,
            Instant expiresAt) {
        this.scopeHash = Objects.requireNonNull(scopeHash);
        this.requestHash = Objects.requireNonNull(requestHash);
        this.status = status;
        this.location = location;
        this.body = body;
        this.createdAt = Objects.requireNonNull(createdAt);
        this.expiresAt = Objects.requireNonNull(expiresAt);
    }

    public String requestHash() {
        return requestHash;
    }

    public int status() {
        return status;
    }

    public String location() {
        return location;
    }

    public String body() {
        return body;
    }

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
