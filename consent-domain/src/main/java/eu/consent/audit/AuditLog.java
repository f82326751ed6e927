package eu.consent.audit;

import eu.consent.shared.Jsons;
import eu.consent.shared.Service;
import eu.consent.shared.Times;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.security.enterprise.SecurityContext;
import java.security.Principal;
import java.time.Clock;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Appends to the audit chain inside the caller's transaction, so a change and its audit entry commit or vanish
 * together. Call it last in a transaction: it holds the chain's lock until the commit.
 */
@Service
public class AuditLog {

    /** The actor of work no authenticated caller asked for (start-up, schedules). */
    public static final String SYSTEM = "system";

    @PersistenceContext(unitName = "consent")
    EntityManager em;

    @Inject
    SecurityContext security;

    @Inject
    @ConfigProperty(name = "consent.db.type", defaultValue = "derby")
    String databaseType;

    @Inject
    Clock clock;

    @Inject
    AuditKeys keys;

    @Inject
    Event<Audited> audited;

    @Inject
    AuditSubjects subjects;

    @Inject
    SignedIn signedIn;

    /**
     * @param action what happened, e.g. {@code CONTACT_CREATED}
     * @param subjectType the kind of thing it happened to, e.g. {@code contact}
     * @param subjectId its id; never an email or phone number
     * @param details a small JSON object without personal data, or null
     */
    public AuditEntry append(String action, String subjectType, String subjectId, String details) {
        AuditEntry entry = write(action, subjectType, subjectId, details);
        audited.fire(new Audited(entry));
        return entry;
    }

    /**
     * Takes the chain's lock now, as an append does, and holds it until the commit. For a check-then-write whose every
     * write is audited (a suppression entry): a check made after it sees every other such write committed and no other
     * begun, on every server, since each of them holds this row from its own append to its commit. Until 2026-12-06 the
     * suppressions checked before it, and requests at once each added the entry none of them had found.
     */
    public void lockChain() {
        lockedHead();
    }

    /** The chain's head, locked until the commit; on Derby after the decision change counter (see below). */
    private AuditHead lockedHead() {
        // On Derby the decision change counter (V015) first: every change of a decision fact locks it from a
        // trigger, so both single-row locks are always taken in one order and two writers never wait for each other's.
        // Held to the commit (WITH RS), as the head's is: a bare FOR UPDATE lock went when the cursor closed, and a
        // transaction's second entry then asked for the counter while holding the head — two "keep me" presses of one
        // person deadlocked with any change of a contact that way (a 503, until 2026-12-06).
        // PostgreSQL bumps the counter only in the commit's own trigger, after everything else: locking it here would
        // hold it from this append to the commit, and a writer's commit would wait for every audited transaction
        // still running (two import partitions starved a purge that way).
        if (!"postgresql".equals(databaseType)) {
            em.createNativeQuery("SELECT seq FROM decision_seq WHERE id = 1 FOR UPDATE WITH RS")
                    .getSingleResult();
        }
        return em.find(AuditHead.class, AuditHead.THE_ONLY_ROW, LockModeType.PESSIMISTIC_WRITE);
    }

    private AuditEntry write(String action, String subjectType, String subjectId, String details) {
        AuditHead head = lockedHead();
        AuditEntry entry = new AuditEntry(
                keys.current(),
                head.seq(),
                head.hash(),
                Times.now(clock),
                actor(),
                action,
                subjectType,
                subjectId,
                details);
        em.persist(entry);
        head.advanceTo(entry);
        return entry;
    }

    /**
     * Appends an entry about one thing (a suppression) that concerns people too (the contacts holding its identifier):
     * each of them is listed under it in {@code audit_subject} and its details seal the list's digest, so the audit's
     * filter by contact and the person's access export find it. Observers see it as an entry about its own subject.
     *
     * @param details a JSON object without personal data; its members are kept
     */
    public AuditEntry append(
            String action, String subjectType, String subjectId, JsonObject details, List<String> concerning) {
        if (concerning.isEmpty()) {
            return append(action, subjectType, subjectId, details.toString());
        }
        AuditEntry entry = writeListing(action, subjectType, subjectId, details, concerning);
        audited.fire(new Audited(entry));
        return entry;
    }

    /**
     * Appends one entry about many contacts (a chunk of the retention purge) instead of one per person: the entry names
     * no contact, its details gain {@code contacts} (how many) and {@code subjectsDigest} (sealed by the chain), and
     * each contact's keyed id is listed under it in {@code audit_subject}, where the filter by contact finds it.
     *
     * @param details a JSON object without personal data; its members are kept
     */
    public AuditEntry appendAboutContacts(String action, List<String> contactIds, JsonObject details) {
        AuditEntry entry = writeListing(action, "contact", null, details, contactIds);
        audited.fire(new Audited(entry, List.copyOf(contactIds)));
        return entry;
    }

    /** Writes an entry whose details seal the digest of the contacts listed under it, and lists them. */
    private AuditEntry writeListing(
            String action, String subjectType, String subjectId, JsonObject details, List<String> contactIds) {
        List<String> keys = subjects.keysOf(contactIds);
        String sealed = Jsons.createObjectBuilder(details)
                .add("contacts", contactIds.size())
                .add(AuditSubjects.DIGEST, AuditSubjects.digest(keys))
                .build()
                .toString();
        AuditEntry entry = write(action, subjectType, subjectId, sealed);
        subjects.record(entry.seq(), keys);
        return entry;
    }

    /**
     * Records that the chain was verified up to {@code (seq, hash)}. The anchor only moves forward: of two runs verifying
     * at once, the one that ends behind the other leaves it where the other put it.
     */
    public void anchor(long seq, String hash) {
        AuditAnchor anchor = em.find(AuditAnchor.class, AuditAnchor.THE_ONLY_ROW, LockModeType.PESSIMISTIC_WRITE);
        if (seq > anchor.seq()) {
            anchor.moveTo(seq, hash, Times.now(clock));
        }
    }

    /**
     * The user the application signed in (a console request) comes first: the console reaches the batch runtime through
     * a bean that runs as the admin identity of {@code server.xml}, whose name is not the person who clicked.
     */
    private String actor() {
        try {
            String user = signedIn == null ? null : signedIn.name();
            if (user != null) {
                return user;
            }
        } catch (ContextNotActiveException e) {
            // no request: a batch step, a timer, the start-up; the container may still know a caller (a run-as)
        }
        Principal caller = security.getCallerPrincipal();
        return caller != null && caller.getName() != null ? caller.getName() : SYSTEM;
    }
}
