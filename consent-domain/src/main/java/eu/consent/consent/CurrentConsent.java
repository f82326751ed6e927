package eu.consent.consent;

import eu.consent.purpose.Channel;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The projection: the current state per (contact, purpose, channel), derived from the events and rewritten in the
 * transaction that appends each event, so that reads (and decisions) never fold the history.
 */
@Entity
@Table(name = ConsentStateTable.TABLE)
@IdClass(CurrentConsent.Key.class)
@NamedQuery(
        name = CurrentConsent.OF_CONTACT,
        query = "SELECT c FROM CurrentConsent c WHERE c.contactId = :contact ORDER BY c.purposeKey, c.channel")
@NamedQuery(name = CurrentConsent.ALL, query = "SELECT c FROM CurrentConsent c")
@NamedQuery(name = CurrentConsent.OF_CONTACTS, query = "SELECT c FROM CurrentConsent c WHERE c.contactId IN :ids")
public class CurrentConsent {

    public static final String OF_CONTACT = "CurrentConsent.ofContact";
    public static final String ALL = "CurrentConsent.all";
    public static final String OF_CONTACTS = "CurrentConsent.ofContacts";

    /** The composite key. */
    public static class Key implements Serializable {
        String contactId;
        String purposeKey;
        Channel channel;

        public Key() {}

        Key(UUID contactId, String purposeKey, Channel channel) {
            this.contactId = contactId.toString();
            this.purposeKey = purposeKey;
            this.channel = channel;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key k
                    && contactId.equals(k.contactId)
                    && purposeKey.equals(k.purposeKey)
                    && channel == k.channel;
        }

        @Override
        public int hashCode() {
            return Objects.hash(contactId, purposeKey, channel);
        }
    }

    @Id
    @Column(name = ConsentStateTable.CONTACT_ID)
    private String contactId;

    @Id
    @Column(name = ConsentStateTable.PURPOSE_KEY)
    private String purposeKey;

    @Id
    @Enumerated(EnumType.STRING)
    private Channel channel;

    @Enumerated(EnumType.STRING)
    private ConsentState state;

    @Enumerated(EnumType.STRING)
    private LegalBasis basis;

    private Instant since;

    @Column(name = ConsentStateTable.EVENT_ID)
    private String eventId;

    protected CurrentConsent() {}

    CurrentConsent(UUID contactId, String purposeKey, Channel channel) {
        this.contactId = contactId.toString();
        this.purposeKey = purposeKey;
        this.channel = channel;
    }

    void apply(ConsentDerivation.Outcome outcome) {
        this.state = outcome.state();
        this.basis = outcome.basis();
        this.since = outcome.since();
        this.eventId = outcome.eventId().toString();
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

    public ConsentState state() {
        return state;
    }

    public LegalBasis basis() {
        return basis;
    }

    public Instant since() {
        return since;
    }

    public UUID eventId() {
        return UUID.fromString(eventId);
    }

    /** Whether this row says the same as {@code outcome}: what the projection check compares. */
    public boolean matches(ConsentDerivation.Outcome outcome) {
        return outcome != null
                && state == outcome.state()
                && basis == outcome.basis()
                && since.equals(outcome.since())
                && eventId.equals(outcome.eventId().toString());
    }
}
