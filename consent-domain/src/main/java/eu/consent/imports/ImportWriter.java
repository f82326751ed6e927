package eu.consent.imports;

import eu.consent.audit.AuditLog;
import eu.consent.consent.ConsentAction;
import eu.consent.consent.ConsentDerivation;
import eu.consent.consent.ConsentEvent;
import eu.consent.consent.ConsentSource;
import eu.consent.consent.PersonsOwnAct;
import eu.consent.consent.Proof;
import eu.consent.purpose.Channel;
import eu.consent.purpose.IdentifierKind;
import eu.consent.shared.KeyedHash;
import eu.consent.shared.Times;
import eu.consent.suppression.SuppressionReason;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.transaction.Transactional;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Writes one chunk of an import in the caller's transaction, in JDBC batches: the contacts it creates or updates, their
 * consent events (source IMPORT) and current states, the rejected rows, the import's progress and one audit entry. The
 * progress commits with the rows, so a restart resumes exactly after the last chunk that committed.
 */
@ApplicationScoped
public class ImportWriter {

    private static final int MAX_ATTRIBUTES = 8000;

    @Resource(lookup = "jdbc/consent")
    DataSource dataSource;

    @Inject
    KeyedHash hash;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    /** What a chunk did. */
    public record Counts(long read, long imported, long updated, long rejected, long events) {}

    @Transactional(Transactional.TxType.MANDATORY)
    public Counts write(UUID importId, List<Item> items, ImportCatalog catalog) {
        if (items.isEmpty()) {
            return new Counts(0, 0, 0, 0, 0);
        }
        try (Connection c = dataSource.getConnection()) {
            return new Chunk(c, catalog, Times.now(clock)).write(importId, items);
        } catch (SQLException e) {
            throw new IllegalStateException("import chunk failed: " + e.getMessage(), e);
        }
    }

    /** A contact as the chunk sees it: loaded (and locked) or new, with what the rows change. */
    private static final class Held {
        String id;
        String email;
        String phone;
        String emailHash;
        String phoneHash;
        String locale;
        String country;
        String audience;
        Boolean customer;
        String externalId;
        String attributes;
        Instant lastActiveAt;
        boolean isNew;
        boolean changed;
        long arrival;
    }

    private record Key(String contactId, String purposeKey, Channel channel) {}

    private record Block(Channel channel, String purposeKey, SuppressionReason reason) {}

    private record Event(
            String id,
            String contactId,
            Item.Consent consent,
            ConsentAction action,
            boolean needsConfirmation,
            Instant occurredAt,
            long arrival) {}

    private final class Chunk {
        private final Connection c;
        private final ImportCatalog catalog;
        private final Instant now;
        private final Map<String, Held> byEmail = new HashMap<>();
        private final Map<String, Held> byPhone = new HashMap<>();
        private final Map<String, Held> byId = new LinkedHashMap<>();
        private final Map<Key, List<ConsentDerivation.Fact>> facts = new HashMap<>();
        private final Set<Key> existingKeys = new HashSet<>();
        private final Set<String> importedEvents = new HashSet<>();
        private final Map<String, List<Block>> blocks = new HashMap<>();
        private final List<Event> events = new ArrayList<>();
        private final Set<Key> touched = new LinkedHashSet<>();
        private final List<Item.Rejected> rejected = new ArrayList<>();

        /** Keyed hashes of the chunk's identifiers, each computed once (suppression look-up, contact, reject). */
        private final Map<String, String> hashed = new HashMap<>();

        private String hashOf(String identifier) {
            return hashed.computeIfAbsent(identifier, hash::of);
        }

        Chunk(Connection c, ImportCatalog catalog, Instant now) {
            this.c = c;
            this.catalog = catalog;
            this.now = now;
        }

