package eu.consent.privacy;

import eu.consent.audit.AuditLog;
import eu.consent.audit.AuditTrail;
import eu.consent.consent.ConsentLedger;
import eu.consent.consent.ConsentState;
import eu.consent.consent.CurrentConsent;
import eu.consent.contact.Contact;
import eu.consent.contact.ContactService;
import eu.consent.mail.MailOutbox;
import eu.consent.purpose.Channel;
import eu.consent.receipt.Receipts;
import eu.consent.shared.KeyedHash;
import eu.consent.shared.NotFoundException;
import eu.consent.shared.Service;
import eu.consent.shared.Times;
import eu.consent.suppression.IdentifierKind;
import eu.consent.suppression.Suppression;
import eu.consent.suppression.SuppressionReason;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Access and erasure requests. */
@Service
public class PrivacyService {

    /** The source named on the suppression entries an erasure leaves behind. */
    public static final String ERASURE_SOURCE = "erasure";

    @PersistenceContext(unitName = "consent")
    EntityManager em;

    @Inject
    ContactService contacts;

    @Inject
    ConsentLedger ledger;

    @Inject
    AuditTrail trail;

    @Inject
    AuditLog audit;

    @Inject
    MailOutbox outbox;

    @Inject
    KeyedHash hash;

    @Inject
    Clock clock;

    @Inject
    Receipts receipts;

    @Transactional(Transactional.TxType.SUPPORTS)
    public AccessExport export(UUID id) {
        Contact contact = contacts.get(id);
        return new AccessExport(
                contact,
                ledger.current(id),
                ledger.history(id),
                contacts.activities(id),
                suppressionsOf(contact),
                trail.about(id.toString()),
                receipts.allOf(id));
    }

    /**
     * Erases the person: contact, consent history and state, activities and queued mail go. If they had withdrawn or
     * objected anywhere, the keyed hash of each identifier stays as an ERASED suppression, the minimum needed to keep
     * honouring the objection (a later import or form cannot bring them back). The audit keeps that the erasure
     * happened, by contact id only.
     */
    public void erase(UUID id) {
        erase(id, "CONTACT_ERASED");
    }

    /** Erases the person, recording {@code action} (an erasure request, or the retention purge) in the audit. */
    public void erase(UUID id, String action) {
        Contact contact = em.find(Contact.class, id.toString(), LockModeType.PESSIMISTIC_WRITE);
        if (contact == null) {
            throw new NotFoundException("contact", id);
        }
        boolean optedOut = ledger.current(id).stream()
                        .map(CurrentConsent::state)
                        .anyMatch(s -> s == ConsentState.WITHDRAWN || s == ConsentState.OBJECTED)
                || !suppressionsOf(contact).isEmpty();
        int kept = optedOut ? keepSuppressions(contact) : 0;
        String contactId = id.toString();
        em.createQuery("DELETE FROM CurrentConsent c WHERE c.contactId = :id")
                .setParameter("id", contactId)
                .executeUpdate();
        em.createQuery("DELETE FROM ConsentEvent e WHERE e.contactId = :id")
                .setParameter("id", contactId)
                .executeUpdate();
        em.createQuery("DELETE FROM Activity a WHERE a.contactId = :id")
                .setParameter("id", contactId)
                .executeUpdate();
        outbox.forget(id);
        // A rejected import row keeps the line as it was: it holds the person's identifiers too.
        for (String identifierHash : new String[] {contact.emailHash(), contact.phoneHash()}) {
            if (identifierHash != null) {
                em.createNativeQuery("DELETE FROM import_reject WHERE email_hash = ? OR phone_hash = ?")
                        .setParameter(1, identifierHash)
                        .setParameter(2, identifierHash)
                        .executeUpdate();
            }
        }
        em.remove(contact);
        audit.append(
                action,
                "contact",
                contactId,
                Json.createObjectBuilder().add("suppressionsKept", kept).build().toString());
    }

