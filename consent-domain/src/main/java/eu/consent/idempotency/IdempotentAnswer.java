package eu.consent.idempotency;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Duration;
import java.time.Instant;

/**
 * The first answer given to a (caller, method, path, key): replayed for the same body until it expires. Status 0
 * marks a reservation whose request is still running. Written by {@link IdempotencyStore} in plain SQL (a reservation
 * must not wait for an entity's transaction); read here.
 */
@Entity
@Table(name = "idempotency_key")
public class IdempotentAnswer {

    /**
     * The request hash of an answer whose person was erased since: what it said is gone (and so is the hash of a body
     * that named them), and any request with its key gets 410 instead of running again, which would undo the erasure
     * (a retried creation re-creating the person).
     */
    static final String ERASED = "erased" + "-".repeat(58);

    /** The status an answer about an erased person replays. */
    public static final int GONE = 410;

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

    @Column(name = "contact_id")
    private String contactId;

    protected IdempotentAnswer() {}

    /** This answer as it is once forgotten (its row written so): only that the key was used, answered 410. */
    IdempotentAnswer forgotten() {
        IdempotentAnswer gone = new IdempotentAnswer();
        gone.scopeHash = scopeHash;
        gone.requestHash = ERASED;
        gone.status = GONE;
        gone.createdAt = createdAt;
        gone.expiresAt = expiresAt;
        return gone;
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

    /** The contact the answer is about, or null (none, or forgotten since). */
    public String contactId() {
        return contactId;
    }

    /**
     * True when the person this answer was about has been erased since: its body, location and request hash are gone,
     * and a request with its key gets a 410 problem until the key expires.
     */
    public boolean erased() {
        return status == GONE && ERASED.equals(requestHash);
    }

    /** True while the request that reserved the key runs. */
    public boolean running() {
        return status == 0;
    }

    Duration runningSince(Instant now) {
        return Duration.between(createdAt, now);
    }

    Instant createdAt() {
        return createdAt;
    }

    public boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }
}
