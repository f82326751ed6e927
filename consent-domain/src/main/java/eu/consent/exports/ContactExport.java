package eu.consent.exports;

import eu.consent.consent.ConsentState;
import eu.consent.contact.PostalAddress;
import eu.consent.contact.PostalAddresses;
import eu.consent.shared.Jsons;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Reads contacts in id order a page at a time, each page with the consent states of its contacts (one query for the
 * page): an export of millions holds one page in memory at a time.
 */
@ApplicationScoped
public class ContactExport {

    @Resource(lookup = "jdbc/consent")
    DataSource dataSource;

    @jakarta.inject.Inject
    eu.consent.audit.AuditLog audit;

    @jakarta.inject.Inject
    eu.consent.shared.KeyedHash keyedHash;

    /** An attribute value of an export's filter as its audit keeps it: {@code hmac:} and 16 hex digits of its keyed hash. */
    String attributeValue(String value) {
        return "hmac:" + keyedHash.of("export-filter-attribute:" + value).substring(0, 16);
    }

    /** Records who exported contacts with which filters (a whole file of personal data leaves the system). */
    @jakarta.transaction.Transactional
    public void audited(ExportFilter filter, String format) {
        jakarta.json.JsonObjectBuilder filters = jakarta.json.Json.createObjectBuilder();
        if (filter.purpose() != null) {
            filters.add("purpose", filter.purpose());
        }
        if (filter.channel() != null) {
            filters.add("channel", filter.channel().name());
        }
        if (filter.state() != null) {
            filters.add("state", filter.state().name());
        }
        if (filter.audience() != null) {
            filters.add("audience", filter.audience().name());
        }
        if (filter.country() != null) {
            filters.add("country", filter.country());
        }
        if (filter.customer() != null) {
            filters.add("customer", filter.customer());
        }
        // A segment's attribute values as a keyed hash: the audit is kept for ever and no erasure reaches it, and a
        // value may name someone (attr.lastName=…; AE-F1: until 2026-12-06 only an email or phone typed in one was
        // masked). The same value gives the same hash, so two exports of one segment still read alike.
        filter.attributes().forEach((k, v) -> filters.add("attr." + k, attributeValue(v)));
        audit.append(
                "CONTACTS_EXPORTED",
                "export",
                null,
                jakarta.json.Json.createObjectBuilder()
                        .add("format", format)
                        .add("filters", filters)
                        .build()
                        .toString());
    }

    /** A page of matching contacts, and the last id scanned (where the next page starts; null at the end). */
    public record Page(List<ExportedContact> contacts, String next) {}