    /**
     * Erases many people at once (the retention purge): the same effects as {@link #erase(UUID, String)} for each
     * contact that {@code stillDue} accepts once locked, with one delete per table for the whole set, and one audit
     * entry per person. Returns how many were erased.
     */
    public int eraseAll(List<UUID> ids, java.util.function.Predicate<Contact> stillDue, String action) {
        if (ids.isEmpty()) {
            return 0;
        }
        List<String> keys = ids.stream().map(UUID::toString).toList();
        List<Contact> due = em
                .createQuery("SELECT c FROM Contact c WHERE c.id IN :ids", Contact.class)
                .setParameter("ids", keys)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList()
                .stream()
                .filter(stillDue)
                .toList();
        if (due.isEmpty()) {
            return 0;
        }
        List<String> dueIds = due.stream().map(c -> c.id().toString()).toList();
        java.util.Set<String> optedOut = new java.util.HashSet<>(em.createQuery(
                        "SELECT DISTINCT s.contactId FROM CurrentConsent s WHERE s.contactId IN :ids AND s.state IN"
                                + " :states",
                        String.class)
                .setParameter("ids", dueIds)
                .setParameter("states", List.of(ConsentState.WITHDRAWN, ConsentState.OBJECTED))
                .getResultList());
        List<String> hashes = new ArrayList<>();
        due.forEach(c -> {
            if (c.emailHash() != null) {
                hashes.add(c.emailHash());
            }
            if (c.phoneHash() != null) {
                hashes.add(c.phoneHash());
            }
        });
        java.util.Set<String> suppressed = hashes.isEmpty()
                ? java.util.Set.of()
                : new java.util.HashSet<>(em.createQuery(
                                "SELECT DISTINCT s.identifierHash FROM Suppression s WHERE s.identifierHash IN :hashes",
                                String.class)
                        .setParameter("hashes", hashes)
                        .getResultList());
        java.util.Map<String, Integer> kept = new java.util.HashMap<>();
        for (Contact c : due) {
            boolean hadOptedOut = optedOut.contains(c.id().toString())
                    || suppressed.contains(c.emailHash())
                    || suppressed.contains(c.phoneHash());
            kept.put(c.id().toString(), hadOptedOut ? keepSuppressions(c) : 0);
        }
        for (String entity : new String[] {"CurrentConsent", "ConsentEvent", "Activity", "OutboxMessage"}) {
            em.createQuery("DELETE FROM " + entity + " x WHERE x.contactId IN :ids")
                    .setParameter("ids", dueIds)
                    .executeUpdate();
        }
        due.forEach(em::remove);
        em.flush();
        for (String id : dueIds) {
            audit.append(
                    action,
                    "contact",
                    id,
                    Json.createObjectBuilder()
                            .add("suppressionsKept", kept.get(id))
                            .build()
                            .toString());
        }
        return due.size();
    }

    private int keepSuppressions(Contact contact) {
        Instant now = Times.now(clock);
        List<Suppression> kept = new ArrayList<>();
        if (contact.email() != null) {
            kept.add(new Suppression(
                    hash.of(contact.email()),
                    IdentifierKind.EMAIL,
                    Channel.EMAIL,
                    null,
                    SuppressionReason.ERASED,
                    ERASURE_SOURCE,
                    now));
        }
        if (contact.phone() != null) {
            for (Channel channel : new Channel[] {Channel.SMS, Channel.PHONE}) {
                kept.add(new Suppression(
                        hash.of(contact.phone()),
                        IdentifierKind.PHONE,
                        channel,
                        null,
                        SuppressionReason.ERASED,
                        ERASURE_SOURCE,
                        now));
            }
        }
        kept.forEach(em::persist);
        return kept.size();
    }

    private List<Suppression> suppressionsOf(Contact contact) {
        List<String> hashes = new ArrayList<>();
        if (contact.email() != null) {
            hashes.add(hash.of(contact.email()));
        }
        if (contact.phone() != null) {
            hashes.add(hash.of(contact.phone()));
        }
        if (hashes.isEmpty()) {
            return List.of();
        }
        return em.createNamedQuery(Suppression.OF_HASHES, Suppression.class)
                .setParameter("hashes", hashes)
                .getResultList();
    }
}
