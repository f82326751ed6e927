package eu.consent.retention;

import eu.consent.consent.ConsentLedger;
import eu.consent.consent.ConsentState;
import eu.consent.consent.PersonsOwnAct;
import eu.consent.contact.Contact;
import eu.consent.privacy.PrivacyService;
import eu.consent.retention.policy.RetentionPolicy;
import eu.consent.shared.Cursor;
import eu.consent.shared.Page;
import eu.consent.shared.Service;
import eu.consent.shared.Times;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** What the nightly retention jobs do, item by item, and the reactivation list they leave. */
@Service
public class RetentionService {

    @PersistenceContext(unitName = "consent")
    EntityManager em;

    @Inject
    PrivacyService privacy;

    @Inject
    ConsentLedger ledger;

    @Inject
    RetentionPolicy policy;

    @Inject
    Clock clock;

    /** Ids of contacts whose last activity (or creation) is before {@code cutoff}, after {@code afterId}, by id. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<String> staleAfter(Instant cutoff, String afterId, int limit) {
        return staleBetween(cutoff, afterId, null, limit);
    }

    /**
     * {@link #staleAfter} within one range of ids, {@code (afterId, until)} ({@code until} null: no upper end): a
     * partition of the purge reads its range only. In a transaction of its own, committed at once: inside the chunk's,
     * Derby's repeatable reads kept a lock on every row the scan passed (a whole-table scan on a small table) while
     * the chunk queued at the erasure gate behind another partition that needed one of those rows — a deadlock only
     * the lock time-out ended. The writer locks and checks each contact again, so the read needs no lock.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public List<String> staleBetween(Instant cutoff, String afterId, String until, int limit) {
        var query = em.createQuery(
                        "SELECT c.id FROM Contact c WHERE c.id > :after"
                                + (until == null ? "" : " AND c.id < :until")
                                + " AND (c.lastActiveAt < :cutoff OR (c.lastActiveAt IS NULL AND c.createdAt < :cutoff))"
                                + " ORDER BY c.id",
                        String.class)
                .setParameter("after", afterId)
                .setParameter("cutoff", cutoff)
                .setMaxResults(limit);
        if (until != null) {
            query.setParameter("until", until);
        }
        return query.getResultList();
    }

    /**
     * Purges those of {@code ids} still stale at {@code cutoff}, in one go; returns how many were purged. A contact
     * whose own double opt-in request waits for its confirmation, within the days it may (consent.pending.expiry-days),
     * stays: the request moves no retention clock until the click (anyone can type an address into a form), but the
     * person who asked the night before their purge must find their request there when they click (review 44). It goes
     * the night after the request expires, unconfirmed.
     */
    public int purgeAll(List<UUID> ids, Instant cutoff) {
        if (ids.isEmpty()) {
            return 0;
        }
        // Read once the chunk's contacts are locked (eraseAll locks them, then asks stillDue): a request of theirs
        // acknowledged after the chunk read its ids, before the lock, is seen (tester BH's F3: until 2026-12-07 it was
        // read before, and a person was erased 55 ms after their request was answered 201).
        java.util.function.Supplier<Set<String>> waitingNow = () -> new HashSet<>(em.createQuery(
                        // The person's own request (PersonsOwnAct.is: a person-facing source with proof), not a
                        // client's: a CRM's grant asks nobody (tester BA's F11).
                        "SELECT DISTINCT s.contactId FROM CurrentConsent s, ConsentEvent e WHERE e.id = s.eventId"
                                + " AND s.contactId IN :ids AND s.state = :pending AND e.recordedAt >= :asked"
                                + " AND e.source IN :own AND (e.proofIp IS NOT NULL OR e.proofAgentId IS NOT NULL"
                                + " OR e.proofScriptRef IS NOT NULL)",
                        String.class)
                .setParameter("ids", ids.stream().map(UUID::toString).toList())
                .setParameter("pending", ConsentState.PENDING)
                .setParameter("own", PersonsOwnAct.PERSON_FACING)
                .setParameter("asked", Times.now(clock).minus(Duration.ofDays(policy.pendingExpiryDays())))
                .getResultList());
        java.util.concurrent.atomic.AtomicReference<Set<String>> waiting =
                new java.util.concurrent.atomic.AtomicReference<>();
        return privacy.eraseAll(
                ids,
                c -> {
                    if (waiting.get() == null) {
                        waiting.set(waitingNow.get());
                    }
                    return !waiting.get().contains(c.id().toString())
                            && RetentionPolicy.isExpired(c.lastActiveAt(), c.createdAt(), cutoff);
                },
                "CONTACT_PURGED");
    }

