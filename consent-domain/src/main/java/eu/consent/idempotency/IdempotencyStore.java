package eu.consent.idempotency;

import eu.consent.contact.Contact;
import eu.consent.contact.ContactService;
import eu.consent.contact.EmailAddresses;
import eu.consent.contact.PhoneNumbers;
import eu.consent.shared.ContextJdbc;
import eu.consent.shared.Jsons;
import eu.consent.shared.KeySets;
import eu.consent.shared.KeyedHash;
import eu.consent.shared.Service;
import eu.consent.shared.Times;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reserves keys and keeps first answers. A key is reserved by inserting its row before the request runs: the primary
 * key lets exactly one of several concurrent requests (on any server) win, the others see it running. Expired rows
 * are deleted as new keys are reserved (at most once a minute per server), so answers never outlive their time.
 */
@Service
public class IdempotencyStore {

    /** The longest answer body kept for replay; a longer one is not kept (the key then simply does not replay). */
    static final int MAX_BODY = 32_000;

    private static final long SWEEP_EVERY_MILLIS = 60_000;
    private static final String UNIQUE_VIOLATION = "23505";

    @PersistenceContext(unitName = "consent")
    EntityManager em;

    @Resource(lookup = "jdbc/consent")
    DataSource dataSource;

    @Inject
    Clock clock;

    @Inject
    KeyedHash hash;

    @Inject
    @ConfigProperty(name = "consent.idempotency.ttl", defaultValue = "PT24H")
    Duration ttl;

    /** How long a reservation may run before it counts as abandoned (its server died) and the key may run again. */
    @Inject
    @ConfigProperty(name = "consent.idempotency.running-timeout", defaultValue = "PT10M")
    Duration runningTimeout;

    private final AtomicLong lastSweep = new AtomicLong();

    /** What a request with a key may do. */
    public sealed interface Claim {
        /** The key is this request's: run it, then {@link #keep} or {@link #release}. */
        record Reserved() implements Claim {}

        /** The key already answered: replay this, if the body is the same. */
        record Answered(IdempotentAnswer answer) implements Claim {}

        /** A request with this key is still running. */
        record Running() implements Claim {}
    }

    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public Claim claim(String scopeHash, String requestHash) {
        sweepNowAndThen();
        for (int attempt = 0; attempt < 3; attempt++) {
            Instant now = Times.now(clock);
            if (reserve(scopeHash, requestHash, now)) {
                return new Claim.Reserved();
            }
            IdempotentAnswer first = em.find(IdempotentAnswer.class, scopeHash);
            if (first == null) {
                continue; // released or swept in between: try again
            }
            if (first.expiredAt(now)
                    || (first.running() && first.runningSince(now).compareTo(runningTimeout) > 0)) {
                delete("DELETE FROM idempotency_key WHERE scope_hash = ? AND created_at = ?", scopeHash, first);
                continue;
            }
            if (!first.running()
                    && first.body() != null
                    && first.contactId() != null
                    && em.find(Contact.class, first.contactId().strip()) == null) {
                forgetAnswer(scopeHash);
                return new Claim.Answered(first.forgotten());
            }
            return first.running() ? new Claim.Running() : new Claim.Answered(first);
        }
        return new Claim.Running();
    }

