package eu.consent.preference;

import eu.consent.purpose.Channel;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One reported send. */
@Entity
@Table(name = "send_log")
public class Send {

    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "contact_id")
    private String contactId;

    @Column(name = "purpose_key")
    private String purposeKey;

    @Enumerated(EnumType.STRING)
    private Channel channel;

    @Column(name = "sent_at")
    private Instant sentAt;

    protected Send() {}

    Send(UUID contactId, String purposeKey, Channel channel, Instant sentAt) {
        this.id = UUID.randomUUID().toString();
        this.contactId = contactId.toString();
        this.purposeKey = purposeKey;
        this.channel = channel;
        this.sentAt = sentAt;
    }
}