        Counts write(UUID importId, List<Item> items) throws SQLException {
            currentImport = importId.toString();
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
                hashes.add(hashOf(e));
            }
            for (String p : phones) {
                hashes.add(hashOf(p));
            }
            byId.values().forEach(h -> {
                if (h.emailHash != null) {
                    hashes.add(h.emailHash);
                }
                if (h.phoneHash != null) {
                    hashes.add(h.phoneHash);
                }
            });
            loadSuppressions(hashes);

            long imported = 0;
            long updated = 0;
            for (Item item : items) {
                if (item instanceof Item.Rejected r) {
                    rejected.add(r);
                } else if (item instanceof Item.Row row) {
                    Boolean created = apply(row);
                    if (created == null) {
                        continue;
                    }
                    if (created) {
                        imported++;
                    } else {
                        updated++;
                    }
                }
            }
            flush();
            Item last = items.get(items.size() - 1);
            progress(importId, items.size(), imported, updated, last);
            audit.append(
                    "CONTACTS_IMPORTED",
                    "import",
                    importId.toString(),
                    Json.createObjectBuilder()
                            .add("lines", items.get(0).line() + "-" + last.line())
                            .add("imported", imported)
                            .add("updated", updated)
                            .add("rejected", rejected.size())
                            .add("events", events.size())
                            .build()
                            .toString());
            return new Counts(items.size(), imported, updated, rejected.size(), events.size());
        }

        /** Applies one valid row; true if it created a contact, false if it updated one, null if rejected. */
        private Boolean apply(Item.Row row) {
            Held byMail = row.email() == null ? null : byEmail.get(row.email());
            Held byTel = row.phone() == null ? null : byPhone.get(row.phone());
            if (byMail != null && byTel != null && byMail != byTel) {
                return reject(row, RejectReason.IDENTIFIER_CONFLICT, "the email and the phone belong to two contacts");
            }
            Held held = byMail != null ? byMail : byTel;
            if (held != null) {
                if (row.email() != null && held.email != null && !row.email().equals(held.email)) {
                    return reject(
                            row, RejectReason.IDENTIFIER_CONFLICT, "the contact with this phone has another email");
                }
                if (row.phone() != null && held.phone != null && !row.phone().equals(held.phone)) {
                    return reject(
                            row, RejectReason.IDENTIFIER_CONFLICT, "the contact with this email has another phone");
                }
            } else {
                List<String> missing = new ArrayList<>();
                if (row.locale() == null) {
                    missing.add(ImportField.LOCALE);
                }
                if (row.country() == null) {
                    missing.add(ImportField.COUNTRY);
                }
                if (row.audience() == null) {
                    missing.add(ImportField.AUDIENCE);
                }
                if (row.customer() == null) {
                    missing.add(ImportField.CUSTOMER);
                }
                if (!missing.isEmpty()) {
                    return reject(
                            row,
                            RejectReason.INVALID,
                            String.join(", ", missing) + ": required for a new contact (a column or a default)");
                }
            }
            String emailHash = row.email() != null ? hashOf(row.email()) : held == null ? null : held.emailHash;
            String phoneHash = row.phone() != null ? hashOf(row.phone()) : held == null ? null : held.phoneHash;
            // A person erased after opting out may come back (as a customer, say), as through the API: the contact is
            // created, and the ERASED mark on their identifiers keeps blocking prospecting (and refusing an imported
            // consent, below) until their own new opt-in.
            Item.Consent consent = row.consent();
            boolean alreadyImported = held != null && consent != null && importedEvents.contains(same(held, consent));
            if (consent != null && consent.action() == ConsentAction.GRANT && !alreadyImported) {
                String reaching = consent.channel().reachedBy(IdentifierKind.EMAIL)
                        ? emailHash
                        : consent.channel().reachedBy(IdentifierKind.PHONE) ? phoneHash : null;
                // The same rule as the API's: only the person's own new opt-in lifts their opt-out, and an import is
                // never that (nor does it lift anything else on the list).
                if (reaching != null
                        && blocks.getOrDefault(reaching, List.of()).stream()
                                .anyMatch(b -> b.channel() == consent.channel()
                                        && (b.purposeKey() == null
                                                || b.purposeKey().equals(consent.purposeKey()))
                                        && !PersonsOwnAct.lifts(ConsentSource.IMPORT, consent.proof(), b.reason()))) {
                    return reject(
                            row,
                            RejectReason.SUPPRESSED,
                            "the " + consent.channel() + " identifier is on the suppression list");
                }
                if (held != null) {
                    Instant withdrawn = lastWithdrawal(new Key(held.id, consent.purposeKey(), consent.channel()));
                    // The same instant counts as later: the fold would otherwise let the newer arrival win.
                    if (withdrawn != null && !withdrawn.isBefore(consent.occurredAt())) {
                        return reject(
                                row,
                                RejectReason.WITHDRAWN_LATER,
                                "the person withdrew on " + withdrawn + ", not before this consent");
                    }
                    Key key = new Key(held.id, consent.purposeKey(), consent.channel());
                    if (ConsentDerivation.closedByThePerson(facts.getOrDefault(key, List.of()))) {
                        return reject(
                                row,
                                RejectReason.OPTED_OUT,
                                "the person opted out of " + consent.purposeKey() + " on " + consent.channel()
                                        + "; only their own new consent re-opens it");
                    }
                }
            }
            boolean created = held == null;
            Map<String, String> givenAttributes = new java.util.TreeMap<>(row.attributes());
            if (!created) {
                givenAttributes.keySet().removeIf(k -> row.isDefault(ImportField.ATTRIBUTE_PREFIX + k));
            }
            String attributes = givenAttributes.isEmpty()
                    ? null
                    : mergeAttributes(held == null ? null : held.attributes, givenAttributes);
            if (attributes != null && attributes.length() > MAX_ATTRIBUTES) {
                return reject(
                        row, RejectReason.INVALID, "attributes: more than " + MAX_ATTRIBUTES + " characters of JSON");
            }
            if (created) {
                held = new Held();
                held.id = UUID.randomUUID().toString();
                held.isNew = true;
                byId.put(held.id, held);
            }
            merge(held, row, emailHash, phoneHash, attributes, created);
            if (consent != null) {
                record(held, consent);
            }
            return created;
        }