    /**
     * Forgets, as {@link #forgetContacts} does, the answer of a key whose contact no longer exists: one kept after the
     * erasure that swept the answers about its person, by a request that ran while they were being erased (an answer
     * without a body, the erasure's own 204, says nothing of them and is replayed as it is). Until
     * 2026-12-07 its replay handed out the erased person's links (tokens encoding their id) with {@code
     * Idempotent-Replayed: true} instead of 410 (tester AV's F4).
     */
    private void forgetAnswer(String scopeHash) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement update = c.prepareStatement(
                        "UPDATE idempotency_key SET status = ?, body = NULL,"
                                + " location = NULL, contact_id = NULL, request_hash = ? WHERE scope_hash = ? AND status <> 0")) {
            update.setInt(1, IdempotentAnswer.GONE);
            update.setString(2, IdempotentAnswer.ERASED);
            update.setString(3, scopeHash);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("forgetting an erased person's idempotent answer failed", e);
        }
    }

    /**
     * Keeps the answer of the reserved key, with the contact it is about (null when none), so that erasing that
     * person deletes it. A body too long to keep releases the key instead.
     *
     * @param requestHash the request's hash when it was known only once the request had run (a streamed upload), or
     *     null to keep the one the key was reserved with
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public void keep(String scopeHash, String requestHash, int status, String location, String body, String contactId) {
        keep(scopeHash, requestHash, status, location, body, contactId, List.of());
    }

    /**
     * Keeps the answer as {@link #keep(String, String, int, String, String, String)} does, linked besides to each of the
     * people a batch request {@code named} (contact ids, normalized emails and phones, see {@link IdempotencySubjects}):
     * erasing any of them forgets the whole answer. The links are written before the answer, so that no erasure finds an
     * answer kept without them.
     */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public void keep(
            String scopeHash,
            String requestHash,
            int status,
            String location,
            String body,
            String contactId,
            java.util.Collection<String> named) {
        if (body != null && body.length() > MAX_BODY) {
            release(scopeHash);
            return;
        }
        if (contactId == null) {
            contactId = holderOfIdentifierIn(body);
        }
        if (!named.isEmpty()) {
            try (Connection c = dataSource.getConnection()) {
                link(c, scopeHash, named.stream().map(hash::of).toList());
            } catch (SQLException e) {
                throw new IllegalStateException("linking an idempotent answer to its people failed", e);
            }
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement update = c.prepareStatement("UPDATE idempotency_key SET status = ?, location = ?,"
                        + " body = ?, contact_id = ?" + (requestHash == null ? "" : ", request_hash = ?")
                        + " WHERE scope_hash = ? AND status = 0")) {
            int i = 1;
            update.setInt(i++, status);
            update.setString(i++, location);
            update.setString(i++, body);
            update.setString(i++, contactId);
            if (requestHash != null) {
                update.setString(i++, requestHash);
            }
            update.setString(i, scopeHash);
            update.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("keeping an idempotent answer failed", e);
        }
    }

    /**
     * The contact holding the email address or phone number an answer names without naming a contact (a suppression's),
     * or null: the answer is then theirs, and their erasure forgets it even once they have changed that address (until
     * 2026-12-05 only a search for their current identifiers found it, and a replay handed their former address out).
     */
    private String holderOfIdentifierIn(String body) {
        if (body == null || !body.startsWith("{")) {
            return null;
        }
        JsonObject answer;
        try {
            answer = Jsons.createReader(new java.io.StringReader(body)).readObject();
        } catch (RuntimeException e) {
            return null;
        }
        List<String> hashes = new ArrayList<>();
        if (answer.get("email") instanceof JsonString email) {
            String normalized = EmailAddresses.normalizeOrNull(email.getString());
            if (normalized != null) {
                hashes.add(hash.of(normalized));
            }
        }
        if (answer.get("phone") instanceof JsonString phone) {
            String e164 = PhoneNumbers.toE164OrNull(phone.getString(), null);
            if (e164 != null) {
                hashes.add(hash.of(e164));
            }
        }
        return hashes.stream()
                .map(h -> ContactService.holding(em, h))
                .flatMap(java.util.Optional::stream)
                .map(c -> c.id().toString())
                .findFirst()
                .orElse(null);
    }

    /**
     * Links the answer of {@code scopeHash} to these keyed hashes (of contact ids, emails, phones), on the caller's
     * connection and in its transaction: an import's chunk links the people its rows named as it writes them, since its
     * answer is given before any row is read. A hash linked twice (a person in two chunks) is simply listed twice.
     */
    public void link(Connection c, String scopeHash, java.util.Collection<String> subjectHashes) throws SQLException {
        java.util.Set<String> distinct = new java.util.LinkedHashSet<>(subjectHashes);
        distinct.remove(null);
        if (distinct.isEmpty()) {
            return;
        }
        Timestamp expires = Timestamp.from(Times.now(clock).plus(ttl));
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO idempotency_subject (scope_hash, subject_hash, expires_at) VALUES (?, ?, ?)")) {
            for (String subject : distinct) {
                insert.setString(1, scopeHash);
                insert.setString(2, subject);
                insert.setTimestamp(3, expires);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** Frees a reserved key whose request failed: a retry with it runs again. */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public void release(String scopeHash) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement delete =
                        c.prepareStatement("DELETE FROM idempotency_key WHERE scope_hash = ? AND status = 0")) {
            delete.setString(1, scopeHash);
            if (delete.executeUpdate() > 0) {
                unlink(c, scopeHash);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("releasing an idempotency key failed", e);
        }
    }

    private static final String FORGET = "UPDATE IdempotentAnswer a SET a.status = :gone, a.body = NULL,"
            + " a.location = NULL, a.contactId = NULL, a.requestHash = :erased";

    /**
     * Forgets every kept answer about these contacts (erasure, purge), in the caller's transaction: its body, its
     * location and its request's hash, keeping only that the key was used ({@link IdempotentAnswer#erased()}).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int forgetContacts(java.util.Collection<String> contactIds) {
        if (contactIds.isEmpty()) {
            return 0;
        }
        return forget(FORGET + " WHERE a.contactId IN :ids")
                .setParameter("ids", contactIds)
                .executeUpdate();
    }

    /**
     * Forgets, as {@link #forgetContacts} does, every kept answer whose body mentions one of these texts (an erased
     * person's id, email or phone: an answer to a suppression names the address without naming the contact), in the
     * caller's transaction.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int forgetMentioning(java.util.Collection<String> texts) {
        int forgotten = 0;
        for (String text : texts) {
            if (text != null && !text.isBlank()) {
                forgotten += forget(FORGET + " WHERE a.body LIKE :text ESCAPE '!'")
                        .setParameter("text", "%" + escapeLike(text) + "%")
                        .executeUpdate();
            }
        }
        return forgotten;
    }

    /**
     * Forgets, as {@link #forgetContacts} does, every kept answer linked to one of these keyed hashes (an erased
     * person's id, email and phone, those they gave up included: a batch of sends or ESP events, an import, that named
     * them among others), in the caller's transaction; the answers' links go with them.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public int forgetSubjects(java.util.Collection<String> subjectHashes) {
        java.util.Set<String> scopes = new java.util.HashSet<>();
        ContextJdbc.run(
                em,
                c -> KeySets.select(
                        c,
                        "SELECT scope_hash FROM idempotency_subject WHERE subject_hash",
                        new java.util.HashSet<>(subjectHashes),
                        rs -> scopes.add(rs.getString(1).strip())));
        if (scopes.isEmpty()) {
            return 0;
        }
        int forgotten = forget(FORGET + " WHERE a.scopeHash IN :scopes")
                .setParameter("scopes", scopes)
                .executeUpdate();
        ContextJdbc.run(em, c -> KeySets.delete(c, "idempotency_subject", "scope_hash", scopes));
        return forgotten;
    }

    private jakarta.persistence.Query forget(String update) {
        return em.createQuery(update)
                .setParameter("gone", IdempotentAnswer.GONE)
                .setParameter("erased", IdempotentAnswer.ERASED);
    }

    /** Deletes the answers that expired; returns how many. */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public int sweep() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement delete = c.prepareStatement("DELETE FROM idempotency_key WHERE expires_at <= ?");
                PreparedStatement links = c.prepareStatement("DELETE FROM idempotency_subject WHERE expires_at <= ?")) {
            Timestamp now = Timestamp.from(Times.now(clock));
            delete.setTimestamp(1, now);
            links.setTimestamp(1, now);
            links.executeUpdate();
            return delete.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("deleting expired idempotency keys failed", e);
        }
    }

    private void sweepNowAndThen() {
        long now = System.currentTimeMillis();
        long last = lastSweep.get();
        if (now - last >= SWEEP_EVERY_MILLIS && lastSweep.compareAndSet(last, now)) {
            sweep();
        }
    }

    /** Inserts the reservation; false when the key already has a row (the primary key refused it). */
    private boolean reserve(String scopeHash, String requestHash, Instant now) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement insert = c.prepareStatement("INSERT INTO idempotency_key (scope_hash, request_hash,"
                        + " status, created_at, expires_at) VALUES (?, ?, 0, ?, ?)")) {
            insert.setString(1, scopeHash);
            insert.setString(2, requestHash);
            insert.setTimestamp(3, Timestamp.from(now));
            insert.setTimestamp(4, Timestamp.from(now.plus(ttl)));
            insert.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (UNIQUE_VIOLATION.equals(e.getSQLState())) {
                return false;
            }
            throw new IllegalStateException("reserving an idempotency key failed", e);
        }
    }

    private void delete(String sql, String scopeHash, IdempotentAnswer row) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement delete = c.prepareStatement(sql)) {
            delete.setString(1, scopeHash);
            delete.setTimestamp(2, Timestamp.from(row.createdAt()));
            if (delete.executeUpdate() > 0) {
                unlink(c, scopeHash);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("deleting a stale idempotency key failed", e);
        }
    }

    /** Deletes the links of a key whose row was deleted: the key's next answer is about its own request's people. */
    private static void unlink(Connection c, String scopeHash) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM idempotency_subject WHERE scope_hash = ?")) {
            delete.setString(1, scopeHash);
            delete.executeUpdate();
        }
    }

    private static String escapeLike(String text) {
        return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
    }
}
