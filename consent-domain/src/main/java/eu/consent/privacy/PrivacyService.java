package eu.consent.privacy;

import eu.consent.audit.AuditLog;
import eu.consent.audit.AuditTrail;
import eu.consent.consent.ConsentEvent;
import eu.consent.consent.ConsentLedger;
import eu.consent.consent.ConsentSource;
import eu.consent.consent.ConsentState;
import eu.consent.contact.Contact;
import eu.consent.contact.ContactService;
import eu.consent.idempotency.IdempotencyStore;
import eu.consent.mail.MailOutbox;
import eu.consent.optout.OptOut;
import eu.consent.optout.PersonInComment;
import eu.consent.preference.PreferenceService;
import eu.consent.purpose.Channel;
import eu.consent.purpose.IdentifierKind;
import eu.consent.receipt.Receipts;
import eu.consent.shared.ContextJdbc;
import eu.consent.shared.Jsons;
import eu.consent.shared.KeySets;
import eu.consent.shared.KeyedHash;
import eu.consent.shared.NotFoundException;
import eu.consent.shared.Service;
import eu.consent.shared.Times;
import eu.consent.suppression.Suppression;
import eu.consent.suppression.SuppressionReason;
import eu.consent.suppression.SuppressionService;
import jakarta.inject.Inject;
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
    public static final String ERASURE_SOURCE = SuppressionService.ERASURE_SOURCE;

    @PersistenceContext(unitName = "consent")
    EntityManager em;

    @Inject
    eu.consent.suppression.OutboundHolds outboundHolds;

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

    @Inject
    PreferenceService preferences;

    @Inject
    PersonalRecords records;

    @Inject
    IdempotencyStore idempotency;

    @Inject
    ErasureGate gate;

    /**
     * Answers an access request (GDPR art. 15): the export, and an audit entry that proves who was given it, when and
     * through what ({@code via}: the API or the console). The export holds the entries written before it.
     */
    @Transactional
    public AccessExport answerAccessRequest(UUID id, String via) {
        AccessExport export = export(id);
        audit.append(
                "CONTACT_EXPORTED",
                "contact",
                id.toString(),
                Jsons.createObjectBuilder().add("via", via).build().toString());
        return export;
    }

    /** Everything kept on the person, read without leaving a trace: the console's view of their story. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public AccessExport export(UUID id) {
        Contact contact = contacts.get(id);
        String contactId = id.toString();
        List<String> hashes = new ArrayList<>();
        if (contact.emailHash() != null) {
            hashes.add(contact.emailHash());
        }
        if (contact.phoneHash() != null) {
            hashes.add(contact.phoneHash());
        }
        List<Holdings.Share> shares = records.shares(contactId, hashes);
        return new AccessExport(
                contact,
                ledger.current(id),
                ledger.history(id),
                contacts.activities(id),
                suppressionsOf(contact),
                trail.about(contactId),
                preferences.get(id),
                records.sends(contactId),
                records.feedback(contactId),
                records.messages(contactId),
                records.importRejects(shares),
                records.reactivation(contactId),
                records.stays(contactId),
                records.softBounces(shares),
                records.disclosures(contactId),
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
        gate.enter();
        Contact contact = em.find(Contact.class, id.toString(), LockModeType.PESSIMISTIC_WRITE);
        if (contact == null) {
            throw new NotFoundException("contact", id);
        }
        java.util.Set<Channel> leftOn =
                optedOutOn(List.of(id.toString())).getOrDefault(id.toString(), java.util.Set.of());
        boolean optedOut =
                !leftOn.isEmpty() || suppressionsOf(contact).stream().anyMatch(s -> OPT_OUTS.contains(s.reason()));
        int kept = optedOut ? keepSuppressions(contact, leftOn.contains(Channel.POSTAL)) : 0;
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
        forgetTraces(List.of(contact));
        idempotency.forgetMentioning(java.util.Arrays.asList(contactId, contact.email(), contact.phone()));
        em.remove(contact);
        audit.append(
                action,
                "contact",
                contactId,
                Jsons.createObjectBuilder()
                        .add("suppressionsKept", kept)
                        .build()
                        .toString());
    }

    /**
     * Erases many people at once (the retention purge): the same effects as {@link #erase(UUID, String)} for each
     * contact that {@code stillDue} accepts once locked, with one delete per table for the whole set, and one audit
     * entry for the set that lists each person by keyed id. Returns how many were erased.
     */
    public int eraseAll(List<UUID> ids, java.util.function.Predicate<Contact> stillDue, String action) {
        if (ids.isEmpty()) {
            return 0;
        }
        gate.enter();
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
        java.util.Map<String, java.util.Set<Channel>> optedOut = optedOutOn(dueIds);
        List<String> hashes = new ArrayList<>();
        due.forEach(c -> hashes.addAll(identifierHashes(c).values()));
        java.util.Set<String> suppressed = new java.util.HashSet<>();
        sql(c -> KeySets.select(
                c,
                "SELECT identifier_hash, reason FROM suppression WHERE identifier_hash",
                new java.util.HashSet<>(hashes),
                rs -> {
                    if (OPT_OUTS.contains(
                            SuppressionReason.valueOf(rs.getString(2).strip()))) {
                        suppressed.add(rs.getString(1).strip());
                    }
                }));
        java.util.Map<String, Integer> kept = new java.util.HashMap<>();
        for (Contact c : due) {
            java.util.Set<Channel> leftOn = optedOut.getOrDefault(c.id().toString(), java.util.Set.of());
            boolean hadOptedOut =
                    !leftOn.isEmpty() || identifierHashes(c).values().stream().anyMatch(suppressed::contains);
            kept.put(c.id().toString(), hadOptedOut ? keepSuppressions(c, leftOn.contains(Channel.POSTAL)) : 0);
        }
        for (String entity : new String[] {"CurrentConsent", "ConsentEvent", "Activity"}) {
            em.createQuery("DELETE FROM " + entity + " x WHERE x.contactId IN :ids")
                    .setParameter("ids", dueIds)
                    .executeUpdate();
        }
        forgetTraces(due);
        em.flush();
        // The set's rows are locked above. Not a JPQL bulk delete: EclipseLink then matched every managed object
        // against the id list in memory (a third of a Derby purge's time).
        sql(c -> KeySets.delete(c, "contact", "id", dueIds));
        due.forEach(em::detach);
        // One entry for the whole set: appending locks the chain's head until the commit, so one entry per person
        // made every chunk queue behind every other. Each person is still found by the audit filter by contact.
        audit.appendAboutContacts(
                action,
                dueIds,
                Jsons.createObjectBuilder()
                        .add(
                                "suppressionsKept",
                                kept.values().stream()
                                        .mapToInt(Integer::intValue)
                                        .sum())
                        .build());
        return due.size();
    }

    /**
     * What other features keep about these people goes too: every mail of ours to them (sent ones carry live links),
     * the idempotent answers about them, the rejected import rows and soft bounces on their identifiers dated while
     * they held them, the addresses they gave up (email_release); their unsubscribe feedback stays for the statistics,
     * detached from them and with their identifiers cut out of the comment.
     */
    private void forgetTraces(List<Contact> people) {
        // Their addresses the providers' lists may not have as opt-outs yet: kept a while for the outbound files.
        outboundHolds.hold(people);
        List<String> ids = people.stream().map(c -> c.id().toString()).toList();
        List<String> hashes = new ArrayList<>();
        java.util.Map<String, List<String>> identifiersOf = new java.util.HashMap<>();
        List<String> emails = new ArrayList<>();
        for (Contact c : people) {
            List<String> identifiers = identifiersOf.computeIfAbsent(c.id().toString(), id -> new ArrayList<>());
            if (c.email() != null) {
                emails.add(c.email());
            }
            for (String h : new String[] {c.emailHash(), c.phoneHash()}) {
                if (h != null) {
                    hashes.add(h);
                }
            }
            for (String identifier : new String[] {c.email(), c.phone()}) {
                if (identifier != null) {
                    identifiers.add(identifier);
                }
            }
            // Their name (attributes), CRM id and address name them as well as their email does; a value too short
            // to name anyone ("FR", "Al") stays (PersonInComment).
            identifiers.addAll(PersonInComment.valuesOf(c));
        }
        outbox.forgetAll(ids, emails);
        idempotency.forgetContacts(ids);
        // A rejected import row keeps the line as it was (a name with the address): it goes with whoever held the
        // address when it was imported, as a soft bounce with whoever held it when it bounced.
        List<Holdings.Share> shares = shares(ids, hashes);
        // A batch (sends, ESP events, an import) that named them among others is forgotten whole: its answer names no
        // one, but its request hash would confirm a guess of their id or address — one they have, or gave up and
        // nobody holds now (an address someone else holds now is theirs to be named by).
        List<String> subjects = new ArrayList<>(hashes);
        java.util.Set<String> held = new java.util.HashSet<>(hashes);
        Holdings.unclaimed(shares).stream().filter(h -> !held.contains(h)).forEach(subjects::add);
        ids.forEach(id -> subjects.add(hash.of(id)));
        idempotency.forgetSubjects(subjects);
        sql(c -> {
            deleteShares(c, shares);
            KeySets.delete(c, "email_release", "contact_id", ids);
        });
        java.util.Map<String, String> pseudonyms = new java.util.HashMap<>();
        em.createNamedQuery(OptOut.OF_CONTACTS, OptOut.class)
                .setParameter("ids", ids)
                .getResultList()
                .forEach(o -> o.detach(identifiersOf, pseudonyms));
    }

    /**
     * What of the rows kept about identifiers is these people's (see {@link Holdings}): the identifiers they hold now,
     * and the periods they held one and gave it up, whoever holds it now. Read before their release periods go.
     */
    private List<Holdings.Share> shares(List<String> ids, List<String> heldNow) {
        List<Holdings.Period> gaveUp = new ArrayList<>();
        sql(c -> KeySets.select(
                c,
                "SELECT identifier_hash, held_since, released_at FROM email_release WHERE released_at IS NOT NULL"
                        + " AND contact_id",
                new java.util.HashSet<>(ids),
                rs -> gaveUp.add(new Holdings.Period(
                        rs.getString(1).strip(),
                        rs.getTimestamp(2).toInstant(),
                        rs.getTimestamp(3).toInstant()))));
        java.util.Set<String> formerOnly = new java.util.HashSet<>();
        gaveUp.forEach(p -> formerOnly.add(p.hash()));
        heldNow.forEach(formerOnly::remove);
        java.util.Set<String> heldByOthers = new java.util.HashSet<>();
        java.util.Set<String> erased = new java.util.HashSet<>(ids);
        if (!formerOnly.isEmpty()) {
            sql(c -> {
                for (String column : List.of("email_hash", "phone_hash")) {
                    KeySets.select(c, "SELECT id, " + column + " FROM contact WHERE " + column, formerOnly, rs -> {
                        if (!erased.contains(rs.getString(1).strip())) {
                            heldByOthers.add(rs.getString(2).strip());
                        }
                    });
                }
            });
        }
        return Holdings.shares(heldNow, gaveUp, heldByOthers);
    }

    /**
     * Deletes the rejected import lines (dated by their import) and soft bounces that are these people's, and the
     * bounce-counting row of an address none of whose bounces is left. A row dated while someone else held the address
     * stays theirs: until 2026-12-06 an address now held by another kept everything, its former holder's rows included,
     * and an address still held lost its former holders' rows with the current one.
     */
    private static void deleteShares(java.sql.Connection c, List<Holdings.Share> shares) throws java.sql.SQLException {
        List<Holdings.Period> periods = Holdings.periods(shares);
        if (!periods.isEmpty()) {
            List<String> ranged = new ArrayList<>();
            for (String column : List.of("email_hash", "phone_hash")) {
                ranged.add(
                        "DELETE FROM import_reject WHERE " + column + " = ? AND EXISTS (SELECT 1 FROM contact_import i"
                                + " WHERE i.id = import_reject.import_id AND i.created_at >= ? AND i.created_at < ?)");
            }
            ranged.add("DELETE FROM soft_bounce WHERE identifier_hash = ? AND occurred_at >= ? AND occurred_at < ?");
            for (String delete : ranged) {
                try (java.sql.PreparedStatement s = c.prepareStatement(delete)) {
                    for (Holdings.Period p : periods) {
                        s.setString(1, p.hash());
                        s.setTimestamp(2, java.sql.Timestamp.from(p.since()));
                        s.setTimestamp(3, java.sql.Timestamp.from(p.until()));
                        s.addBatch();
                    }
                    s.executeBatch();
                }
            }
        }
        List<String> unclaimed = Holdings.unclaimed(shares);
        for (String column : List.of("email_hash", "phone_hash")) {
            KeySets.deleteWhere(
                    c,
                    "import_reject",
                    "NOT EXISTS (SELECT 1 FROM contact_import i, email_release r WHERE i.id = import_reject.import_id"
                            + " AND r.identifier_hash = import_reject." + column + " AND r.released_at IS NOT NULL"
                            + " AND r.held_since <= i.created_at AND r.released_at > i.created_at)",
                    column,
                    unclaimed);
        }
        KeySets.deleteWhere(
                c,
                "soft_bounce",
                Holdings.inNobodysPeriod("soft_bounce.identifier_hash", "soft_bounce.occurred_at"),
                "identifier_hash",
                unclaimed);
        KeySets.deleteWhere(
                c,
                "soft_bounce_address",
                "NOT EXISTS (SELECT 1 FROM soft_bounce s WHERE s.identifier_hash = soft_bounce_address.identifier_hash)",
                "identifier_hash",
                shares.stream().map(Holdings.Share::hash).toList());
    }

    /** Plain JDBC on the persistence context's own connection, in its transaction. */
    private void sql(ContextJdbc.Work statements) {
        ContextJdbc.run(em, statements);
    }

    /**
     * The suppressions that are a person's opt-out (theirs, or an erased person's mark), which an erasure keeps as
     * ERASED marks on every channel. A hard bounce (a fact about one address) and a do-not-call registry's line (which
     * holds by itself, the registry's entry staying) are not: until 2026-12-06 either made an erased person who never
     * opted out come back SUPPRESSED_ERASED on email, SMS and phone alike.
     */
    private static final java.util.Set<SuppressionReason> OPT_OUTS = java.util.EnumSet.of(
            SuppressionReason.UNSUBSCRIBED,
            SuppressionReason.COMPLAINT,
            SuppressionReason.MANUAL,
            SuppressionReason.ERASED);

    /**
     * The contacts among {@code ids} that withdrew or objected somewhere, each with the channels they did it on (in one
     * query for a whole set: the purge's). A double opt-in that merely expired (the system's WITHDRAW, never the
     * person's) is not an opt-out and leaves no mark.
     */
    private java.util.Map<String, java.util.Set<Channel>> optedOutOn(List<String> ids) {
        java.util.Map<String, java.util.Set<Channel>> on = new java.util.HashMap<>();
        em.createQuery(
                        "SELECT DISTINCT s.contactId, s.channel FROM CurrentConsent s, ConsentEvent e WHERE"
                                + " e.id = s.eventId AND s.contactId IN :ids AND s.state IN :states AND (e.source <>"
                                + " :admin OR e.proofAgentId IS NULL OR e.proofAgentId <> :expiry)",
                        Object[].class)
                .setParameter("ids", ids)
                .setParameter("states", List.of(ConsentState.WITHDRAWN, ConsentState.OBJECTED))
                .setParameter("admin", ConsentSource.ADMIN)
                .setParameter("expiry", ConsentEvent.PENDING_EXPIRY)
                .getResultList()
                .forEach(row -> on.computeIfAbsent(
                                ((String) row[0]).strip(), k -> java.util.EnumSet.noneOf(Channel.class))
                        .add((Channel) row[1]));
        return on;
    }

    /**
     * The ERASED mark: the keyed hash of each identifier on every channel it reaches (email and social ads for an
     * address, SMS and calls for a number, post for an envelope — only if {@code leftPost}: a household shares it), on
     * push, which reaches the person through no
     * identifier of ours, and on post, which may reach an address never given to us, under their address and their
     * number ({@link Channel#markedThrough()}), so that no channel is left open to a person who opted out and was then
     * erased. Until 2026-12-06 push kept nothing: the person who had
     * left it came back with the same address and a client's grant opened it again.
     */
    private int keepSuppressions(Contact contact, boolean leftPost) {
        Instant now = Times.now(clock);
        List<Suppression> kept = new ArrayList<>();
        identifierHashes(contact).forEach((kind, identifierHash) -> {
            // A postal address is a household's: the mark goes under it only for a person who left post themselves
            // (their email and number carry the post mark all the same). Until 2026-12-07 a person who had left one
            // email newsletter and was erased left everyone at their address denied post on every purpose, the
            // erasure shown in their exports (tester BB's F1).
            if (kind == IdentifierKind.POSTAL && !leftPost) {
                return;
            }
            for (Channel channel : Channel.markedThrough(kind)) {
                kept.add(new Suppression(
                        identifierHash, kind, channel, null, SuppressionReason.ERASED, ERASURE_SOURCE, now));
            }
        });
        kept.forEach(em::persist);
        return kept.size();
    }

    /** Marks given per transaction when the start-up gives earlier erasures their mark on post. */
    static final int POST_MARK_PAGE = 500;

    /**
     * Gives people erased before 2026-12-06 the ERASED mark on post that an erasure now keeps under their email address
     * and number too ({@link Channel#markedThrough()}): a page of an erasure's marks on EMAIL (an address) and SMS (a
     * number) with none on POSTAL under the same hash, each given one, dated as it. Returns how many; the start-up calls
     * it until it answers 0. Only while V036's row says the work is still to do: the last page removes it, so that no
     * later start scans the marks again. Servers starting together may give one twice, which blocks the same.
     */
    public int markPostForEarlierErasures() {
        if (((Number) em.createNativeQuery("SELECT COUNT(*) FROM post_mark_pending")
                                .getSingleResult())
                        .intValue()
                == 0) {
            return 0;
        }
        List<Suppression> marks = em.createQuery(
                        "SELECT s FROM Suppression s WHERE s.reason = :erased AND s.source = :erasure"
                                + " AND s.purposeKey IS NULL AND s.channel IN :channels AND NOT EXISTS (SELECT p FROM"
                                + " Suppression p WHERE p.identifierHash = s.identifierHash AND p.channel = :post"
                                + " AND p.reason = :erased)",
                        Suppression.class)
                .setParameter("erased", SuppressionReason.ERASED)
                .setParameter("erasure", ERASURE_SOURCE)
                .setParameter("channels", List.of(Channel.EMAIL, Channel.SMS))
                .setParameter("post", Channel.POSTAL)
                .setMaxResults(POST_MARK_PAGE)
                .getResultList();
        for (Suppression mark : marks) {
            em.persist(new Suppression(
                    mark.identifierHash(),
                    mark.identifierKind(),
                    Channel.POSTAL,
                    null,
                    SuppressionReason.ERASED,
                    ERASURE_SOURCE,
                    mark.createdAt(),
                    Times.now(clock)));
        }
        if (marks.size() < POST_MARK_PAGE) {
            em.createNativeQuery("DELETE FROM post_mark_pending").executeUpdate();
        }
        return marks.size();
    }

    /** The keyed hash of each identifier the contact has, by kind. */
    private java.util.Map<IdentifierKind, String> identifierHashes(Contact contact) {
        return contact.identifierHashes(hash);
    }

    private List<Suppression> suppressionsOf(Contact contact) {
        List<String> hashes = List.copyOf(identifierHashes(contact).values());
        if (hashes.isEmpty()) {
            return List.of();
        }
        return em.createNamedQuery(Suppression.OF_HASHES, Suppression.class)
                .setParameter("hashes", hashes)
                .getResultList();
    }
}
