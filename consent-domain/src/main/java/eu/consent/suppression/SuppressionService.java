package eu.consent.suppression;

import eu.consent.audit.AuditLog;
import eu.consent.contact.Contact;
import eu.consent.purpose.Channel;
import eu.consent.purpose.IdentifierKind;
import eu.consent.purpose.Purpose;
import eu.consent.purpose.PurposeKind;
import eu.consent.purpose.PurposeService;
import eu.consent.shared.ConflictException;
import eu.consent.shared.Cursor;
import eu.consent.shared.Jsons;
import eu.consent.shared.KeyedHash;
import eu.consent.shared.NotFoundException;
import eu.consent.shared.Page;
import eu.consent.shared.Service;
import eu.consent.shared.Times;
import eu.consent.shared.Violations;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;
import jakarta.persistence.CacheStoreMode;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The suppression lists. Entries are keyed by the keyed hash of the normalized identifier; an entry made because the
 * person opted out (UNSUBSCRIBED) or because of the network (bounces, complaints, do-not-call lists) can never be
 * deleted through the API — only MANUAL ones can.
 */
@Service
public class SuppressionService {

    /**
     * Channels reached through an email address, a phone number, a postal address: {@link Channel#identifier()} decides;
     * these views remain for code written against them on other branches.
     */
    public static final Set<Channel> EMAIL_CHANNELS = Channel.reachedThrough(IdentifierKind.EMAIL);

    public static final Set<Channel> PHONE_CHANNELS = Channel.reachedThrough(IdentifierKind.PHONE);

    public static final Set<Channel> POSTAL_CHANNELS = Channel.reachedThrough(IdentifierKind.POSTAL);

    /**
     * Prefixes and names of the sources the server writes itself (the person's opt-outs, erasure, external lists, ESP
     * events): a client naming one would pass its entry off as the person's or a list's.
     */
    private static final List<String> SERVER_SOURCE_PREFIXES = List.of("person:", "list:", "esp:");

    /** Why a client may not add an ERASED entry. */
    public static final String ERASED_REFUSED = "ERASED entries are made by erasure only";

    /** The source named on the suppression entries an erasure leaves behind. */
    public static final String ERASURE_SOURCE = "erasure";

    @PersistenceContext(unitName = "consent")
    EntityManager em;

    @Inject
    KeyedHash hash;

    @Inject
    AuditLog audit;

