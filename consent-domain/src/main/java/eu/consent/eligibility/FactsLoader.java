package eu.consent.eligibility;

import eu.consent.consent.ConsentAction;
import eu.consent.consent.ConsentSource;
import eu.consent.consent.ConsentState;
import eu.consent.consent.PersonsOwnAct;
import eu.consent.consent.Proof;
import eu.consent.contact.Audience;
import eu.consent.contact.PostalAddress;
import eu.consent.contact.PostalAddresses;
import eu.consent.optout.OptOut;
import eu.consent.purpose.Channel;
import eu.consent.purpose.Purpose;
import eu.consent.shared.KeyedHash;
import eu.consent.suppression.SuppressionReason;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Gathers the facts of many recipients at once with a few indexed queries (contacts with their consent state and
 * preferences in one join, then their suppressions, then their sends when a cap applies), in plain JDBC: this is the
 * hot path of every send. IN lists are padded to a few fixed sizes so that the database compiles each shape once.
 */
final class FactsLoader {

    private static final int[] SIZES = {1, 8, 64, 256};
    static final int MAX_BATCH = SIZES[SIZES.length - 1];

    /** A contact row joined with its consent state for the purpose and channel, and its preferences. */
    record Row(
            UUID id,
            String email,
            String phone,
            Audience audience,
            boolean customer,
            String country,
            String emailHash,
            String phoneHash,
            ConsentState state,
            Instant since,
            boolean stateByPerson,
            Instant pausedUntil,
            Map<String, FrequencyCap> caps,
            Set<Channel> preferredChannels,
            Instant createdAt,
            Instant lastActiveAt,
            PostalAddress postalAddress) {

        /**
         * The keyed hashes a channel reads its ERASED mark under besides the identifier it reaches ({@link #hashFor}):
         * for push, which reaches none, and post, the person's address and number ({@link Channel#markedThrough()});
         * empty for the other channels.
         */
        List<String> markHashesFor(Channel channel) {
            List<String> marks = new ArrayList<>(2);
            if (!channel.reachedBy(eu.consent.purpose.IdentifierKind.EMAIL)
                    && channel.markedThrough().contains(eu.consent.purpose.IdentifierKind.EMAIL)
                    && emailHash != null) {
                marks.add(emailHash);
            }
            if (!channel.reachedBy(eu.consent.purpose.IdentifierKind.PHONE)
                    && channel.markedThrough().contains(eu.consent.purpose.IdentifierKind.PHONE)
                    && phoneHash != null) {
                marks.add(phoneHash);
            }
            return marks;
        }

        /** The keyed hash of the identifier this channel reaches (suppressions hold only hashes), or null. */
        String hashFor(Channel channel, KeyedHash hash) {
            return channel.identifier()
                    .map(kind -> switch (kind) {
                        case EMAIL -> emailHash;
                        case PHONE -> phoneHash;
                        case POSTAL -> postalAddress == null ? null : hash.of(PostalAddresses.normalize(postalAddress));
                    })
                    .orElse(null);
        }
    }

    private FactsLoader() {}

    /** Contacts named by the recipients, keyed by the recipient's kind and normalized value. */
    static Map<String, Row> contacts(Connection c, Purpose purpose, Channel channel, List<Recipient> recipients)
            throws SQLException {
        Map<String, Row> found = new HashMap<>();
        for (Recipient.Kind kind : Recipient.Kind.values()) {
            List<String> values = new ArrayList<>();
            for (Recipient r : recipients) {
                if (r.kind() == kind) {
                    values.add(r.value());
                }
            }
            for (List<String> chunk : chunks(values)) {
                String sql = "SELECT c.id, c.email, c.phone, c.audience, c.customer, c.country, c.email_hash,"
                        + " c.phone_hash, s.state, s.since, p.paused_until, p.frequency, p.channels, c.created_at,"
                        + " c.last_active_at, e.source, e.proof_ip, e.proof_agent_id, e.proof_script_ref,"
                        + " c.postal_lines, c.postal_postcode, c.postal_city, c.postal_country, e.action FROM contact c"
                        + " LEFT OUTER JOIN consent_state s ON s.contact_id = c.id AND s.purpose_key = ?"
                        + " AND s.channel = ? LEFT OUTER JOIN consent_event e ON e.id = s.event_id"
                        + " LEFT OUTER JOIN contact_preferences p ON p.contact_id = c.id"
                        + " WHERE c." + kind.column + " IN (" + placeholders(chunk.size()) + ")";
                try (PreparedStatement q = c.prepareStatement(sql)) {
                    q.setString(1, purpose.key());
                    q.setString(2, channel.name());
                    bindPadded(q, 3, chunk);
                    try (ResultSet rs = q.executeQuery()) {
                        while (rs.next()) {
                            Row row = new Row(
                                    UUID.fromString(rs.getString(1).strip()),
                                    rs.getString(2),
                                    rs.getString(3),
                                    Audience.valueOf(rs.getString(4)),
                                    rs.getBoolean(5),
                                    rs.getString(6),
                                    rs.getString(7),
                                    rs.getString(8),
                                    rs.getString(9) == null ? ConsentState.NONE : ConsentState.valueOf(rs.getString(9)),
                                    instant(rs.getTimestamp(10)),
                                    rs.getString(16) != null
                                            && PersonsOwnAct.of(
                                                    ConsentAction.valueOf(rs.getString(24)),
                                                    ConsentSource.valueOf(rs.getString(16)),
                                                    new Proof(
                                                            rs.getString(17),
                                                            null,
                                                            null,
                                                            rs.getString(18),
                                                            rs.getString(19))),
                                    instant(rs.getTimestamp(11)),
                                    rs.getString(12) == null ? Map.of() : FrequencyCap.parseAll(rs.getString(12)),
                                    channels(rs.getString(13)),
                                    instant(rs.getTimestamp(14)),
                                    instant(rs.getTimestamp(15)),
                                    postal(rs.getString(20), rs.getString(21), rs.getString(22), rs.getString(23)));
                            String key =
                                    switch (kind) {
                                        case CONTACT_ID -> row.id().toString();
                                        case EMAIL -> row.email();
                                        case PHONE -> row.phone();
                                    };
                            found.put(kind + ":" + key, row);
                        }
                    }
                }
            }
        }
        return found;
    }

