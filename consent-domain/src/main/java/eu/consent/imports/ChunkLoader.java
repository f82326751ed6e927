package eu.consent.imports;

import eu.consent.consent.ConsentAction;
import eu.consent.consent.ConsentDerivation;
import eu.consent.consent.ConsentSource;
import eu.consent.consent.Proof;
import eu.consent.contact.ContactTable;
import eu.consent.purpose.Channel;
import eu.consent.shared.KeySets;
import eu.consent.suppression.SuppressionReason;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * The look-ups of one chunk of an import (a read model in JDBC): the contacts its rows name, locked; their consent
 * events as the derivation's facts; the suppressions on every identifier involved.
 *
 * <p>On PostgreSQL each look-up is one statement for the whole chunk ({@code = ANY(?)} with an array, which uses the
 * same index as the probe): a probe per key is a round trip to another process per row, and that was what made the
 * import five times slower than raw inserts there. On embedded Derby a probe is a call within the JVM, and an IN list
 * is worse: the plan Derby keeps for it (made while the table was small) scans the whole table once it is not.
 */
final class ChunkLoader {

    private final Connection c;
    private final ChunkState chunk;
    private final boolean setBased;

    private ChunkLoader(Connection c, ChunkState chunk, boolean setBased) {
        this.c = c;
        this.chunk = chunk;
        this.setBased = setBased;
    }

    /**
     * Loads what the rows of {@code items} need to be decided; {@code setBased}: one statement per look-up with an
     * array of keys (PostgreSQL), else one probe per key.
     */
    static ChunkState load(Connection c, List<Item> items, UnaryOperator<String> hash, boolean setBased)
            throws SQLException {
        ChunkState chunk = new ChunkState(hash);
        new ChunkLoader(c, chunk, setBased).load(items);
        return chunk;
    }

    private void load(List<Item> items) throws SQLException {
        Set<String> emails = new LinkedHashSet<>();
        Set<String> phones = new LinkedHashSet<>();
        for (Item item : items) {
            if (item instanceof Item.Row r) {
                if (r.email() != null) {
                    emails.add(r.email());
                }
                if (r.phone() != null) {
                    phones.add(r.phone());
                }
            }
        }
        loadContacts(emails, phones);
        loadEvents();
        Set<String> hashes = new HashSet<>();
        for (String e : emails) {
            hashes.add(chunk.hashOf(e));
        }
        for (String p : phones) {
            hashes.add(chunk.hashOf(p));
        }
        for (HeldContact h : chunk.byId.values()) {
            if (h.emailHash != null) {
                hashes.add(h.emailHash);
            }
            if (h.phoneHash != null) {
                hashes.add(h.phoneHash);
            }
        }
        loadSuppressions(hashes);
    }

    private void loadContacts(Collection<String> emails, Collection<String> phones) throws SQLException {
        SortedSet<String> found = new TreeSet<>();
        each("SELECT id FROM " + ContactTable.TABLE + " WHERE email", emails, rs -> found.add(id(rs, 1)));
        each("SELECT id FROM " + ContactTable.TABLE + " WHERE phone", phones, rs -> found.add(id(rs, 1)));
        if (found.isEmpty()) {
            return;
        }
        // Lock them in id order (so that two writers locking overlapping sets cannot deadlock), then read them: no API
        // write slips in between.
        if (setBased) {
            try (PreparedStatement lock = c.prepareStatement(ContactTable.LOCK)) {
                for (String id : found) {
                    lock.setString(1, id);
                    lock.addBatch();
                }
                lock.executeBatch();
            }
        } else {
            try (PreparedStatement lock = c.prepareStatement(ContactTable.LOCK_ON_DERBY)) {
                for (String id : found) {
                    lock.setString(1, id);
                    try (ResultSet rs = lock.executeQuery()) {
                        rs.next();
                    }
                }
            }
        }
        each(
                "SELECT id, email, phone, " + ContactTable.EMAIL_HASH + ", " + ContactTable.PHONE_HASH
                        + ", locale, country, audience, customer, " + ContactTable.EXTERNAL_ID + ", attributes, "
                        + ContactTable.LAST_ACTIVE_AT + ", " + ContactTable.LEFT_EVERYTHING_AT + " FROM "
                        + ContactTable.TABLE + " WHERE id",
                found,
                rs -> {
                    HeldContact h = new HeldContact();
                    h.id = id(rs, 1);
                    h.email = rs.getString(2);
                    h.phone = rs.getString(3);
                    h.emailHash = rs.getString(4);
                    h.phoneHash = rs.getString(5);
                    h.locale = rs.getString(6);
                    h.country = rs.getString(7);
                    h.audience = rs.getString(8);
                    h.customer = rs.getBoolean(9);
                    h.externalId = rs.getString(10);
                    h.attributes = rs.getString(11);
                    h.lastActiveAt = instant(rs.getTimestamp(12));
                    h.leftEverythingAt = instant(rs.getTimestamp(13));
                    chunk.hold(h);
                });
    }

    /** The events of the held contacts, as the facts the one derivation folds (the same as the ledger's). */
    private void loadEvents() throws SQLException {
        each(
                "SELECT contact_id, purpose_key, channel, action, source, needs_confirmation, occurred_at, arrival,"
                        + " id, recorded_at, proof_ip, proof_agent_id, proof_script_ref FROM consent_event"
                        + " WHERE contact_id",
                List.copyOf(chunk.byId.keySet()),
                rs -> {
                    String contactId = id(rs, 1);
                    Channel channel = Channel.valueOf(rs.getString(3));
                    ConsentAction action = ConsentAction.valueOf(rs.getString(4));
                    ConsentSource source = ConsentSource.valueOf(rs.getString(5));
                    Instant occurredAt = instant(rs.getTimestamp(7));
                    long arrival = rs.getLong(8);
                    ChunkState.Key key = new ChunkState.Key(contactId, rs.getString(2), channel);
                    chunk.existingKeys.add(key);
                    Proof proof = new Proof(rs.getString(11), null, null, rs.getString(12), rs.getString(13));
                    chunk.facts
                            .computeIfAbsent(key, k -> new ArrayList<>())
                            .add(ConsentDerivation.Fact.of(
                                    UUID.fromString(id(rs, 9)),
                                    action,
                                    rs.getBoolean(6),
                                    occurredAt,
                                    arrival,
                                    instant(rs.getTimestamp(10)),
                                    source,
                                    proof));
                    HeldContact h = chunk.byId.get(contactId);
                    h.arrival = Math.max(h.arrival, arrival);
                    if (source == ConsentSource.IMPORT) {
                        chunk.importedEvidence.add(
                                ChunkState.evidence(contactId, key.purposeKey(), channel, action, occurredAt));
                    }
                });
    }

    private void loadSuppressions(Set<String> hashes) throws SQLException {
        each(
                "SELECT identifier_hash, channel, purpose_key, reason FROM suppression WHERE identifier_hash",
                hashes,
                rs -> chunk.blocks
                        .computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                        .add(new ChunkState.Block(
                                Channel.valueOf(rs.getString(2)),
                                rs.getString(3),
                                SuppressionReason.valueOf(rs.getString(4)))));
    }

    /**
     * Runs a look-up of all {@code values}: {@code select} ends with the key column, which is compared with an array
     * of them in one statement, or with each value in a probe of its own.
     */
    private void each(String select, Collection<String> values, KeySets.Rows rows) throws SQLException {
        KeySets.select(c, setBased, select, values, rows);
    }

    /** A CHAR(36) id without the padding some drivers return. */
    private static String id(ResultSet rs, int column) throws SQLException {
        return rs.getString(column).strip();
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
