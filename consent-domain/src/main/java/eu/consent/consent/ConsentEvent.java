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
@Table(name = ConsentEventTable.TABLE)
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
     * opt-out (an erasure leaves no mark for it). It keeps the contract's actions, and puts the pair back where it was
     * before that grant ({@link ConsentDerivation}).
     */
    public static final String PENDING_EXPIRY = "pending-expiry";

    /**
     * Whether an event is the expiry of a double opt-in: a WITHDRAW by the server itself (ADMIN, which no client may
     * claim) naming {@link #PENDING_EXPIRY}. Those the job wrote before the expiry dropped rather than withdrew have
     * the same form, and count the same way.
     */
    public static boolean isPendingExpiry(ConsentAction action, ConsentSource source, Proof proof) {
        return action == ConsentAction.WITHDRAW
                && source == ConsentSource.ADMIN
                && proof != null
                && PENDING_EXPIRY.equals(proof.agentId());
    }

    /** Whether this event is the expiry of a double opt-in never confirmed ({@link #isPendingExpiry}). */
    public boolean pendingExpiry() {
        return isPendingExpiry(action, source, proof());
    }

    /**
     * The agent named on the OBJECT that a person's "unsubscribe from everything" makes on a purpose or channel that
     * came after it, recorded when a client first grants there (dated when the person left, recorded when written).
     */
    public static final String LEFT_EVERYTHING = "left-everything";

    /**
     * The agent of an OBJECT written, before a client's grant, for the person's opt-out kept as a suppression (followed
     * by its reason and the entry's id).
     */
    public static final String OPTED_OUT = "suppression:";

    @Id
    @Column(length = 36)
    private String id;

    @Column(name = ConsentEventTable.CONTACT_ID)
    private String contactId;

    @Column(name = ConsentEventTable.PURPOSE_KEY)
    private String purposeKey;

    @Enumerated(EnumType.STRING)
    private Channel channel;

    @Enumerated(EnumType.STRING)
    private ConsentAction action;

    @Enumerated(EnumType.STRING)
    private LegalBasis basis;

    @Enumerated(EnumType.STRING)
    private ConsentSource source;

    @Column(name = ConsentEventTable.NOTICE_ID)
    private String noticeId;

    /** Whether this GRANT waits for a double opt-in confirmation (the purpose required one when it was given). */
    @Column(name = ConsentEventTable.NEEDS_CONFIRMATION)
    private boolean needsConfirmation;

    @Column(name = ConsentEventTable.PROOF_IP)
    private String proofIp;

    @Column(name = ConsentEventTable.PROOF_USER_AGENT)
    private String proofUserAgent;

    @Column(name = ConsentEventTable.PROOF_FORM_URL)
    private String proofFormUrl;

    @Column(name = ConsentEventTable.PROOF_AGENT_ID)
    private String proofAgentId;

    @Column(name = ConsentEventTable.PROOF_SCRIPT_REF)
    private String proofScriptRef;

    @Column(name = ConsentEventTable.OCCURRED_AT)
    private Instant occurredAt;

    @Column(name = ConsentEventTable.RECORDED_AT)
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

    /**
     * An event an import records: source IMPORT, and how the consent was first collected ({@code origin}: WEB_FORM,
     * PAPER…). Built by the same constructor as every other event, so an imported event keeps the same invariants.
     */
    public static ConsentEvent imported(
            UUID contactId,
            String purposeKey,
            Channel channel,
            ConsentAction action,
            UUID noticeId,
            boolean needsConfirmation,
            Proof proof,
            ConsentSource origin,
            Instant occurredAt,
            Instant recordedAt,
            long arrival) {
        ConsentEvent e = new ConsentEvent(
                contactId,
                purposeKey,
                channel,
                action,
                ConsentSource.IMPORT,
                noticeId,
                needsConfirmation,
                proof,
                occurredAt,
                recordedAt,
                arrival);
        e.origin = origin == null ? null : origin.name();
        return e;
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

    /**
     * When the event counts: when it happened, but never later than when the server received it (a client's clock
     * running ahead does not move it after an opt-out received later). Histories, timelines and receipts order by it.
     */
    public Instant countsAt() {
        return ConsentDerivation.effectiveAt(occurredAt, recordedAt);
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