        /**
         * Sets what the row gives. Values from the upload's defaults only fill a contact the row creates: a default
         * meant for new people ({@code default.customer=false}) never changes someone already known.
         */
        private void merge(
                Held h, Item.Row row, String emailHash, String phoneHash, String attributes, boolean created) {
            if (row.email() != null && h.email == null) {
                h.email = row.email();
                h.emailHash = emailHash;
                byEmail.put(h.email, h);
                h.changed = true;
            }
            if (row.phone() != null && h.phone == null) {
                h.phone = row.phone();
                h.phoneHash = phoneHash;
                byPhone.put(h.phone, h);
                h.changed = true;
            }
            h.locale = changed(h, h.locale, given(row, ImportField.LOCALE, row.locale(), created));
            h.country = changed(h, h.country, given(row, ImportField.COUNTRY, row.country(), created));
            h.audience = changed(
                    h,
                    h.audience,
                    given(
                            row,
                            ImportField.AUDIENCE,
                            row.audience() == null ? null : row.audience().name(),
                            created));
            h.customer = changed(h, h.customer, given(row, ImportField.CUSTOMER, row.customer(), created));
            h.externalId = changed(h, h.externalId, given(row, ImportField.EXTERNAL_ID, row.externalId(), created));
            if (attributes != null) {
                h.attributes = changed(h, h.attributes, attributes);
            }
            Instant active = given(row, ImportField.LAST_ACTIVE_AT, row.lastActiveAt(), created);
            if (active != null && (h.lastActiveAt == null || active.isAfter(h.lastActiveAt))) {
                h.lastActiveAt = active;
                h.changed = true;
            }
        }

