package eu.consent.imports;

import eu.consent.consent.ConsentDerivation;
import eu.consent.consent.ConsentEvent;
import eu.consent.consent.ConsentEventTable;
import eu.consent.consent.ConsentStateTable;
import eu.consent.contact.ContactTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

/**
 * Writes what the rules decided for one chunk, in JDBC batches through the tables' own column mappings
 * ({@link ContactTable}, {@link ConsentEventTable}, {@link ConsentStateTable}): a statement per table and kind, so a
 * chunk of a thousand rows costs a handful of round trips. Then the rejects and the import's progress.
 */
final class ChunkStatements {

    private static final int MAX_DETAIL = 1000;
    /** What import_reject.original holds: a row is kept cut to it, whatever the row limit (max-line-chars) is. */
    private static final int MAX_ORIGINAL = 8000;

    private final Connection c;
    private final ChunkState chunk;
    private final Instant now;

    ChunkStatements(Connection c, ChunkState chunk, Instant now) {
        this.c = c;
        this.chunk = chunk;
        this.now = now;
    }

    void write(UUID importId) throws SQLException {
        contacts();
        if (!chunk.events.isEmpty()) {
            try (PreparedStatement insert = c.prepareStatement(ConsentEventTable.INSERT)) {
                for (ConsentEvent e : chunk.events) {
                    ConsentEventTable.addInsert(insert, e);
                }
                insert.executeBatch();
            }
            states();
        }
        rejects(importId);
    }

    private void contacts() throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(ContactTable.INSERT);
                PreparedStatement update = c.prepareStatement(ContactTable.UPDATE)) {
            boolean inserts = false;
            boolean updates = false;
            for (HeldContact h : chunk.byId.values()) {
                if (h.isNew) {
                    ContactTable.add(insert, h.row(), now, now);
                    inserts = true;
                } else if (h.changed) {
                    ContactTable.add(update, h.row(), now, null);
                    updates = true;
                }
            }
            if (inserts) {
                insert.executeBatch();
            }
            if (updates) {
                update.executeBatch();
            }
        }
    }

    /** The projection of every touched key, derived by the one derivation from all its facts. */
    private void states() throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(ConsentStateTable.INSERT);
                PreparedStatement update = c.prepareStatement(ConsentStateTable.UPDATE)) {
            boolean inserts = false;
            boolean updates = false;
            for (ChunkState.Key key : chunk.touched) {
                ConsentDerivation.Outcome outcome = ConsentDerivation.derive(chunk.facts.get(key));
                boolean known = chunk.existingKeys.contains(key);
                ConsentStateTable.add(
                        known ? update : insert,
                        ConsentStateTable.derived(
                                UUID.fromString(key.contactId()), key.purposeKey(), key.channel(), outcome));
                inserts |= !known;
                updates |= known;
            }
            if (inserts) {
                insert.executeBatch();
            }
            if (updates) {
                update.executeBatch();
            }
        }
    }

    private void rejects(UUID importId) throws SQLException {
        if (chunk.rejected.isEmpty()) {
            return;
        }
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO import_reject (import_id, line_number,"
                + " original, reason, detail, email_hash, phone_hash) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            for (Item.Rejected r : chunk.rejected) {
                insert.setString(1, importId.toString());
                insert.setLong(2, r.line());
                insert.setString(3, cut(r.text(), MAX_ORIGINAL));
                insert.setString(4, r.reason().name());
                insert.setString(5, r.detail() == null ? null : cut(r.detail(), MAX_DETAIL));
                insert.setString(6, r.email() == null ? null : chunk.hashOf(r.email()));
                insert.setString(7, r.phone() == null ? null : chunk.hashOf(r.phone()));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /**
     * Moves the import's position and counts with the chunk's rows, in their transaction. With several partitions
     * ({@code part} not null) the partition's own position moves, and the import's shows the furthest one (the
     * progress bar); the counts are summed.
     */
    void progress(UUID importId, Integer part, long read, long imported, long updated, Item last) throws SQLException {
        if (part != null) {
            try (PreparedStatement s = c.prepareStatement("UPDATE import_partition SET position_bytes = ?,"
                    + " last_line = ? WHERE import_id = ? AND part = ?")) {
                s.setLong(1, last.end());
                s.setLong(2, last.line());
                s.setString(3, importId.toString());
                s.setInt(4, part);
                if (s.executeUpdate() != 1) {
                    throw new IllegalStateException("import " + importId + " has no partition " + part);
                }
            }
        }
        // Derby has no GREATEST: a CASE keeps the furthest position of all partitions.
        try (PreparedStatement s = c.prepareStatement("UPDATE contact_import SET"
                + " position_bytes = CASE WHEN position_bytes < ? THEN CAST(? AS BIGINT) ELSE position_bytes END,"
                + " last_line = CASE WHEN last_line < ? THEN CAST(? AS BIGINT) ELSE last_line END,"
                + " read_rows = read_rows + ?, imported_rows = imported_rows + ?, updated_rows = updated_rows + ?,"
                + " rejected_rows = rejected_rows + ?, updated_at = ? WHERE id = ?")) {
            s.setLong(1, last.end());
            s.setLong(2, last.end());
            s.setLong(3, last.line());
            s.setLong(4, last.line());
            s.setLong(5, read);
            s.setLong(6, imported);
            s.setLong(7, updated);
            s.setLong(8, chunk.rejected.size());
            s.setTimestamp(9, Timestamp.from(now));
            s.setString(10, importId.toString());
            if (s.executeUpdate() != 1) {
                throw new IllegalStateException("import " + importId + " is no longer known (forgotten meanwhile)");
            }
        }
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
