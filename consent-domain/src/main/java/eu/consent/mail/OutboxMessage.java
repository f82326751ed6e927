package eu.consent.mail;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/** A message waiting to be sent, or sent: attempts, the next try and the last error are kept for operators. */
@Entity
@Table(name = "mail_outbox")
@NamedQuery(
        name = OutboxMessage.DUE,
        query = "SELECT m FROM OutboxMessage m WHERE m.sentAt IS NULL AND m.nextAttemptAt <= :now"
                + " AND m.attempts < :maxAttempts ORDER BY m.nextAttemptAt")
@NamedQuery(
        name = OutboxMessage.CLAIM,
        query = "UPDATE OutboxMessage m SET m.attempts = m.attempts + 1, m.nextAttemptAt = :retryAt"
                + " WHERE m.id = :id AND m.attempts = :attempts AND m.sentAt IS NULL")
@NamedQuery(
        name = OutboxMessage.OF_CONTACT,
        query = "DELETE FROM OutboxMessage m WHERE m.contactId = :contact OR m.recipient = :recipient")
@NamedQuery(
        name = OutboxMessage.DONE_BEFORE,
        query = "DELETE FROM OutboxMessage m WHERE m.sentAt < :cutoff"
                + " OR (m.sentAt IS NULL AND m.attempts >= :maxAttempts AND m.nextAttemptAt < :cutoff)")
public class OutboxMessage {

    public static final String DUE = "OutboxMessage.due";
    public static final String CLAIM = "OutboxMessage.claim";
    public static final String OF_CONTACT = "OutboxMessage.deleteOfContact";
    public static final String DONE_BEFORE = "OutboxMessage.deleteDoneBefore";

    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "contact_id")
    private String contactId;

    private String recipient;
    private String subject;
    private String body;
    private int attempts;

    @Column(name = "next_attempt_at")
    private Instant nextAttemptAt;

    @Column(name = "sent_at")
    private Instant sentAt;

    @Column(name = "last_error")
    private String lastError;

    @Column(name = "created_at")
    private Instant createdAt;

    /** The grant a double opt-in request asks to confirm; null for any other mail. */
    @Column(name = "confirms_event", length = 36)
    private String confirmsEvent;

    protected OutboxMessage() {}

    /** A double opt-in request: the relay sends it only while {@code grant} still waits for its confirmation. */
    OutboxMessage(UUID contactId, String recipient, String subject, String body, Instant now, UUID grant) {
        this(contactId, recipient, subject, body, now);
        this.confirmsEvent = grant.toString();
    }

    OutboxMessage(UUID contactId, String recipient, String subject, String body, Instant now) {
        this.id = UUID.randomUUID().toString();
        this.contactId = contactId == null ? null : contactId.toString();
        this.recipient = Objects.requireNonNull(recipient);
        this.subject = Objects.requireNonNull(subject);
        this.body = Objects.requireNonNull(body);
        this.nextAttemptAt = now;
        this.createdAt = now;
    }

    void sent(Instant at) {
        this.sentAt = at;
        this.lastError = null;
    }

    /** Keeps why an attempt failed, never the address: SMTP errors name the recipient. */
    void failed(String error) {
        String safe = error == null ? "unknown error" : redact(error, recipient);
        this.lastError = safe.substring(0, Math.min(safe.length(), 1000));
    }

    /** The text with the recipient and anything shaped like an email address replaced, for logs and storage. */
    public static String redact(String text, String recipient) {
        String out = text;
        if (recipient != null && !recipient.isEmpty()) {
            out = out.replaceAll("(?i)" + java.util.regex.Pattern.quote(recipient), "<recipient>");
        }
        return out.replaceAll("[^\\s<>\"'(),;:]+@[^\\s<>\"'(),;:]+", "<address>");
    }

    public UUID id() {
        return UUID.fromString(id);
    }

    /** The grant this message asks to confirm, if it is a double opt-in request. */
    public java.util.Optional<UUID> confirms() {
        return java.util.Optional.ofNullable(confirmsEvent).map(UUID::fromString);
    }

    public String recipient() {
        return recipient;
    }

    public String subject() {
        return subject;
    }

    public String body() {
        return body;
    }

    public int attempts() {
        return attempts;
    }

    public Instant createdAt() {
        return createdAt;
    }

    public Instant sentAt() {
        return sentAt;
    }
}