        private static <T> T given(Item.Row row, String field, T value, boolean created) {
            return created || !row.isDefault(field) ? value : null;
        }

        private <T> T changed(Held h, T current, T given) {
            if (given == null || given.equals(current)) {
                return current;
            }
            h.changed = true;
            return given;
        }

        private void record(Held h, Item.Consent consent) {
            Key key = new Key(h.id, consent.purposeKey(), consent.channel());
            if (!importedEvents.add(same(h, consent))) {
                return; // this very evidence was imported before: a re-import changes nothing
            }
            boolean doubleOptIn = catalog.purposes().get(consent.purposeKey()).doubleOptIn();
            add(h, key, consent, consent.action(), doubleOptIn, consent.occurredAt());
            if (consent.action() == ConsentAction.GRANT && doubleOptIn && consent.confirmedAt() != null) {
                add(h, key, consent, ConsentAction.CONFIRM, false, consent.confirmedAt());
            }
            // Evidence of the person's own consent (a form, a call, paper, with proof) dates their last act: the
            // retention clock follows the evidence's dates, never the import's own time.
            if (consent.action() == ConsentAction.GRANT && PersonsOwnAct.is(consent.origin(), consent.proof())) {
                Instant act =
                        consent.confirmedAt() != null && consent.confirmedAt().isAfter(consent.occurredAt())
                                ? consent.confirmedAt()
                                : consent.occurredAt();
                if (act.isAfter(now)) {
                    act = now;
                }
                if (h.lastActiveAt == null || act.isAfter(h.lastActiveAt)) {
                    h.lastActiveAt = act;
                    h.changed = true;
                }
            }
        }

        private void add(
                Held h,
                Key key,
                Item.Consent consent,
                ConsentAction action,
                boolean needsConfirmation,
                Instant occurredAt) {
            Event e = new Event(
                    UUID.randomUUID().toString(), h.id, consent, action, needsConfirmation, occurredAt, ++h.arrival);
            events.add(e);
            facts.computeIfAbsent(key, k -> new ArrayList<>())
                    .add(new ConsentDerivation.Fact(
                            UUID.fromString(e.id()),
                            action,
                            needsConfirmation,
                            occurredAt,
                            e.arrival(),
                            now,
                            PersonsOwnAct.of(action, ConsentSource.IMPORT, consent.proof())));
            touched.add(key);
        }

        private static String same(Held h, Item.Consent consent) {
            return h.id + "/" + consent.purposeKey() + "/" + consent.channel() + "/" + consent.action() + "/"
                    + consent.occurredAt();
        }

        private Instant lastWithdrawal(Key key) {
            Instant last = null;
            for (ConsentDerivation.Fact f : facts.getOrDefault(key, List.of())) {
                if ((f.action() == ConsentAction.WITHDRAW || f.action() == ConsentAction.OBJECT)
                        && (last == null || f.occurredAt().isAfter(last))) {
                    last = f.occurredAt();
                }
            }
            return last;
        }

        private Boolean reject(Item.Row row, RejectReason reason, String detail) {
            rejected.add(
                    new Item.Rejected(row.line(), row.text(), row.end(), reason, detail, row.email(), row.phone()));
            return null;
        }

        // ---- reading

