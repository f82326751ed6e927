package eu.consent.audit;

import eu.consent.shared.Cursor;
import eu.consent.shared.Page;
import eu.consent.shared.Times;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.UUID;

/** Reads the audit chain: pages for people, a full verification for the DPO. Reads need no transaction. */
@ApplicationScoped
public class AuditTrail {

    private static final int VERIFY_BATCH = 1000;

    @PersistenceContext(unitName = "consent")
    EntityManager em;

    @Inject
    AuditKeys keys;

    @Inject
    AuditHeadExport heads;

    @Inject
    AuditSubjects subjects;

    /** Entries in chain order, optionally about one contact and within {@code [from, to)}. */
    public Page<AuditEntry> list(UUID contactId, Instant from, Instant to, int limit, String after) {
        Times.checkPeriod(from, to);
        StringBuilder jpql = new StringBuilder("SELECT e FROM AuditEntry e WHERE e.seq > :after");
        List<Long> listing = contactId == null ? List.of() : subjects.entriesAbout(contactId);
        if (contactId != null) {
            jpql.append(
                    listing.isEmpty()
                            ? " AND e.subjectId = :subject"
                            : " AND (e.subjectId = :subject OR e.seq IN :listing)");
        }
        if (from != null) {
            jpql.append(" AND e.occurredAt >= :from");
        }
        if (to != null) {
            jpql.append(" AND e.occurredAt < :to");
        }
        TypedQuery<AuditEntry> query = em.createQuery(
                        jpql.append(" ORDER BY e.seq").toString(), AuditEntry.class)
                .setParameter("after", Cursor.decodeLong("audit", after, 0))
                .setMaxResults(limit + 1);
        if (contactId != null) {
            query.setParameter("subject", contactId.toString());
        }
        if (!listing.isEmpty()) {
            query.setParameter("listing", listing);
        }
        if (from != null) {
            query.setParameter("from", from);
        }
        if (to != null) {
            query.setParameter("to", to);
        }
        return Page.of("audit", query.getResultList(), limit, e -> Long.toString(e.seq()));
    }

    /** Up to {@code limit} entries after {@code seq}, in chain order. */
    public List<AuditEntry> after(long seq, int limit) {
        return em.createQuery("SELECT e FROM AuditEntry e WHERE e.seq > :after ORDER BY e.seq", AuditEntry.class)
                .setParameter("after", seq)
                .setMaxResults(limit)
                .getResultList();
    }

    /** How far the chain was last verified by the audit-verify job: sequence 0 at the genesis until it first ran. */
    public AuditAnchor anchor() {
        return em.find(AuditAnchor.class, AuditAnchor.THE_ONLY_ROW);
    }

    /** Every entry about one subject, oldest first; for an access request. */
    public List<AuditEntry> about(String subjectId) {
        List<Long> listing = subjects.entriesAbout(subjectId);
        if (listing.isEmpty()) {
            return em.createQuery(
                            "SELECT e FROM AuditEntry e WHERE e.subjectId = :subject ORDER BY e.seq", AuditEntry.class)
                    .setParameter("subject", subjectId)
                    .getResultList();
        }
        return em.createQuery(
                        "SELECT e FROM AuditEntry e WHERE e.subjectId = :subject OR e.seq IN :listing ORDER BY e.seq",
                        AuditEntry.class)
                .setParameter("subject", subjectId)
                .setParameter("listing", listing)
                .getResultList();
    }

    /** Why the contacts listed under {@code e} do not match what it seals, or null: see {@link AuditSubjects}. */
    public String subjectsProblem(AuditEntry e) {
        return subjects.problem(e);
    }

