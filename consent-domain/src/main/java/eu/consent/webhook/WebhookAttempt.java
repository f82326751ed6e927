package eu.consent.webhook;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One try at delivering a message: when, the HTTP status (null when no answer came) and how long it took. */
@Entity
@Table(name = "webhook_attempt")
@NamedQuery(
        name = WebhookAttempt.OF_MESSAGE,
        query = "SELECT a FROM WebhookAttempt a WHERE a.messageId = :message ORDER BY a.attemptedAt, a.id")
@NamedQuery(
        name = WebhookAttempt.DELETE_OF_MESSAGE,
        query = "DELETE FROM WebhookAttempt a WHERE a.messageId = :message")
public class WebhookAttempt {

    /**
     * One message's attempts, by equality on {@code ix_webhook_attempt_message}. Never {@code message_id IN (SELECT …)}
     * nor {@code IN (?, ?, …)}: Derby ran the first as a join over every attempt in the outbox (minutes per webhook
     * deleted once the outbox held a backlog) and the second, from five ids or so, as a scan of every attempt.
     */
    public static final String OF_MESSAGE = "WebhookAttempt.ofMessage";

    public static final String DELETE_OF_MESSAGE = "WebhookAttempt.deleteOfMessage";

    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "message_id")
    private String messageId;

    @Column(name = "attempted_at")
    private Instant attemptedAt;

    @Column(name = "status_code")
    private Integer statusCode;

    @Column(name = "duration_ms")
    private long durationMs;

    private String error;

    protected WebhookAttempt() {}

    WebhookAttempt(UUID messageId, Instant attemptedAt, Integer statusCode, long durationMs, String error) {
        this.id = UUID.randomUUID().toString();
        this.messageId = messageId.toString();
        this.attemptedAt = attemptedAt;
        this.statusCode = statusCode;
        this.durationMs = durationMs;
        this.error = error == null ? null : error.substring(0, Math.min(error.length(), 1000));
    }

    public String messageId() {
        return messageId;
    }

    public Instant attemptedAt() {
        return attemptedAt;
    }

    public Integer statusCode() {
        return statusCode;
    }

    public long durationMs() {
        return durationMs;
    }

    public String error() {
        return error;
    }
}