        private void loadContacts(Collection<String> emails, Collection<String> phones) throws SQLException {
            java.util.SortedSet<String> found = new java.util.TreeSet<>();
            each(
                    "SELECT id FROM contact WHERE email = ?",
                    emails,
                    rs -> found.add(rs.getString(1).strip()));
            each(
                    "SELECT id FROM contact WHERE phone = ?",
                    phones,
                    rs -> found.add(rs.getString(1).strip()));
            if (found.isEmpty()) {
                return;
            }
            // Lock them in id order (so that two writers locking overlapping sets cannot deadlock) with an update that
            // changes nothing, then read them: no API write slips in between.
            try (PreparedStatement lock = c.prepareStatement("UPDATE contact SET version = version WHERE id = ?")) {
                for (String id : found) {
                    lock.setString(1, id);
                    lock.addBatch();
                }
                lock.executeBatch();
            }
            each(
                    "SELECT id, email, phone, email_hash, phone_hash, locale, country, audience, customer, external_id,"
                            + " attributes, last_active_at FROM contact WHERE id = ?",
                    found,
                    rs -> {
                        Held h = new Held();
                        h.id = rs.getString(1).strip();
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
                        Timestamp active = rs.getTimestamp(12);
                        h.lastActiveAt = active == null ? null : active.toInstant();
                        byId.put(h.id, h);
                        if (h.email != null) {
                            byEmail.put(h.email, h);
                        }
                        if (h.phone != null) {
                            byPhone.put(h.phone, h);
                        }
                    });
        }

        private void loadEvents() throws SQLException {
            each(
                    "SELECT contact_id, purpose_key, channel, action, source, needs_confirmation, occurred_at, arrival,"
                            + " id, recorded_at, proof_ip, proof_agent_id, proof_script_ref FROM consent_event"
                            + " WHERE contact_id = ?",
                    List.copyOf(byId.keySet()),
                    rs -> {
                        String contactId = rs.getString(1).strip();
                        Held h = byId.get(contactId);
                        Channel channel = Channel.valueOf(rs.getString(3));
                        ConsentAction action = ConsentAction.valueOf(rs.getString(4));
                        Instant occurredAt = rs.getTimestamp(7).toInstant();
                        long arrival = rs.getLong(8);
                        Key key = new Key(contactId, rs.getString(2), channel);
                        existingKeys.add(key);
                        facts.computeIfAbsent(key, k -> new ArrayList<>())
                                .add(new ConsentDerivation.Fact(
                                        UUID.fromString(rs.getString(9).strip()),
                                        action,
                                        rs.getBoolean(6),
                                        occurredAt,
                                        arrival,
                                        rs.getTimestamp(10).toInstant(),
                                        PersonsOwnAct.of(
                                                action,
                                                ConsentSource.valueOf(rs.getString(5)),
                                                new Proof(
                                                        rs.getString(11),
                                                        null,
                                                        null,
                                                        rs.getString(12),
                                                        rs.getString(13)))));
                        h.arrival = Math.max(h.arrival, arrival);
                        if (ConsentSource.IMPORT.name().equals(rs.getString(5))) {
                            importedEvents.add(contactId + "/" + key.purposeKey() + "/" + channel + "/" + action + "/"
                                    + occurredAt);
                        }
                    });
        }

        private void loadSuppressions(Set<String> hashes) throws SQLException {
            each(
                    "SELECT identifier_hash, channel, purpose_key, reason FROM suppression WHERE identifier_hash = ?",
                    hashes,
                    rs -> blocks.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                            .add(new Block(
                                    Channel.valueOf(rs.getString(2)),
                                    rs.getString(3),
                                    SuppressionReason.valueOf(rs.getString(4)))));
        }

        private interface Rows {
            void take(ResultSet rs) throws SQLException;
        }