    /**
     * Whether the purpose was retired, read at each decision: the catalogue caches purposes, and a retirement made on
     * any server must stop the very next send everywhere.
     */
    static boolean retired(Connection c, String purposeKey) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT retired_at FROM purpose WHERE purpose_key = ?")) {
            q.setString(1, purposeKey);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() && rs.getTimestamp(1) != null;
            }
        }
    }

    /** Suppressions on the given identifier hashes for the channel. */
    static Map<String, List<Facts.Block>> suppressions(Connection c, Channel channel, List<String> hashes)
            throws SQLException {
        Map<String, List<Facts.Block>> blocks = new HashMap<>();
        for (List<String> chunk : chunks(hashes)) {
            String sql = "SELECT identifier_hash, reason, purpose_key, created_at FROM suppression WHERE channel = ?"
                    + " AND identifier_hash IN (" + placeholders(chunk.size()) + ")";
            try (PreparedStatement q = c.prepareStatement(sql)) {
                q.setString(1, channel.name());
                bindPadded(q, 2, chunk);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        blocks.computeIfAbsent(rs.getString(1), h -> new ArrayList<>())
                                .add(new Facts.Block(
                                        SuppressionReason.valueOf(rs.getString(2)),
                                        rs.getString(3),
                                        instant(rs.getTimestamp(4))));
                    }
                }
            }
        }
        return blocks;
    }

    /**
     * The unsubscribes from all prospecting that the given contacts made and that cover the channel, per contact id, as
     * blocks: what holds for a contact with no identifier on the channel, whose suppressions stay under the address or
     * number they had (and are carried to the next one they are given).
     */
    static Map<String, List<Facts.Block>> leftEverything(Connection c, Channel channel, List<String> contactIds)
            throws SQLException {
        Map<String, List<Facts.Block>> blocks = new HashMap<>();
        for (List<String> chunk : chunks(contactIds)) {
            String sql = "SELECT contact_id, channel, source, occurred_at FROM opt_out WHERE purpose_key IS NULL"
                    + " AND contact_id IN (" + placeholders(chunk.size()) + ")";
            try (PreparedStatement q = c.prepareStatement(sql)) {
                bindPadded(q, 1, chunk);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        if (OptOut.leavesEverythingOn(
                                ConsentSource.valueOf(rs.getString(3)), Channel.valueOf(rs.getString(2)), channel)) {
                            blocks.computeIfAbsent(rs.getString(1).strip(), id -> new ArrayList<>())
                                    .add(new Facts.Block(
                                            SuppressionReason.UNSUBSCRIBED, null, instant(rs.getTimestamp(4))));
                        }
                    }
                }
            }
        }
        return blocks;
    }

    /** Send times of the purpose since {@code since}, per contact. */
    static Map<UUID, List<Instant>> sends(Connection c, String purposeKey, Instant since, List<UUID> contacts)
            throws SQLException {
        Map<UUID, List<Instant>> sends = new HashMap<>();
        List<String> ids = contacts.stream().map(UUID::toString).toList();
        for (List<String> chunk : chunks(ids)) {
            String sql = "SELECT contact_id, sent_at FROM send_log WHERE purpose_key = ? AND sent_at >= ?"
                    + " AND contact_id IN (" + placeholders(chunk.size()) + ")";
            try (PreparedStatement q = c.prepareStatement(sql)) {
                q.setString(1, purposeKey);
                q.setTimestamp(2, Timestamp.from(since));
                bindPadded(q, 3, chunk);
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        sends.computeIfAbsent(UUID.fromString(rs.getString(1).strip()), k -> new ArrayList<>())
                                .add(instant(rs.getTimestamp(2)));
                    }
                }
            }
        }
        return sends;
    }

    private static List<List<String>> chunks(List<String> values) {
        if (values.isEmpty()) {
            return Collections.emptyList();
        }
        List<List<String>> chunks = new ArrayList<>();
        for (int i = 0; i < values.size(); i += MAX_BATCH) {
            chunks.add(values.subList(i, Math.min(values.size(), i + MAX_BATCH)));
        }
        return chunks;
    }

    /** The padded size of an IN list of {@code count} values: one of a few fixed sizes. */
    private static int padded(int count) {
        for (int s : SIZES) {
            if (s >= count) {
                return s;
            }
        }
        return MAX_BATCH;
    }

    private static String placeholders(int count) {
        return "?" + ",?".repeat(padded(count) - 1);
    }

    private static void bindPadded(PreparedStatement q, int first, List<String> values) throws SQLException {
        int size = padded(values.size());
        for (int i = 0; i < size; i++) {
            q.setString(first + i, i < values.size() ? values.get(i) : null);
        }
    }

    private static Set<Channel> channels(String stored) {
        Set<Channel> channels = EnumSet.noneOf(Channel.class);
        if (stored != null && !stored.isBlank()) {
            for (String name : stored.split(",")) {
                channels.add(Channel.valueOf(name.strip()));
            }
        }
        return channels;
    }

    private static PostalAddress postal(String lines, String postcode, String city, String country) {
        return lines == null ? null : new PostalAddress(Arrays.asList(lines.split("\n")), postcode, city, country);
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