    public Page page(ExportFilter filter, String afterId, int size) {
        StringBuilder sql = new StringBuilder("SELECT c.id, c.email, c.phone, c.country, c.locale, c.audience,"
                + " c.customer, c.external_id, c.attributes, c.created_at, c.updated_at, c.last_active_at, c.email_hash, c.phone_hash,"
                + " c.postal_lines, c.postal_postcode, c.postal_city, c.postal_country FROM contact c"
                + " WHERE c.id > ?");
        List<Object> parameters = new ArrayList<>();
        parameters.add(afterId == null ? "" : afterId);
        if (filter.audience() != null) {
            sql.append(" AND c.audience = ?");
            parameters.add(filter.audience().name());
        }
        if (filter.country() != null) {
            sql.append(" AND c.country = ?");
            parameters.add(filter.country());
        }
        if (filter.customer() != null) {
            sql.append(" AND c.customer = ?");
            parameters.add(filter.customer());
        }
        if (filter.onConsent()) {
            boolean none = filter.state() == ConsentState.NONE;
            sql.append(none ? " AND NOT EXISTS" : " AND EXISTS")
                    .append(" (SELECT 1 FROM consent_state s WHERE s.contact_id = c.id");
            if (filter.purpose() != null) {
                sql.append(" AND s.purpose_key = ?");
                parameters.add(filter.purpose());
            }
            if (filter.channel() != null) {
                sql.append(" AND s.channel = ?");
                parameters.add(filter.channel().name());
            }
            // A NONE row is a pair whose double opt-in expired unconfirmed: no state, as where there is no row.
            if (filter.state() != null && !none) {
                sql.append(" AND s.state = ?");
                parameters.add(filter.state().name());
            } else {
                sql.append(" AND s.state <> ?");
                parameters.add(ConsentState.NONE.name());
            }
            sql.append(")");
        }
        sql.append(" ORDER BY c.id");
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < parameters.size(); i++) {
                s.setObject(i + 1, parameters.get(i));
            }
            s.setMaxRows(size);
            List<ExportedContact> matching = new ArrayList<>();
            Map<String, String[]> hashes = new HashMap<>();
            String last = null;
            int scanned = 0;
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    scanned++;
                    last = rs.getString(1);
                    String attributes = rs.getString(9);
                    if (!attributesMatch(attributes, filter.attributes())) {
                        continue;
                    }
                    matching.add(new ExportedContact(
                            last.strip(),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getBoolean(7),
                            rs.getString(8),
                            attributes,
                            instant(rs.getTimestamp(10)),
                            instant(rs.getTimestamp(11)),
                            instant(rs.getTimestamp(12)),
                            List.of(),
                            List.of()));
                    hashes.put(last.strip(), new String[] {
                        rs.getString(13),
                        rs.getString(14),
                        postalHash(rs.getString(15), rs.getString(16), rs.getString(17), rs.getString(18))
                    });
                }
            }
            boolean dense = filter.audience() == null
                    && filter.country() == null
                    && filter.customer() == null
                    && !filter.onConsent();
            return new Page(withStates(c, matching, dense, hashes), scanned < size ? null : last);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The pages's contacts with their states. A dense page (every contact of its id range) reads them as one range of
     * the state table's key; a sparse one (filtered in SQL) probes contact by contact.
     */
    private static List<ExportedContact> withStates(
            Connection c, List<ExportedContact> contacts, boolean dense, Map<String, String[]> hashes)
            throws SQLException {
        if (contacts.isEmpty()) {
            return contacts;
        }
        Map<String, List<ExportedContact.State>> states = new HashMap<>();
        String columns = "SELECT contact_id, purpose_key, channel, state, basis, since FROM consent_state WHERE ";
        try (PreparedStatement s = c.prepareStatement(
                columns + (dense ? "contact_id >= ? AND contact_id <= ?" : "contact_id = ? AND contact_id = ?")
                        + " ORDER BY contact_id, purpose_key, channel")) {
            List<String[]> ranges = dense
                    ? List.<String[]>of(new String[] {
                        contacts.get(0).id(), contacts.get(contacts.size() - 1).id()
                    })
                    : contacts.stream().map(e -> new String[] {e.id(), e.id()}).toList();
            for (String[] range : ranges) {
                s.setString(1, range[0]);
                s.setString(2, range[1]);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        states.computeIfAbsent(rs.getString(1).strip(), k -> new ArrayList<>())
                                .add(new ExportedContact.State(
                                        rs.getString(2),
                                        rs.getString(3),
                                        rs.getString(4),
                                        rs.getString(5),
                                        instant(rs.getTimestamp(6))));
                    }
                }
            }
        }
        // Suppressions hold identifier hashes: one index probe per identifier of the page.
        Map<String, List<ExportedContact.Block>> blocks = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT channel, purpose_key, reason FROM suppression WHERE"
                + " identifier_hash = ? ORDER BY channel, reason")) {
            for (ExportedContact e : contacts) {
                for (String identifierHash : hashes.get(e.id())) {
                    if (identifierHash == null) {
                        continue;
                    }
                    s.setString(1, identifierHash);
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            blocks.computeIfAbsent(e.id(), k -> new ArrayList<>())
                                    .add(new ExportedContact.Block(rs.getString(1), rs.getString(2), rs.getString(3)));
                        }
                    }
                }
            }
        }
        List<ExportedContact> out = new ArrayList<>(contacts.size());
        for (ExportedContact e : contacts) {
            out.add(new ExportedContact(
                    e.id(),
                    e.email(),
                    e.phone(),
                    e.country(),
                    e.locale(),
                    e.audience(),
                    e.customer(),
                    e.externalId(),
                    e.attributes(),
                    e.createdAt(),
                    e.updatedAt(),
                    e.lastActiveAt(),
                    states.getOrDefault(e.id(), List.of()),
                    blocks.getOrDefault(e.id(), List.of())));
        }
        return out;
    }

    /**
     * The keyed hash of the contact's postal address, as its suppressions are keyed (the address normalized first), or
     * null when it has none: the contact holds no hash of it, so an export left its postal opt-outs out (tester AW's
     * F7, until 2026-12-07) while every postal decision saw them.
     */
    private String postalHash(String lines, String postcode, String city, String country) {
        PostalAddress address = PostalAddresses.stored(lines, postcode, city, country);
        return address == null ? null : keyedHash.of(PostalAddresses.normalize(address));
    }

    static boolean attributesMatch(String json, Map<String, String> wanted) {
        if (wanted.isEmpty()) {
            return true;
        }
        if (json == null) {
            return false;
        }
        JsonObject attributes = Jsons.createReader(new StringReader(json)).readObject();
        for (Map.Entry<String, String> w : wanted.entrySet()) {
            JsonValue v = attributes.get(w.getKey());
            String text = v == null ? null : v instanceof JsonString s ? s.getString() : v.toString();
            if (!w.getValue().equals(text)) {
                return false;
            }
        }
        return true;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