    @Inject
    eu.consent.eligibility.Policies policies;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "consent.db.type", defaultValue = "derby")
    String databaseType;

    /**
     * Adds an entry from the API; an identical entry already there is returned instead of a duplicate, an
     * {@code UNSUBSCRIBED} one dated anew ({@link #suppress(String, IdentifierKind, Channel, String, SuppressionReason,
     * String, List, Instant)}). A purpose no one defined, a channel it does not use, or a source naming the server's
     * own entries, is refused.
     */
    public Suppression add(AddSuppression in, String defaultSource) {
        return addWritten(in, defaultSource).entry();
    }

    /** An entry in force, and whether this request wrote it (added it, or dated it anew). */
    public record Written(Suppression entry, boolean written) {}

    /** {@link #add}, saying whether this request wrote the entry: one already there and not dated anew it did not. */
    public Written addWritten(AddSuppression in, String defaultSource) {
        Violations v = new Violations();
        Purpose scoped = in.purpose() == null
                ? null
                : em.find(Purpose.class, in.purpose().value());
        if (in.purpose() != null && scoped == null) {
            v.add("purpose", PurposeService.UNKNOWN_PURPOSE);
        } else if (scoped != null && scoped.kind() == PurposeKind.SERVICE) {
            // an entry no decision would ever read: 201 would tell the operator a block that does not exist
            v.add(
                    "purpose",
                    "is a service purpose: its messages follow the person's relationship, not a suppression"
                            + " for one purpose (only a hard bounce stops them)");
        } else if (scoped != null && !scoped.uses(in.channel())) {
            // the same: decisions on that pair are refused, so the entry would block nothing (tester AN's F3)
            v.add("channel", "is not a channel of purpose " + scoped.key() + ": the entry would block nothing");
        }
        if (in.reason() == SuppressionReason.DNC_REGISTRY
                && !policies.doNotCallChannels().contains(in.channel())) {
            v.add(
                    "reason",
                    "DNC_REGISTRY lists phone numbers for " + policies.doNotCallChannels() + ": on " + in.channel()
                            + " it would block nothing; use MANUAL");
        }
        String source = source(in.source(), defaultSource, v);
        v.throwIfAny();
        String purpose = in.purpose() == null ? null : in.purpose().value();
        // Dated once the chain's lock is held: a grant weighing the identifier's entries holds it too, so this entry is
        // either seen by it or dated after it. Dated at its arrival before the wait, an entry committed after a
        // person's grant could order before it (tester BG's F3).
        String identifierHash = hash.of(in.identifier());
        // The person holding the identifier first, then the chain: the order every writer of a person takes (a grant
        // locks them, then appends), so this entry's audit, which lists them, never waits for a person whose writer
        // waits for the chain (a deadlock on Derby, answered 503, until 2026-12-07).
        lockHolders(in.kind(), identifierHash);
        audit.lockChain();
        return suppressWritten(
                identifierHash,
                in.kind(),
                in.channel(),
                purpose,
                in.reason(),
                source,
                List.of(), // none read before the lock: suppress reads them once, under it
                Times.now(clock));
    }

    /** The source an entry is added under ({@code requested}, else the caller's default), or its violation. */
    public static String source(String requested, String defaultSource, Violations v) {
        String source = requested == null ? defaultSource : requested.strip();
        if (source.isEmpty() || source.length() > 100) {
            v.add("source", "must be 1 to 100 characters");
        } else if (isServerSource(source)) {
            v.add("source", "names the server's own entries (person:…, erasure, list:…, esp:…); choose another name");
        } else if (namesSomeone(source)) {
            v.add("source", NAMES_SOMEONE);
        }
        return source;
    }

    /** Why a system's name that holds an email address or phone number is refused. */
    public static final String NAMES_SOMEONE = "names a system, never a person: it holds an email address or a phone"
            + " number, which the audit (kept forever) and the webhooks would carry";

    /**
     * Whether a name a client chose (a source, a provider) holds an email address or phone number: it is written into
     * the audit, which no erasure may change, and sent to webhook receivers that asked for no identifiers.
     */
    public static boolean namesSomeone(String name) {
        return eu.consent.contact.IdentifiersInText.holdsIdentifier(name);
    }

    private static boolean isServerSource(String source) {
        String lower = source.toLowerCase(java.util.Locale.ROOT);
        return lower.equals(ERASURE_SOURCE) || SERVER_SOURCE_PREFIXES.stream().anyMatch(lower::startsWith);
    }

    /** Suppresses a hashed identifier unless the very same entry exists; returns the entry in force. */
    public Suppression suppress(
            String identifierHash,
            IdentifierKind kind,
            Channel channel,
            String purposeKey,
            SuppressionReason reason,
            String source) {
        return suppress(identifierHash, kind, channel, purposeKey, reason, source, entries(List.of(identifierHash)));
    }

    /**
     * {@link #suppress(String, IdentifierKind, Channel, String, SuppressionReason, String)} for a caller that has just
     * read the identifier's entries ({@link #entries}) in its transaction: they are not read again.
     */
    public Suppression suppress(
            String identifierHash,
            IdentifierKind kind,
            Channel channel,
            String purposeKey,
            SuppressionReason reason,
            String source,
            List<Suppression> entries) {
        return suppress(identifierHash, kind, channel, purposeKey, reason, source, entries, Times.now(clock));
    }

    /**
     * {@link #suppress(String, IdentifierKind, Channel, String, SuppressionReason, String, List)} of an entry that holds
     * since {@code since}: an opt-out carried to the person's new identifier keeps the moment they made it (a consent
     * of theirs given since still counts as later). The very same entry, when there is one, is returned; an
     * {@code UNSUBSCRIBED} one is dated from {@code since} when that is later (the person asked again: their new word
     * must order after a consent they gave in between, which an unsubscribe from all prospecting yields to) and the
     * request is audited as an addition again, naming the date it had. Until 2026-12-06 it was returned unchanged: a
     * second "stop" was answered 201 yet lost to the consent before it, and left no trace.
     *
     * <p>An entry to add, or to date anew, is looked for again under the audit chain's lock ({@link
     * AuditLog#lockChain}), which every addition holds from its audit to its commit: the requests for one entry made at
     * once, on one server or several, then add it once, and the others answer it. Until 2026-12-06 each request that
     * had read the list before another's commit added its own (tester K: forty identical posts left up to five). The
     * lock comes before this request writes the entry: on Derby, a request holding it and reading the identifier's
     * entries would wait for a row written first, whose writer waits for the lock.
     */
    public Suppression suppress(
            String identifierHash,
            IdentifierKind kind,
            Channel channel,
            String purposeKey,
            SuppressionReason reason,
            String source,
            List<Suppression> entries,
            Instant since) {
        return suppressWritten(identifierHash, kind, channel, purposeKey, reason, source, entries, since)
                .entry();
    }

    private Written suppressWritten(
            String identifierHash,
            IdentifierKind kind,
            Channel channel,
            String purposeKey,
            SuppressionReason reason,
            String source,
            List<Suppression> entries,
            Instant since) {
        Optional<Suppression> same = asked(entries, channel, purposeKey, reason, source);
        if (same.isEmpty() || renews(same.get(), since)) {
            audit.lockChain();
            same = asked(current(identifierHash), channel, purposeKey, reason, source);
        }
        if (same.isPresent()) {
            Suppression entry = same.get();
            Instant before = entry.createdAt();
            // Dated anew, its first moment kept (Suppression#firstSaidAt): whose word it is (the contact who held the
            // identifier then, whom it follows to a new address) does not move with the repeat (tester BB's F4).
            if (renews(entry, since) && entry.renew(since, Times.now(clock))) {
                audit.append(
                        "SUPPRESSION_ADDED",
                        "suppression",
                        entry.id().toString(),
                        facts(entry).add("renewedFrom", before.toString()).build(),
                        holders(entry));
                return new Written(entry, true);
            }
            return new Written(entry, false);
        }
        Suppression entry =
                new Suppression(identifierHash, kind, channel, purposeKey, reason, source, since, Times.now(clock));
        em.persist(entry);
        audit.append(
                "SUPPRESSION_ADDED",
                "suppression",
                entry.id().toString(),
                facts(entry).build(),
                holders(entry));
        return new Written(entry, true);
    }

    /** Whether asking for this entry again at {@code since} dates it anew: the person's repeated "stop". */
    private static boolean renews(Suppression entry, Instant since) {
        return entry.reason() == SuppressionReason.UNSUBSCRIBED && since.isAfter(entry.createdAt());
    }

    /**
     * The identifier's entries as committed now, those this transaction read before included: another request may
     * have dated one anew since, and a date read before it would move the entry back.
     */
    private List<Suppression> current(String identifierHash) {
        return em.createNamedQuery(Suppression.OF_HASHES, Suppression.class)
                .setParameter("hashes", List.of(identifierHash))
                .setHint("jakarta.persistence.cache.storeMode", CacheStoreMode.REFRESH)
                .getResultList();
    }

    private static Optional<Suppression> asked(
            List<Suppression> entries, Channel channel, String purposeKey, SuppressionReason reason, String source) {
        return entries.stream()
                .filter(s -> s.isAskedBy(channel, purposeKey, reason, source))
                .findFirst();
    }

    /**
     * The contacts holding an identifier: an entry about a suppression of their address is about them too, and is
     * listed in their audit (until 2026-12-05 only under the suppression, so a DPO asked "who blocked my address,
     * when?" found nothing under the person).
     */
    private List<String> holders(Suppression entry) {
        String column = column(entry.identifierKind());
        if (column == null) {
            return List.of();
        }
        // one indexed column, not the OR of both, which Derby answers by reading every contact
        if (!"postgresql".equals(databaseType)) {
            // Read under the chain's lock without waiting for a contact's row: a writer holding one (an activity, a
            // change) waits for the chain, and Derby's read of the index waited for its row, even one whose address
            // had just moved away (a deleted index entry not yet cleaned): a deadlock, answered 503, in a tenth of
            // the three-way races of a suppression, a change of the address and an activity until 2026-12-08 (tester
            // BH's F2). WITH UR reads what such a writer has not committed yet; it appends after this entry, and a
            // change of the address carries this entry to the new one under its own audit.
            @SuppressWarnings("unchecked")
            List<Object> ids = em.createNativeQuery(
                            "SELECT id FROM contact WHERE " + sqlColumn(entry.identifierKind()) + " = ? WITH UR")
                    .setParameter(1, entry.identifierHash())
                    .getResultList();
            return ids.stream().map(id -> ((String) id).strip()).toList();
        }
        return em.createQuery("SELECT c.id FROM Contact c WHERE c." + column + " = :hash", String.class)
                .setParameter("hash", entry.identifierHash())
                .getResultStream()
                .map(String::strip)
                .toList();
    }

    /** The contact table's column holding an identifier of this kind (one {@link #column} names). */
    private static String sqlColumn(IdentifierKind kind) {
        return kind == IdentifierKind.EMAIL ? "email_hash" : "phone_hash";
    }

    /**
     * Locks the contacts holding an email address's or phone number's hash until the commit, and returns them (none for
     * a postal address, which a household shares).
     */
    public List<Contact> lockHolders(IdentifierKind kind, String identifierHash) {
        String column = column(kind);
        if (column == null) {
            return List.of();
        }
        return em.createQuery("SELECT c FROM Contact c WHERE c." + column + " = :hash", Contact.class)
                .setParameter("hash", identifierHash)
                .setLockMode(LockModeType.PESSIMISTIC_WRITE)
                .getResultList();
    }

    /** The contact's column holding an identifier of this kind, null for one no contact column holds. */
    private static String column(IdentifierKind kind) {
        return switch (kind) {
            case EMAIL -> "emailHash";
            case PHONE -> "phoneHash";
            default -> null;
        };
    }

    /**
     * What the audit, and so a webhook, says of an entry when it is added and when it is removed: its channel, purpose
     * ({@code *}: all prospecting), reason and source; never the identifier.
     */
    private static JsonObjectBuilder facts(Suppression entry) {
        JsonObjectBuilder facts = Jsons.createObjectBuilder()
                .add("channel", entry.channel().name())
                .add("purpose", entry.purposeKey() == null ? "*" : entry.purposeKey())
                .add("reason", entry.reason().name());
        return entry.source() == null ? facts.addNull("source") : facts.add("source", entry.source());
    }

    /** Every entry kept on one identifier (normalized as entries are), oldest first. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Suppression> onIdentifier(String identifier) {
        return entries(List.of(hash.of(identifier))).stream()
                .sorted(java.util.Comparator.comparing(Suppression::createdAt))
                .toList();
    }

    /** Every entry on these identifier hashes. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Suppression> entries(Collection<String> identifierHashes) {
        if (identifierHashes.isEmpty()) {
            return List.of();
        }
        return em.createNamedQuery(Suppression.OF_HASHES, Suppression.class)
                .setParameter("hashes", identifierHashes)
                .getResultList();
    }

    @Transactional(Transactional.TxType.SUPPORTS)
    public Suppression get(String id) {
        Suppression entry = id == null ? null : em.find(Suppression.class, id);
        if (entry == null) {
            throw new NotFoundException("suppression", id);
        }
        return entry;
    }

    /**
     * Entries in the order the service wrote them, paged by (time written, id): a client that keeps its cursor finds
     * every entry written since after it, an entry that holds from an earlier moment included (a provider's late
     * report, a list's dated line). Until 2026-12-06 the listing went by the moment an entry holds from, and such an
     * entry landed behind a kept cursor. An entry dated anew is written again, and comes again.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<Suppression> list(SuppressionFilter filter, int limit, String after) {
        Cursor.TimeAndId from = Cursor.decodeTimeAndId("suppressions", after);
        StringBuilder jpql = new StringBuilder(
                "SELECT s FROM Suppression s WHERE (s.recordedAt > :t OR (s.recordedAt = :t AND s.id > :id))");
        if (filter.channel() != null) {
            jpql.append(" AND s.channel = :channel");
        }
        if (filter.reason() != null) {
            jpql.append(" AND s.reason = :reason");
        }
        if (filter.source() != null) {
            jpql.append(" AND s.source = :source");
        }
        TypedQuery<Suppression> query = em.createQuery(
                        jpql.append(" ORDER BY s.recordedAt, s.id").toString(), Suppression.class)
                .setParameter("t", from.time())
                .setParameter("id", from.id())
                .setMaxResults(limit + 1);
        if (filter.channel() != null) {
            query.setParameter("channel", filter.channel());
        }
        if (filter.reason() != null) {
            query.setParameter("reason", filter.reason());
        }
        if (filter.source() != null) {
            query.setParameter("source", filter.source());
        }
        return Page.of("suppressions", query.getResultList(), limit, s -> new Cursor.TimeAndId(
                        s.recordedAt(), s.id().toString())
                .key());
    }

    /**
     * One page of the entries on identifiers of one kind written since {@code since} ({@link Suppression#recordedAt}),
     * oldest first, after the entry {@code after} (null: from the start), for outbound exports that page through a
     * period instead of loading it. Written, not dated: an entry that holds from before it arrived (a provider's event
     * reported late, a list's dated line) is sent with the first file after its arrival.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Suppression> since(Instant since, String identifierKind, Suppression after, int limit) {
        return em.createQuery(
                        "SELECT s FROM Suppression s WHERE s.recordedAt >= :since AND s.identifierKind = :kind"
                                + " AND (s.recordedAt > :at OR (s.recordedAt = :at AND s.id > :id))"
                                + " ORDER BY s.recordedAt, s.id",
                        Suppression.class)
                .setParameter("since", since)
                .setParameter("kind", IdentifierKind.valueOf(identifierKind))
                .setParameter("at", after == null ? since : after.recordedAt())
                .setParameter("id", after == null ? "" : after.id().toString())
                .setMaxResults(limit)
                .getResultList();
    }

    /**
     * Of {@code entries} (a page of {@link #since}), those that come first among the entries {@code counts} takes of
     * the same {@code key} (an identifier, or an identifier and a reason) since {@code since}: an outbound file names
     * an address once, whatever entries it holds in the period — two reasons, an SMS and a PHONE entry of one number,
     * twins of a race. One query per page, over the page's identifiers only, so a long period is still never held in
     * memory. Until 2026-12-06 each entry was a line.
     */
    @Transactional(Transactional.TxType.SUPPORTS)
    public List<Suppression> firstOfTheirKey(
            List<Suppression> entries,
            Instant since,
            java.util.function.Predicate<Suppression> counts,
            java.util.function.Function<Suppression, String> key) {
        if (entries.isEmpty()) {
            return entries;
        }
        java.util.Map<String, Suppression> first = new java.util.HashMap<>();
        em
                .createQuery(
                        "SELECT s FROM Suppression s WHERE s.identifierHash IN :hashes AND s.recordedAt >= :since",
                        Suppression.class)
                .setParameter(
                        "hashes",
                        entries.stream()
                                .map(Suppression::identifierHash)
                                .distinct()
                                .toList())
                .setParameter("since", since)
                .getResultList()
                .stream()
                .filter(counts)
                .forEach(s -> first.merge(key.apply(s), s, (a, b) -> EARLIER.compare(a, b) <= 0 ? a : b));
        return entries.stream()
                .filter(e -> first.get(key.apply(e)) == null
                        || first.get(key.apply(e)).id().equals(e.id()))
                .toList();
    }

    /** The order of {@link #since}: the time written, then id. */
    private static final java.util.Comparator<Suppression> EARLIER =
            java.util.Comparator.comparing(Suppression::recordedAt).thenComparing(s -> s.id().toString());

    /**
     * Why an entry of this reason is not deleted by hand (the 409's words): until 2026-12-06 each said only the person
     * could lift it, a do-not-call line or a bounce included.
     */
    private static String why(SuppressionReason reason) {
        return switch (reason) {
            case UNSUBSCRIBED ->
                "an opt-out that only the person lifts, by opting in again (or, for an external list's"
                        + " entry, that list's next snapshot)";
            case ERASED -> "an opt-out that only the person lifts, by opting in again";
            case COMPLAINT -> "the person's complaint, which nothing lifts";
            case HARD_BOUNCE -> "a fact about the address, kept until the source that reported it removes it";
            case DNC_REGISTRY ->
                "a line of the do-not-call registry, which its next snapshot removes when the number leaves it";
            case MANUAL -> "an entry made by hand";
        };
    }

    /** Deletes a MANUAL entry; any other reason is the person's or the network's word and stays (409). */
    public void delete(String id) {
        Suppression entry = get(id);
        if (entry.reason() != SuppressionReason.MANUAL) {
            throw new ConflictException("only MANUAL suppressions can be deleted; this one is " + entry.reason() + ", "
                    + why(entry.reason()));
        }
        // Audited while the entry is still found: the webhook outbox, observing the entry, names its holder.
        audit.append("SUPPRESSION_DELETED", "suppression", id, facts(entry).build(), holders(entry));
        em.remove(entry);
    }

    /**
     * Lifts what a fresh opt-in, given by the person with proof after the entries were made, supersedes: the
     * UNSUBSCRIBED entries for that purpose and channel. {@code lifts} is the caller's rule of who may lift which
     * reason. Entries for all prospecting on the channel stay, and so does the ERASED mark (the only trace of an
     * objection to some purpose, which one no longer known): one new consent answers for its own purpose only (the
     * decision engine lets a later consent of the person's for that purpose through). Returns the entries lifted.
     */
    public List<Suppression> liftForOptIn(
            Collection<String> identifierHashes,
            Channel channel,
            String purposeKey,
            Instant grantedAt,
            java.util.function.Predicate<SuppressionReason> lifts) {
        List<Suppression> lifted = new java.util.ArrayList<>();
        for (Suppression s : entries(identifierHashes)) {
            boolean covered = s.reason() == SuppressionReason.UNSUBSCRIBED && purposeKey.equals(s.purposeKey());
            if (covered && s.channel() == channel && s.createdAt().isBefore(grantedAt) && lifts.test(s.reason())) {
                audit.append(
                        "SUPPRESSION_LIFTED",
                        "suppression",
                        s.id().toString(),
                        facts(s).add("optInPurpose", purposeKey).build(),
                        holders(s));
                em.remove(s);
                lifted.add(s);
            }
        }
        return lifted;
    }
}
