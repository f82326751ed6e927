package eu.consent.imports;

import eu.consent.audit.AuditLog;
import eu.consent.consent.ConsentEvent;
import eu.consent.consent.ConsentWithdrawn;
import eu.consent.contact.IdentifiersChanged;
import eu.consent.idempotency.IdempotencyStore;
import eu.consent.shared.Jsons;
import eu.consent.shared.KeySets;
import eu.consent.shared.KeyedHash;
import eu.consent.shared.Times;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Writes one chunk of an import in the caller's transaction: {@link ChunkLoader} looks up what the rows name,
 * {@link ImportRules} decides each row with the API path's rule objects, {@link ChunkStatements} writes the result in
 * JDBC batches through the tables' column mappings, with the rejected rows and the import's progress, and one audit
 * entry. The progress commits with the rows, so a restart resumes exactly after the last chunk that committed.
 */
@ApplicationScoped
public class ImportWriter {

    @Resource(lookup = "jdbc/consent")
    DataSource dataSource;

    @Inject
    KeyedHash hash;

    @Inject
    AuditLog audit;

    /** Links the people a keyed upload names to its key's answer, chunk by chunk. */
    @Inject
    IdempotencyStore idempotency;

    @Inject
    Clock clock;

    /**
     * The API's own event: an imported WITHDRAW or OBJECT that took effect is an opt-out in the statistics as the API's
     * is, by the same rule ({@link ConsentWithdrawn#tookEffect}).
     */
    @Inject
    Event<ConsentWithdrawn> withdrawn;

    /** The contacts' own event: a known person given a new identifier keeps their opt-outs on it. */
    @Inject
    Event<IdentifiersChanged> identifiersChanged;

    /** Whether the database answers a chunk's look-ups in one statement each (see {@link ChunkLoader}). */
    private volatile Boolean setBased;

    /** What a chunk did. */
    public record Counts(long read, long imported, long updated, long rejected, long events) {}

    @Transactional(Transactional.TxType.MANDATORY)
    public Counts write(UUID importId, List<Item> items, ImportCatalog catalog) {
        return write(importId, null, items, catalog);
    }

