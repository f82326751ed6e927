package eu.consent.suppression.sources;

import eu.consent.audit.AuditLog;
import eu.consent.contact.EmailAddresses;
import eu.consent.contact.PhoneNumbers;
import eu.consent.imports.CsvRecords;
import eu.consent.purpose.Channel;
import eu.consent.purpose.IdentifierKind;
import eu.consent.shared.BoundedLines;
import eu.consent.shared.ConflictException;
import eu.consent.shared.DiskSpace;
import eu.consent.shared.Jsons;
import eu.consent.shared.KeyedHash;
import eu.consent.shared.NotFoundException;
import eu.consent.shared.Times;
import eu.consent.suppression.Suppression;
import eu.consent.suppression.SuppressionReason;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Stages full snapshots of external suppression lists and applies them as diffs. Entries a source made carry the source
 * {@code list:<name>}; a resync only ever adds or removes those, never another source's entries nor the person's own
 * opt-outs. Staging uses JDBC batches: a national do-not-call file has millions of lines.
 */
@ApplicationScoped
public class SuppressionSources {

    public static final String PREFIX = "list:";
    private static final Pattern NAME = Pattern.compile("[a-z0-9-]{1,64}");
    private static final int BATCH = 1000;
    private static final int REPORTED_REJECTIONS = 20;

    @Resource(lookup = "jdbc/consent")
    DataSource dataSource;

    /** True for an entry an external list made: its snapshots add and remove it, nothing else holds it. */
    public static boolean owns(Suppression entry) {
        return entry.source() != null && entry.source().startsWith(PREFIX);
    }

    @Inject
    KeyedHash hash;

