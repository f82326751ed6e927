package eu.consent.retention;

import eu.consent.audit.AuditLog;
import eu.consent.consent.Proof;
import eu.consent.contact.ActivityType;
import eu.consent.contact.Contact;
import eu.consent.contact.ContactService;
import eu.consent.shared.Service;
import eu.consent.shared.Times;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

/**
 * "Keep me": re-permission before the purge (CNIL). A link goes to a contact nearing the retention limit; the person's
 * click on the page's button is their act — an active activity that moves {@code lastActiveAt}, with the page's proof
 * kept beside it — and takes them off the reactivation list at once.
 */
@Service
public class Reactivation {

    @PersistenceContext(unitName = "consent")
    EntityManager em;

    @Inject
    ContactService contacts;

    @Inject
    ReactivationLinks links;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    /** A "keep me" link for a known contact (404 otherwise). */
    @Transactional(Transactional.TxType.SUPPORTS)
    public String linkFor(UUID contactId) {
        contacts.get(contactId);
        return links.urlFor(contactId);
    }

    /** The contact a page's token names, for showing the page; 404 when they are gone. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Contact contact(UUID contactId) {
        return contacts.get(contactId);
    }

    /** Records that the person chose to stay; returns when their retention clock now starts again. */
    public Instant stay(UUID contactId, Proof proof) {
        Contact contact = contacts.recordActivity(contactId, ActivityType.FORM_SUBMIT, null);
        Instant now = Times.now(clock);
        em.createNativeQuery("INSERT INTO reactivation_stay (id, contact_id, stayed_at, ip, user_agent)"
                        + " VALUES (?, ?, ?, ?, ?)")
                .setParameter(1, UUID.randomUUID().toString())
                .setParameter(2, contactId.toString())
                .setParameter(3, Timestamp.from(now))
                .setParameter(4, proof.ip())
                .setParameter(5, proof.userAgent())
                .executeUpdate();
        em.createNativeQuery("DELETE FROM reactivation_candidate WHERE contact_id = ?")
                .setParameter(1, contactId.toString())
                .executeUpdate();
        audit.append("CONTACT_STAYED", "contact", contactId.toString(), "{}");
        return contact.lastActiveAt();
    }

    /**
     * How many people answered "keep me" in {@code [from, to)}, from the audit log (it outlives erasure): one who
     * pressed it again (a reload, a double click) counts once, as the opt-outs beside it count people.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public long stayed(Instant from, Instant to) {
        return ((Number) em.createNativeQuery("SELECT COUNT(DISTINCT subject_id) FROM audit_entry"
                                + " WHERE action = 'CONTACT_STAYED'"
                                + " AND occurred_at >= ? AND occurred_at < ?")
                        .setParameter(1, Timestamp.from(from))
                        .setParameter(2, Timestamp.from(to))
                        .getSingleResult())
                .longValue();
    }
}