    /**
     * Writes a chunk of partition {@code part} (null: the import is written by one partition, whose position is the
     * import's own).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Counts write(UUID importId, Integer part, List<Item> items, ImportCatalog catalog) {
        if (items.isEmpty()) {
            return new Counts(0, 0, 0, 0, 0);
        }
        Instant now = Times.now(clock);
        try (Connection c = dataSource.getConnection()) {
            ChunkState chunk = ChunkLoader.load(c, items, hash::of, setBased(c));
            ImportRules rules = new ImportRules(chunk, catalog, now);
            long imported = 0;
            long updated = 0;
            for (Item item : items) {
                if (item instanceof Item.Rejected r) {
                    chunk.rejected.add(r);
                    continue;
                }
                RowOutcome outcome = rules.apply((Item.Row) item);
                if (outcome instanceof RowOutcome.Created) {
                    imported++;
                } else if (outcome instanceof RowOutcome.Updated) {
                    updated++;
                } else if (outcome instanceof RowOutcome.Rejected r) {
                    chunk.rejected.add(r.reject());
                }
            }
            ChunkStatements statements = new ChunkStatements(c, chunk, now);
            statements.write(importId);
            Item last = items.get(items.size() - 1);
            statements.progress(importId, part, items.size(), imported, updated, last);
            String keyScope = keyScope(c, importId);
            if (keyScope != null) {
                idempotency.link(c, keyScope, namedBy(items, chunk));
            }
            for (ConsentEvent e : chunk.optOuts) {
                withdrawn.fire(new ConsentWithdrawn(e, true));
            }
            // A known person given an email or phone they had none of: their opt-outs follow them there, as after a
            // PATCH.
            for (HeldContact h : chunk.byId.values()) {
                if (h.identifiersBefore != null) {
                    identifiersChanged.fire(
                            new IdentifiersChanged(UUID.fromString(h.id), h.identifiersBefore, h.identifiers()));
                }
            }
            // Audited last, as every entry (the chain's lock is held to the commit): taken before the identifiers'
            // observers, which insert rows another partition may hold, two partitions could wait for each other.
            auditOptOuts(importId, chunk.optOuts);
            // The entry lists the people the chunk wrote (audit_subject, one JDBC batch), as a report of sends does:
            // until 2026-12-06 it named only the import, and a person's audit showed no trace of the import that set
            // their attributes or recorded their consent.
            audit.append(
                    "CONTACTS_IMPORTED",
                    "import",
                    importId.toString(),
                    Jsons.createObjectBuilder()
                            .add("lines", items.get(0).line() + "-" + last.line())
                            .add("imported", imported)
                            .add("updated", updated)
                            .add("rejected", chunk.rejected.size())
                            .add("events", chunk.events.size())
                            .build(),
                    chunk.written());
            return new Counts(items.size(), imported, updated, chunk.rejected.size(), chunk.events.size());
        } catch (SQLException e) {
            throw new IllegalStateException("import chunk failed: " + e.getMessage(), e);
        }
    }

    /**
     * The chunk's opt-outs (each WITHDRAW or OBJECT it recorded) as {@code OPT_OUT} entries, one per purpose, channel,
     * action and source, each listing its people: the entry the opt-out metric and the {@code optout.recorded} webhook
     * follow, one message per person, as for an opt-out through the API, and which the audit's filter by contact finds.
     * Until 2026-12-07 an import's opt-outs reached no webhook receiver (tester AK's F2): a CRM mirroring opt-outs kept
     * mailing a person whose paper withdrawal was keyed in by import. One entry per group, not per person, so an import
     * of many withdrawals appends a handful of entries per chunk.
     */
    private void auditOptOuts(UUID importId, List<ConsentEvent> optOuts) {
        Map<List<String>, Set<String>> groups = new LinkedHashMap<>();
        for (ConsentEvent e : optOuts) {
            groups.computeIfAbsent(
                            List.of(
                                    e.purposeKey(),
                                    e.channel().name(),
                                    e.action().name(),
                                    e.source().name()),
                            k -> new LinkedHashSet<>())
                    .add(e.contactId().toString());
        }
        groups.forEach((group, contacts) -> audit.appendAboutContacts(
                "OPT_OUT",
                List.copyOf(contacts),
                Jsons.createObjectBuilder()
                        .add("purpose", group.get(0))
                        .add("channel", group.get(1))
                        .add("action", group.get(2))
                        .add("source", group.get(3))
                        .add("import", importId.toString())
                        .build()));
    }

    /** The scope of the {@code Idempotency-Key} the import was uploaded with, or null (none). */
    private static String keyScope(Connection c, UUID importId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT idempotency_scope FROM contact_import WHERE id = ?")) {
            s.setString(1, importId.toString());
            try (ResultSet rs = s.executeQuery()) {
                String scope = rs.next() ? rs.getString(1) : null;
                return scope == null ? null : scope.strip();
            }
        }
    }

    /**
     * The keyed hashes of the people a chunk's rows name: each row's email and phone, rejected rows' too (the upload's
     * hash confirms them as well), and the id of each contact the chunk found or created.
     */
    private Set<String> namedBy(List<Item> items, ChunkState chunk) {
        Set<String> named = new HashSet<>();
        for (Item item : items) {
            String email = item instanceof Item.Row r ? r.email() : ((Item.Rejected) item).email();
            String phone = item instanceof Item.Row r ? r.phone() : ((Item.Rejected) item).phone();
            if (email != null) {
                named.add(chunk.hashOf(email));
            }
            if (phone != null) {
                named.add(chunk.hashOf(phone));
            }
        }
        chunk.byId.keySet().forEach(id -> named.add(hash.of(id)));
        return named;
    }

    private boolean setBased(Connection c) throws SQLException {
        Boolean known = setBased;
        if (known == null) {
            known = KeySets.setBased(c);
            setBased = known;
        }
        return known;
    }
}
