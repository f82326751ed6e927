package eu.consent.audit;

import eu.consent.shared.ContextJdbc;
import eu.consent.shared.Hashing;
import eu.consent.shared.Jsons;
import eu.consent.shared.KeyedHash;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.io.StringReader;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.UUID;

/**
 * The contacts an entry about many of them covers (table {@code audit_subject}): the keyed hash of each contact id,
 * never the id itself, so that the audit filter by contact finds the entry while the chain keeps no purged id in
 * clear. The entry's details carry {@link #digest} of its keys, so the chain's seal covers the list too.
 */
@ApplicationScoped
public class AuditSubjects {

    /** The member of an entry's details that seals its list of contacts. */
    static final String DIGEST = "subjectsDigest";

    @PersistenceContext(unitName = "consent")
    EntityManager em;

    @Inject
    KeyedHash hash;

    /** The key under which a contact id is listed. */
    public String keyOf(String contactId) {
        return hash.of(contactId);
    }

    /** The keys of these contact ids, sorted (the order the digest is computed in). */
    List<String> keysOf(List<String> contactIds) {
        return contactIds.stream().map(this::keyOf).sorted().toList();
    }

    /** The SHA-256 of the sorted keys, comma-separated: what the entry's details seal. */
    static String digest(List<String> sortedKeys) {
        return Hashing.sha256Hex(String.join(",", sortedKeys));
    }

    /**
     * Lists the keys under the entry, in the caller's transaction: one JDBC batch on the persistence context's own
     * connection (EclipseLink binds a native query's positional parameters in time quadratic in their number).
     */
    void record(long seq, List<String> keys) {
        ContextJdbc.run(em, c -> {
            try (PreparedStatement insert =
                    c.prepareStatement("INSERT INTO audit_subject (contact_key, entry_seq) VALUES (?, ?)")) {
                for (String key : keys) {
                    insert.setString(1, key);
                    insert.setLong(2, seq);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

    /** The entries that list this contact among many. */
    List<Long> entriesAbout(UUID contactId) {
        return entriesAbout(contactId.toString());
    }

    @SuppressWarnings("unchecked")
    List<Long> entriesAbout(String contactId) {
        List<Object> seqs = em.createNativeQuery("SELECT entry_seq FROM audit_subject WHERE contact_key = ?")
                .setParameter(1, keyOf(contactId))
                .getResultList();
        return seqs.stream().map(s -> ((Number) s).longValue()).toList();
    }

    /**
     * Why the contacts listed under {@code e} no longer match the digest its details seal, or null when they do (or
     * when it lists none): a key deleted or added in {@code audit_subject} is caught as surely as an edited entry.
     */
    public String problem(AuditEntry e) {
        if (e.details() == null || !e.details().contains(DIGEST)) {
            return null;
        }
        String sealed;
        try (var reader = Jsons.createReader(new StringReader(e.details()))) {
            sealed = reader.readObject().getString(DIGEST, null);
        }
        if (sealed == null || sealed.equals(digest(keysOf(e.seq())))) {
            return null;
        }
        return "the contacts listed under entry " + e.seq() + " do not match its digest: audit_subject was altered";
    }

    /** The keys listed under one entry, sorted: to check them against the digest its details seal. */
    @SuppressWarnings("unchecked")
    List<String> keysOf(long seq) {
        List<Object> keys = em.createNativeQuery("SELECT contact_key FROM audit_subject WHERE entry_seq = ?")
                .setParameter(1, seq)
                .getResultList();
        // Sorted here, not by the database, whose collation may differ from the digest's order.
        return keys.stream().map(k -> ((String) k).strip()).sorted().toList();
    }
}