    /** Ids of contacts whose last activity falls in {@code [purgeCutoff, flagCutoff)}, after {@code afterId}. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<String> nearingPurgeAfter(Instant purgeCutoff, Instant flagCutoff, String afterId, int limit) {
        return em.createQuery(
                        "SELECT c.id FROM Contact c WHERE c.id > :after AND ((c.lastActiveAt >= :purge"
                                + " AND c.lastActiveAt < :flag) OR (c.lastActiveAt IS NULL AND c.createdAt >= :purge"
                                + " AND c.createdAt < :flag)) ORDER BY c.id",
                        String.class)
                .setParameter("after", afterId)
                .setParameter("purge", purgeCutoff)
                .setParameter("flag", flagCutoff)
                .setMaxResults(limit)
                .getResultList();
    }

    /** Lists a contact for re-permission (or refreshes its entry), with the date it will be purged. */
    public void flag(UUID id) {
        Contact contact = em.find(Contact.class, id.toString());
        if (contact == null) {
            return;
        }
        Instant last = contact.lastActiveAt() == null ? contact.createdAt() : contact.lastActiveAt();
        Instant purgeAfter = policy.expiresAt(last);
        em.createNativeQuery("DELETE FROM reactivation_candidate WHERE contact_id = ?")
                .setParameter(1, id.toString())
                .executeUpdate();
        em.createNativeQuery("INSERT INTO reactivation_candidate (contact_id, last_active_at, purge_after, flagged_at)"
                        + " VALUES (?, ?, ?, ?)")
                .setParameter(1, id.toString())
                .setParameter(2, Timestamp.from(last))
                .setParameter(3, Timestamp.from(purgeAfter))
                .setParameter(4, Timestamp.from(Times.now(clock)))
                .executeUpdate();
    }

    /** Drops entries of contacts that became active again (their last activity is now after the flag cutoff). */
    public int unflagActive(Instant flagCutoff) {
        return em.createNativeQuery("DELETE FROM reactivation_candidate WHERE contact_id IN (SELECT id FROM contact"
                        + " WHERE last_active_at >= ?)")
                .setParameter(1, Timestamp.from(flagCutoff))
                .executeUpdate();
    }

    /** A listed contact: who, last active when, purged after when. */
    public record Candidate(
            UUID contactId, String email, String phone, String locale, Instant lastActiveAt, Instant purgeAfter) {}

    /**
     * The re-permission list, by contact id; a contact active again since it was flagged is left out at once, even
     * before the next run removes it, and so is anyone who may not be mailed at all: an identifier blocked on its
     * channel for every purpose (unsubscribed from everything, complaint, hard bounce, manual block), and anyone past
     * their {@code purgeAfter}: no longer nearing the limit but past it, refused by every prospecting decision
     * ({@code RETENTION_EXPIRED}) and erased by the next purge (until 2026-12-06 listed until the next flag run).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<Candidate> candidates(int limit, String after) {
        String from = Cursor.decode("reactivation-candidates", after, Cursor::isUuid);
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT c.id, c.email, c.phone, c.locale, r.last_active_at,"
                        + " r.purge_after FROM reactivation_candidate r JOIN contact c ON c.id = r.contact_id"
                        + " WHERE c.id > ? AND (c.last_active_at IS NULL OR c.last_active_at <= r.last_active_at)"
                        + " AND r.purge_after > ?"
                        + " AND NOT EXISTS (SELECT 1 FROM suppression s WHERE s.purpose_key IS NULL"
                        + " AND ((s.identifier_hash = c.email_hash AND s.channel = 'EMAIL')"
                        + " OR (s.identifier_hash = c.phone_hash AND s.channel = 'SMS')))"
                        + " ORDER BY c.id")
                .setParameter(1, from == null ? "" : from)
                .setParameter(2, Timestamp.from(Times.now(clock)))
                .setMaxResults(limit + 1)
                .getResultList();
        List<Candidate> candidates = rows.stream()
                .map(r -> new Candidate(
                        UUID.fromString(((String) r[0]).strip()),
                        (String) r[1],
                        (String) r[2],
                        (String) r[3],
                        ((Timestamp) r[4]).toInstant(),
                        ((Timestamp) r[5]).toInstant()))
                .toList();
        return Page.of(
                "reactivation-candidates", candidates, limit, c -> c.contactId().toString());
    }

    /**
     * Contacts with a double opt-in that has waited since before {@code cutoff}, after {@code afterContact}, by id. The
     * wait counts from when the server received the grant and mailed its confirmation request, not from the grant's
     * {@code occurredAt}: a web form's grant synced a week late was dropped by the next night, its link still valid
     * for days (until 2026-12-06).
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<String> pendingBefore(Instant cutoff, String afterContact, int limit) {
        return em.createQuery(
                        "SELECT DISTINCT c.contactId FROM CurrentConsent c, ConsentEvent e WHERE c.state = :pending"
                                + " AND e.id = c.eventId AND e.recordedAt < :cutoff AND c.contactId > :after"
                                + " ORDER BY c.contactId",
                        String.class)
                .setParameter("pending", ConsentState.PENDING)
                .setParameter("cutoff", cutoff)
                .setParameter("after", afterContact)
                .setMaxResults(limit)
                .getResultList();
    }

    /** Expires every pending grant of one contact older than {@code cutoff}; returns how many. */
    public int expirePending(UUID contactId, Instant cutoff) {
        return ledger.expirePending(contactId, cutoff);
    }
}