    /**
     * Walks the whole chain from the first entry and checks that it ends at the recorded head, so that a deleted tail
     * is caught as well as an edited or deleted entry in the middle; then that it still passes through the head last
     * exported outside the database, so that a chain rewritten whole (by someone without the audit secret, who can
     * only write plain hashes, or who moves the start of the keyed part) is caught too.
     *
     * <p>The service keeps appending while the chain is walked: an entry appended after the head was read is walked
     * too. Such a chain is whole if it passes through the head read first and the head read after the walk covers
     * every entry walked; an entry past the head (appended behind the application's back, which cannot move the head
     * in the same transaction) is named.
     */
    public AuditVerification verify() {
        AuditKey key = keys.current();
        ExportedHead exported = heads.last().orElse(null);
        AuditHead head = em.find(AuditHead.class, AuditHead.THE_ONLY_ROW);
        long headSeq = head.seq();
        String headHash = head.hash();
        AuditVerification walk =
                AuditChain.verify(new Batches(), 0, AuditChain.GENESIS, key).with(key, exported);
        if (!walk.valid()) {
            return walk;
        }
        AuditVerification ended = atItsHead(walk, headSeq, headHash);
        if (!ended.valid()) {
            return ended;
        }
        for (AuditEntry listing : em.createQuery(
                        "SELECT e FROM AuditEntry e WHERE e.subjectId IS NULL AND e.subjectType = 'contact'"
                                + " ORDER BY e.seq",
                        AuditEntry.class)
                .getResultList()) {
            String problem = subjects.problem(listing);
            if (problem != null) {
                return walk.brokenBy(listing.seq(), problem);
            }
        }
        return exported == null ? walk : againstExported(walk, key, exported);
    }

    /** The walk, or where it does not end as the head says. */
    private AuditVerification atItsHead(AuditVerification walk, long headSeq, String headHash) {
        String before = "the chain ends before its recorded head (entry " + headSeq + ")";
        if (walk.entries() < headSeq
                || walk.entries() == headSeq && !walk.head().equals(headHash)) {
            return walk.brokenBy(walk.entries() + 1, before);
        }
        if (walk.entries() == headSeq) {
            return walk;
        }
        AuditEntry atHead = headSeq == 0 ? null : em.find(AuditEntry.class, headSeq);
        if (headSeq > 0 && (atHead == null || !atHead.hash().equals(headHash))) {
            return walk.brokenBy(headSeq, "the chain does not pass through its recorded head (entry " + headSeq + ")");
        }
        em.clear();
        long now = em.find(AuditHead.class, AuditHead.THE_ONLY_ROW).seq();
        return walk.entries() <= now
                ? walk
                : walk.brokenBy(
                        now + 1, "an entry after the recorded head (entry " + now + "), which did not move with it");
    }

    private AuditVerification againstExported(AuditVerification walk, AuditKey key, ExportedHead exported) {
        if (!exported.signed()) {
            return walk.brokenBy(null, "the exported head is not signed with the audit secret: it was edited");
        }
        if (exported.keyedFrom() != key.keyedFrom()) {
            return walk.brokenBy(
                    Math.min(exported.keyedFrom(), key.keyedFrom()),
                    "the chain says it is keyed from entry " + key.keyedFrom() + ", the head exported at "
                            + exported.exportedAt() + " says from entry " + exported.keyedFrom());
        }
        AuditEntry then = em.find(AuditEntry.class, exported.seq());
        if (then == null || !then.hash().equals(exported.hash())) {
            return walk.brokenBy(
                    exported.seq(),
                    "entry " + exported.seq() + " is not the one exported at " + exported.exportedAt()
                            + ": the chain was rewritten");
        }
        return walk;
    }

    /** Entries in seq order, fetched a batch at a time so that a long chain never sits in memory at once. */
    private final class Batches implements Iterator<AuditEntry> {
        private Iterator<AuditEntry> batch = List.<AuditEntry>of().iterator();
        private long lastSeq = 0;
        private boolean exhausted;

        @Override
        public boolean hasNext() {
            if (!batch.hasNext() && !exhausted) {
                em.clear();
                List<AuditEntry> rows = after(lastSeq, VERIFY_BATCH);
                exhausted = rows.size() < VERIFY_BATCH;
                batch = rows.iterator();
            }
            return batch.hasNext();
        }

        @Override
        public AuditEntry next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            AuditEntry e = batch.next();
            lastSeq = e.seq();
            return e;
        }
    }
}