        /**
         * Runs a look-up by one key for each value. One index probe each: an IN list would be cheaper to send, but the
         * plan Derby keeps for it (made while the table was small) scans the whole table once it is not.
         */
        private void each(String sql, Collection<String> values, Rows rows) throws SQLException {
            if (values.isEmpty()) {
                return;
            }
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (String value : values) {
                    s.setString(1, value);
                    try (ResultSet rs = s.executeQuery()) {
                        while (rs.next()) {
                            rows.take(rs);
                        }
                    }
                }
            }
        }

        // ---- writing

        private void flush() throws SQLException {
            Timestamp at = Timestamp.from(now);
            try (PreparedStatement insert = c.prepareStatement(
                            "INSERT INTO contact (id, email, phone, email_hash,"
                                    + " phone_hash, locale, country, audience, customer, external_id, attributes, created_at,"
                                    + " updated_at, last_active_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1)");
                    PreparedStatement update = c.prepareStatement("UPDATE contact SET email = ?, phone = ?,"
                            + " email_hash = ?, phone_hash = ?, locale = ?, country = ?, audience = ?, customer = ?,"
                            + " external_id = ?, attributes = ?, updated_at = ?, last_active_at = ?,"
                            + " version = version + 1 WHERE id = ?")) {
                int inserts = 0;
                int updates = 0;
                for (Held h : byId.values()) {
                    if (h.isNew) {
                        insert.setString(1, h.id);
                        details(insert, 2, h);
                        insert.setTimestamp(12, at);
                        insert.setTimestamp(13, at);
                        insert.setTimestamp(14, h.lastActiveAt == null ? null : Timestamp.from(h.lastActiveAt));
                        insert.addBatch();
                        inserts++;
                    } else if (h.changed) {
                        details(update, 1, h);
                        update.setTimestamp(11, at);
                        update.setTimestamp(12, h.lastActiveAt == null ? null : Timestamp.from(h.lastActiveAt));
                        update.setString(13, h.id);
                        update.addBatch();
                        updates++;
                    }
                }
                if (inserts > 0) {
                    insert.executeBatch();
                }
                if (updates > 0) {
                    update.executeBatch();
                }
            }
            if (!events.isEmpty()) {
                try (PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO consent_event (id, contact_id,"
                                + " purpose_key, channel, action, basis, source, notice_id, needs_confirmation, proof_ip,"
                                + " proof_user_agent, proof_form_url, proof_agent_id, proof_script_ref, occurred_at,"
                                + " recorded_at, arrival, origin) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                    for (Event e : events) {
                        Item.Consent k = e.consent();
                        insert.setString(1, e.id());
                        insert.setString(2, e.contactId());
                        insert.setString(3, k.purposeKey());
                        insert.setString(4, k.channel().name());
                        insert.setString(5, e.action().name());
                        insert.setString(6, ConsentEvent.basisOf(e.action()).name());
                        insert.setString(7, ConsentSource.IMPORT.name());
                        insert.setString(
                                8, k.noticeId() == null ? null : k.noticeId().toString());
                        insert.setBoolean(9, e.needsConfirmation());
                        insert.setString(10, k.proof().ip());
                        insert.setString(11, k.proof().userAgent());
                        insert.setString(12, k.proof().formUrl());
                        insert.setString(13, k.proof().agentId());
                        insert.setString(14, k.proof().scriptRef());
                        insert.setTimestamp(15, Timestamp.from(e.occurredAt()));
                        insert.setTimestamp(16, at);
                        insert.setLong(17, e.arrival());
                        insert.setString(
                                18, k.origin() == null ? null : k.origin().name());
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
                states();
            }
            if (!rejected.isEmpty()) {
                try (PreparedStatement insert = c.prepareStatement("INSERT INTO import_reject (import_id, line_number,"
                        + " original, reason, detail, email_hash, phone_hash) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
                    for (Item.Rejected r : rejected) {
                        insert.setString(1, currentImport);
                        insert.setLong(2, r.line());
                        insert.setString(3, r.text());
                        insert.setString(4, r.reason().name());
                        insert.setString(5, r.detail() == null ? null : cut(r.detail(), 1000));
                        insert.setString(6, r.email() == null ? null : hashOf(r.email()));
                        insert.setString(7, r.phone() == null ? null : hashOf(r.phone()));
                        insert.addBatch();
                    }
                    insert.executeBatch();
                }
            }
        }

        private String currentImport;

        private void states() throws SQLException {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO consent_state (state, basis, since,"
                            + " event_id, contact_id, purpose_key, channel) VALUES (?, ?, ?, ?, ?, ?, ?)");
                    PreparedStatement update = c.prepareStatement("UPDATE consent_state SET state = ?, basis = ?,"
                            + " since = ?, event_id = ? WHERE contact_id = ? AND purpose_key = ? AND channel = ?")) {
                int inserts = 0;
                int updates = 0;
                for (Key key : touched) {
                    ConsentDerivation.Outcome o = ConsentDerivation.derive(facts.get(key));
                    PreparedStatement s = existingKeys.contains(key) ? update : insert;
                    s.setString(1, o.state().name());
                    s.setString(2, o.basis() == null ? null : o.basis().name());
                    s.setTimestamp(3, Timestamp.from(o.since()));
                    s.setString(4, o.eventId().toString());
                    s.setString(5, key.contactId());
                    s.setString(6, key.purposeKey());
                    s.setString(7, key.channel().name());
                    s.addBatch();
                    if (s == insert) {
                        inserts++;
                    } else {
                        updates++;
                    }
                }
                if (inserts > 0) {
                    insert.executeBatch();
                }
                if (updates > 0) {
                    update.executeBatch();
                }
            }
        }

        private void progress(UUID importId, long read, long imported, long updated, Item last) throws SQLException {
            try (PreparedStatement s = c.prepareStatement("UPDATE contact_import SET position_bytes = ?, last_line = ?,"
                    + " read_rows = read_rows + ?, imported_rows = imported_rows + ?, updated_rows = updated_rows + ?,"
                    + " rejected_rows = rejected_rows + ?, updated_at = ? WHERE id = ?")) {
                s.setLong(1, last.end());
                s.setLong(2, last.line());
                s.setLong(3, read);
                s.setLong(4, imported);
                s.setLong(5, updated);
                s.setLong(6, rejected.size());
                s.setTimestamp(7, Timestamp.from(now));
                s.setString(8, importId.toString());
                if (s.executeUpdate() != 1) {
                    throw new IllegalStateException("import " + importId + " is no longer known (forgotten meanwhile)");
                }
            }
        }

        private void details(PreparedStatement s, int first, Held h) throws SQLException {
            s.setString(first, h.email);
            s.setString(first + 1, h.phone);
            s.setString(first + 2, h.emailHash);
            s.setString(first + 3, h.phoneHash);
            s.setString(first + 4, h.locale);
            s.setString(first + 5, h.country);
            s.setString(first + 6, h.audience);
            s.setBoolean(first + 7, Objects.requireNonNull(h.customer));
            s.setString(first + 8, h.externalId);
            if (h.attributes == null) {
                s.setNull(first + 9, Types.VARCHAR);
            } else {
                s.setString(first + 9, h.attributes);
            }
        }
    }

    /** The contact's attributes with the row's set over them (as strings); the JSON text is kept in key order. */
    static String mergeAttributes(String currentJson, Map<String, String> given) {
        JsonObjectBuilder merged = Json.createObjectBuilder();
        JsonObject current = currentJson == null
                ? JsonValue.EMPTY_JSON_OBJECT
                : Json.createReader(new StringReader(currentJson)).readObject();
        current.forEach((k, v) -> {
            if (!given.containsKey(k)) {
                merged.add(k, v);
            }
        });
        boolean same = true;
        for (Map.Entry<String, String> e : given.entrySet()) {
            JsonValue old = current.get(e.getKey());
            same &= old instanceof JsonString s && s.getString().equals(e.getValue());
        }
        if (same) {
            return currentJson;
        }
        Map<String, JsonValue> ordered = new java.util.TreeMap<>(merged.build());
        given.forEach((k, v) -> ordered.put(k, Json.createValue(v)));
        JsonObjectBuilder out = Json.createObjectBuilder();
        ordered.forEach(out::add);
        return out.build().toString();
    }

    private static String cut(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