    @Inject
    DiskSpace disk;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "consent.resync.guard-share", defaultValue = "0.2")
    double guardShare;

    /** The longest line of a snapshot; a longer one is refused in the report, skipped without being kept. */
    @Inject
    @ConfigProperty(name = "consent.api.max-line-chars", defaultValue = "8192")
    int maxLineChars;

    public static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new NotFoundException("suppression source", name);
        }
        return name;
    }

    /**
     * Stages a snapshot ({@code identifier,reason,date} per line, a header line allowed) for {@code name}, replacing any
     * staged one. Refused with a 409, staging nothing, when it would remove more than the guard share of the source's
     * entries and {@code force} is false: a truncated file must not wipe a list.
     */
    public SnapshotReport stage(String name, Reader csv, boolean force) {
        checkName(name);
        disk.checkDatabase();
        Instant now = Times.now(clock);
        // The list is staged under a key of its own ("~" cannot start a source name), a batch per transaction, so a
        // long upload holds no transaction open; only a snapshot that passed the guard replaces the staged one, in
        // one short transaction at the end. A refused or failed upload deletes what it staged.
        String staging = "~" + java.util.UUID.randomUUID().toString().replace("-", "");
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                return stage(c, name, staging, csv, force, now);
            } catch (SQLException | IOException | RuntimeException e) {
                c.rollback();
                drop(c, staging);
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("staging the snapshot of " + name + " failed", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private SnapshotReport stage(Connection c, String name, String staging, Reader csv, boolean force, Instant now)
            throws SQLException, IOException {
        long rows = 0;
        long rejected = 0;
        List<String> rejections = new ArrayList<>();
        // A duplicate line inserts nothing: the database checks the staged key, so no set of every key seen grows
        // in memory with the size of the list.
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO source_snapshot (source, identifier_hash,"
                + " identifier_kind, channel, reason, listed_on) SELECT CAST(? AS VARCHAR(64)), CAST(? AS CHAR(64)),"
                + " CAST(? AS VARCHAR(5)), CAST(? AS VARCHAR(10)), CAST(? AS VARCHAR(20)), CAST(? AS TIMESTAMP)"
                + " FROM (VALUES (1)) AS one (x) WHERE NOT EXISTS (SELECT 1 FROM source_snapshot WHERE source = ?"
                + " AND identifier_hash = ? AND channel = ? AND reason = ?)")) {
            BoundedLines lines = new BoundedLines(csv, maxLineChars);
            int pending = 0;
            char delimiter = 0;
            while (lines.next()) {
                long number = lines.number();
                String line = lines.text();
                if (number == 1 && line.startsWith("\uFEFF")) {
                    line = line.substring(1);
                }
                if (delimiter == 0 && !lines.tooLong() && !line.isBlank()) {
                    delimiter = CsvRecords.delimiterOf(line);
                }
                if (!lines.tooLong()
                        && (line.isBlank()
                                || (number == 1 && line.toLowerCase(Locale.ROOT).startsWith("identifier")))) {
                    continue;
                }
                String problem = lines.tooLong()
                        ? "longer than " + maxLineChars + " characters"
                        : stageLine(staging, line, delimiter, insert);
                if (problem == null) {
                    pending++;
                    if (pending == BATCH) {
                        rows += inserted(insert.executeBatch());
                        c.commit();
                        pending = 0;
                        // A list staged in the database stops while its disk is down to the floor (507).
                        disk.checkDatabase();
                    }
                } else {
                    rejected++;
                    if (rejections.size() < REPORTED_REJECTIONS) {
                        rejections.add("line " + number + ": " + problem);
                    }
                }
            }
            rows += inserted(insert.executeBatch());
            c.commit();
        }
        long current = count(c, "SELECT COUNT(*) FROM suppression WHERE source = ?", PREFIX + name);
        long removals = count(
                c,
                "SELECT COUNT(*) FROM suppression s WHERE s.source = ? AND NOT EXISTS (SELECT 1"
                        + " FROM source_snapshot n WHERE n.source = '" + staging
                        + "' AND n.identifier_hash = s.identifier_hash"
                        + " AND n.channel = s.channel AND n.reason = s.reason)",
                PREFIX + name);
        long kept = current - removals;
        long additions = rows - kept;
        if (!force && current > 0 && removals > guardShare * current) {
            throw new ConflictException("the snapshot would remove " + removals + " of the " + current + " entries of "
                    + name + " (more than " + Math.round(guardShare * 100) + "%); upload it with force=true if"
                    + " the list really shrank");
        }
        try (PreparedStatement clear = c.prepareStatement("DELETE FROM source_snapshot WHERE source = ?");
                PreparedStatement rename =
                        c.prepareStatement("UPDATE source_snapshot SET source = ? WHERE source = ?")) {
            clear.setString(1, name);
            clear.executeUpdate();
            rename.setString(1, name);
            rename.setString(2, staging);
            rename.executeUpdate();
        }
        try (PreparedStatement source = c.prepareStatement(
                "UPDATE suppression_source SET snapshot_at = ?, snapshot_rows = ?, snapshot_rejected = ? WHERE name = ?")) {
            source.setTimestamp(1, Timestamp.from(now));
            source.setLong(2, rows);
            source.setLong(3, rejected);
            source.setString(4, name);
            if (source.executeUpdate() == 0) {
                try (PreparedStatement create = c.prepareStatement("INSERT INTO suppression_source (name,"
                        + " snapshot_at, snapshot_rows, snapshot_rejected) VALUES (?, ?, ?, ?)")) {
                    create.setString(1, name);
                    create.setTimestamp(2, Timestamp.from(now));
                    create.setLong(3, rows);
                    create.setLong(4, rejected);
                    create.executeUpdate();
                }
            }
        }
        c.commit();
        return new SnapshotReport(name, rows, rejected, rejections, Math.max(additions, 0), removals, current);
    }

    /** Deletes what a refused or failed upload staged, in a transaction of its own. */
    private static void drop(Connection c, String staging) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM source_snapshot WHERE source = ?")) {
            delete.setString(1, staging);
            delete.executeUpdate();
        }
        c.commit();
    }

    /**
     * Reads one {@code identifier,reason,date} line into the batch; the reason it is refused, or null. The line is read
     * by the project's one CSV reader (quotes as RFC 4180) with the separator of the file's first line: a comma or, as
     * spreadsheets in French locales write it, a semicolon.
     */
    private String stageLine(String staging, String line, char delimiter, PreparedStatement insert)
            throws SQLException {
        CsvRecords.Split split = CsvRecords.split(line, delimiter);
        if (split.cells() == null) {
            return split.open() ? "a quoted field is not closed" : split.problem();
        }
        List<String> cells = split.cells().stream().map(String::strip).toList();
        String identifier = cells.get(0);
        String reasonName = cells.size() > 1 ? cells.get(1).toUpperCase(Locale.ROOT) : "";
        SuppressionReason reason;
        try {
            reason = reasonName.isEmpty() ? null : SuppressionReason.valueOf(reasonName);
        } catch (IllegalArgumentException e) {
            return "unknown reason " + reasonName;
        }
        if (reason == null || reason == SuppressionReason.ERASED || reason == SuppressionReason.MANUAL) {
            return "reason must be UNSUBSCRIBED, COMPLAINT, HARD_BOUNCE or DNC_REGISTRY";
        }
        Instant listedOn = null;
        if (cells.size() > 2 && !cells.get(2).isEmpty()) {
            try {
                String date = cells.get(2);
                listedOn = date.length() == 10
                        ? LocalDate.parse(date).atStartOfDay(ZoneOffset.UTC).toInstant()
                        : Instant.parse(date);
            } catch (RuntimeException e) {
                return "the date is not ISO-8601";
            }
        }
        String normalized;
        IdentifierKind kind;
        Channel channel;
        if (identifier.indexOf('@') >= 0) {
            normalized = EmailAddresses.normalizeOrNull(identifier);
            kind = IdentifierKind.EMAIL;
            channel = Channel.EMAIL;
        } else {
            normalized = identifier.startsWith("+") ? PhoneNumbers.toE164OrNull(identifier, null) : null;
            kind = IdentifierKind.PHONE;
            channel = reason == SuppressionReason.DNC_REGISTRY ? Channel.PHONE : Channel.SMS;
        }
        if (normalized == null) {
            return "not an email or an international (+) phone number";
        }
        String h = hash.of(normalized);
        insert.setString(1, staging);
        insert.setString(2, h);
        insert.setString(3, kind.name());
        insert.setString(4, channel.name());
        insert.setString(5, reason.name());
        insert.setTimestamp(6, listedOn == null ? null : Timestamp.from(listedOn));
        insert.setString(7, staging);
        insert.setString(8, h);
        insert.setString(9, channel.name());
        insert.setString(10, reason.name());
        insert.addBatch();
        return null;
    }

    /** Sources with a staged snapshot not applied yet. */
    public List<String> pendingSources() {
        List<String> names = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement q = c.prepareStatement("SELECT name FROM suppression_source WHERE snapshot_at IS NOT"
                        + " NULL AND (applied_at IS NULL OR applied_at < snapshot_at) ORDER BY name");
                ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                names.add(rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return names;
    }

    /**
     * Up to {@code limit} rows of the staged snapshot of {@code name} that the source does not hold yet, after {@code
     * after} in key order. What a committed chunk added no longer shows, so a restart repeats nothing.
     */
    public List<SourceDiff.Add> additions(String name, SourceDiff.Key after, int limit) {
        List<SourceDiff.Add> page = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement q = c.prepareStatement("SELECT n.identifier_hash, n.identifier_kind, n.channel,"
                        + " n.reason FROM source_snapshot n WHERE n.source = ? AND n.identifier_hash >= ?"
                        + " AND (n.identifier_hash > ? OR"
                        + " (n.identifier_hash = ? AND (n.channel > ? OR (n.channel = ? AND n.reason > ?))))"
                        + " AND NOT EXISTS (SELECT 1 FROM suppression s WHERE s.source = ?"
                        + " AND s.identifier_hash = n.identifier_hash AND s.channel = n.channel"
                        + " AND s.reason = n.reason) ORDER BY n.identifier_hash, n.channel, n.reason")) {
            // The plain lower bound lets the database start its scan of the primary key there: with the keyset's OR
            // alone, each page rescanned the snapshot from its first row.
            q.setString(1, name);
            q.setString(2, after.hash());
            q.setString(3, after.hash());
            q.setString(4, after.hash());
            q.setString(5, after.channel());
            q.setString(6, after.channel());
            q.setString(7, after.reason());
            q.setString(8, PREFIX + name);
            q.setMaxRows(limit);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    page.add(new SourceDiff.Add(
                            name, rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the snapshot of " + name + " failed", e);
        }
        return page;
    }

    /** Up to {@code limit} entries of the source that its staged snapshot no longer lists, after {@code afterId}. */
    public List<SourceDiff.Remove> removals(String name, String afterId, int limit) {
        List<SourceDiff.Remove> page = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement q = c.prepareStatement("SELECT s.id FROM suppression s WHERE s.source = ?"
                        + " AND s.id > ? AND NOT EXISTS (SELECT 1 FROM source_snapshot n WHERE n.source = ?"
                        + " AND n.identifier_hash = s.identifier_hash AND n.channel = s.channel"
                        + " AND n.reason = s.reason) ORDER BY s.id")) {
            q.setString(1, PREFIX + name);
            q.setString(2, afterId);
            q.setString(3, name);
            q.setMaxRows(limit);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    page.add(new SourceDiff.Remove(name, rs.getString(1)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("reading the entries of " + name + " failed", e);
        }
        return page;
    }

    /**
     * Writes a chunk of the diff in the caller's transaction (the resync job's chunk): adds, removes, then records and
     * audits each source whose end the chunk holds. SQL exceptions pass through as they are, so that the job's XML
     * can name the ones it retries.
     */
    @Transactional
    public void write(List<? extends SourceDiff> chunk) throws SQLException {
        Timestamp now = Timestamp.from(Times.now(clock));
        List<SourceDiff.Applied> ends = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement add = c.prepareStatement("INSERT INTO suppression (id, identifier_hash,"
                        + " identifier_kind, channel, purpose_key, reason, source, created_at) VALUES"
                        + " (?, ?, ?, ?, NULL, ?, ?, ?)");
                PreparedStatement remove = c.prepareStatement("DELETE FROM suppression WHERE id = ?")) {
            for (SourceDiff item : chunk) {
                if (item instanceof SourceDiff.Add a) {
                    add.setString(1, java.util.UUID.randomUUID().toString());
                    add.setString(2, a.hash());
                    add.setString(3, a.kind());
                    add.setString(4, a.channel());
                    add.setString(5, a.reason());
                    add.setString(6, PREFIX + a.source());
                    add.setTimestamp(7, now);
                    add.addBatch();
                } else if (item instanceof SourceDiff.Remove r) {
                    remove.setString(1, r.id());
                    remove.addBatch();
                } else if (item instanceof SourceDiff.Applied applied) {
                    ends.add(applied);
                }
            }
            add.executeBatch();
            remove.executeBatch();
            for (SourceDiff.Applied end : ends) {
                try (PreparedStatement done = c.prepareStatement("UPDATE suppression_source SET previous_applied_at ="
                        + " applied_at, applied_at = ? WHERE name = ?")) {
                    done.setTimestamp(1, now);
                    done.setString(2, end.source());
                    done.executeUpdate();
                }
            }
        }
        for (SourceDiff.Applied end : ends) {
            audited(end.source(), end.added(), end.removed());
        }
    }

    /** Audits one applied snapshot (counts only). */
    public void audited(String name, long added, long removed) {
        audit.append(
                "SUPPRESSION_SOURCE_SYNCED",
                "suppression-source",
                name,
                Jsons.createObjectBuilder()
                        .add("added", added)
                        .add("removed", removed)
                        .build()
                        .toString());
    }

    /** Whether a source was ever set up: a snapshot of it was uploaded at least once. */
    public boolean known(String name) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement q = c.prepareStatement("SELECT 1 FROM suppression_source WHERE name = ?")) {
            q.setString(1, name);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** When a source was last applied before the latest run: what "since the last run" means for its outbound file. */
    public Instant previousRun(String name) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement q = c.prepareStatement(
                        "SELECT previous_applied_at, applied_at FROM suppression_source WHERE name = ?")) {
            q.setString(1, name);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    return Instant.EPOCH;
                }
                Timestamp applied = rs.getTimestamp(2);
                return applied == null ? Instant.EPOCH : applied.toInstant();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(Connection c, String sql, String parameter) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(sql)) {
            q.setString(1, parameter);
            try (ResultSet rs = q.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Rows a batch inserted: a duplicate line inserts none; a driver that cannot count says so (not below 0). */
    private static long inserted(int[] counts) {
        long n = 0;
        for (int count : counts) {
            n += count == java.sql.Statement.SUCCESS_NO_INFO ? 1 : Math.max(count, 0);
        }
        return n;
    }
}
