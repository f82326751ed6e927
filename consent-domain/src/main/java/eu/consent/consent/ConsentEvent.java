package eu.consent.consent;

import eu.consent.purpose.Channel;
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

/**
 * One consent event: append-only proof of what a person chose, when, through what, having read which notice. No
 * method changes an event; the current state is derived from the events (see {@link ConsentDerivation}).
 */
@Entity
@Table(name = "consent_event")
@NamedQuery(
        name = ConsentEvent.OF_KEY,
        query = "SELECT e FROM ConsentEvent e WHERE e.contactId = :contact AND e.purposeKey = :purpose"
                + " AND e.channel = :channel ORDER BY e.occurredAt, e.arrival")
@NamedQuery(
        name = ConsentEvent.OF_CONTACT,
        query = "SELECT e FROM ConsentEvent e WHERE e.contactId = :contact ORDER BY e.occurredAt, e.arrival")
@NamedQuery(
        name = ConsentEvent.ALL_ORDERED,
        query = "SELECT e FROM ConsentEvent e ORDER BY e.contactId, e.purposeKey, e.channel, e.occurredAt, e.arrival")
@NamedQuery(
        name = ConsentEvent.OF_CONTACTS_ORDERED,
        query = "SELECT e FROM ConsentEvent e WHERE e.contactId IN :ids"
                + " ORDER BY e.contactId, e.purposeKey, e.channel, e.occurredAt, e.arrival")
@NamedQuery(
        name = ConsentEvent.LAST_ARRIVAL,
        query = "SELECT MAX(e.arrival) FROM ConsentEvent e WHERE e.contactId = :contact")
public class ConsentEvent {

    public static final String OF_KEY = "ConsentEvent.ofKey";
    public static final String OF_CONTACT = "ConsentEvent.ofContact";
    public static final String ALL_ORDERED = "ConsentEvent.allOrdered";
    public static final String OF_CONTACTS_ORDERED = "ConsentEvent.ofContactsOrdered";
    public static final String LAST_ARRIVAL = "ConsentEvent.lastArrival";

    /**
     * The agent named on the WITHDRAW that drops a double opt-in never confirmed: the system's act, not the person's
     * opt-out (an erasure leaves no mark for it).
     */
    public static final String PENDING_EXPIRY = "pending-expiry";

    @Id
    @Column(length = 36)
    private String id;

    @Column(name = "contact_id")
    private String contactId;

    @Column(name = "purpose_key")
    private String purposeKey;

    @Enumerated(EnumType.STRING)
    private Channel channel;

    @Enumerated(EnumType.STRING)
    private ConsentAction action;

    @Enumerated(EnumType.STRING)
    private LegalBasis basis;

    @Enumerated(EnumType.STRING)
    private ConsentSource source;

    @Column(name = "notice_id")
    private String noticeId;

    /** Whether this GRANT waits for a double opt-in confirmation (the purpose required one when it was given). */
    @Column(name = "needs_confirmation")
    private boolean needsConfirmation;

    @Column(name = "proof_ip")
    private String proofIp;

    @Column(name = "proof_user_agent")
    private String proofUserAgent;

    @Column(name = "proof_form_url")
    private String proofFormUrl;

    @Column(name = "proof_agent_id")
    private String proofAgentId;

    @Column(name = "proof_script_ref")
    private String proofScriptRef;

    @Column(name = "occurred_at")
    private Instant occurredAt;

    @Column(name = "recorded_at")
    private Instant recordedAt;

    /** How an imported consent was originally collected (WEB_FORM, PAPER…): the event's own source is IMPORT. */
    private String origin;

    /** Arrival order among the contact's events: breaks ties between events that say they happened at once. */
    private long arrival;

    protected ConsentEvent() {}

    ConsentEvent(
            UUID contactId,
            String purposeKey,
            Channel channel,
            ConsentAction action,
            ConsentSource source,
            UUID noticeId,
            boolean needsConfirmation,
            Proof proof,
            Instant occurredAt,
            Instant recordedAt,
            long arrival) {
        this.id = UUID.randomUUID().toString();
        this.contactId = contactId.toString();
        this.purposeKey = Objects.requireNonNull(purposeKey);
        this.channel = Objects.requireNonNull(channel);
        this.action = Objects.requireNonNull(action);
        this.basis = basisOf(action);
        this.source = Objects.requireNonNull(source);
        this.noticeId = noticeId == null ? null : noticeId.toString();
        this.needsConfirmation = action == ConsentAction.GRANT && needsConfirmation;
        Proof p = proof == null ? Proof.NONE : proof;
        this.proofIp = p.ip();
        this.proofUserAgent = p.userAgent();
        this.proofFormUrl = p.formUrl();
        this.proofAgentId = p.agentId();
        this.proofScriptRef = p.scriptRef();
        this.occurredAt = Objects.requireNonNull(occurredAt);
        this.recordedAt = Objects.requireNonNull(recordedAt);
        this.arrival = arrival;
    }

    /** The basis an event rests on: an objection answers legitimate interest, everything else is about consent. */
    public static LegalBasis basisOf(ConsentAction action) {
        return action == ConsentAction.OBJECT ? LegalBasis.LEGITIMATE_INTEREST : LegalBasis.CONSENT;
    }

    public UUID id() {
        return UUID.fromString(id);
    }

    public UUID contactId() {
        return UUID.fromString(contactId);
    }

    public String purposeKey() {
        return purposeKey;
    }

    public Channel channel() {
        return channel;
    }

    public ConsentAction action() {
        return action;
    }

    public LegalBasis basis() {
        return basis;
    }

    public ConsentSource source() {
        return source;
    }

    /** How an imported consent was first collected, or null (only imports say). */
    public ConsentSource origin() {
        return origin == null ? null : ConsentSource.valueOf(origin);
    }

    public UUID noticeId() {
        return noticeId == null ? null : UUID.fromString(noticeId);
    }

    public boolean needsConfirmation() {
        return needsConfirmation;
    }

    public Proof proof() {
        return new Proof(proofIp, proofUserAgent, proofFormUrl, proofAgentId, proofScriptRef);
    }

    public Instant occurredAt() {
        return occurredAt;
    }

    public Instant recordedAt() {
        return recordedAt;
    }

    public long arrival() {
        return arrival;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ConsentEvent that && id.equals(that.id);
    }

    @Override
    public int hashCode() {
        return id.hashCode();
    }
}
