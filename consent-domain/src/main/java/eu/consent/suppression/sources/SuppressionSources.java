package eu.consent.suppression.sources;

import eu.consent.audit.AuditLog;
import eu.consent.contact.EmailAddresses;
import eu.consent.contact.IdentifiersInText;
import eu.consent.contact.PhoneNumbers;
import eu.consent.imports.CsvRecords;
import eu.consent.purpose.Channel;
import eu.consent.purpose.IdentifierKind;
import eu.consent.shared.BoundedLines;
import eu.consent.shared.ConflictException;
import eu.consent.shared.DiskSpace;
import eu.consent.shared.InvalidInputException;
import eu.consent.shared.Jsons;
import eu.consent.shared.KeySets;
import eu.consent.shared.KeyedHash;
import eu.consent.shared.NotFoundException;
import eu.consent.shared.Times;
import eu.consent.suppression.Suppression;
import eu.consent.suppression.SuppressionReason;
import eu.consent.suppression.sources.formats.EspFormat;
import eu.consent.suppression.sources.formats.SnapshotFormats;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
    /**
     * The refused lines a report names (it counts them all): 20 until 2026-12-06 left most of a large export's refusals
     * named nowhere, while the provider still lists those addresses. A thousand lines of a few dozen characters each.
     */
    private static final int REPORTED_REJECTIONS = 1000;

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
    jakarta.enterprise.event.Event<ListedWhileHeldBefore> listedWhileHeldBefore;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "consent.resync.guard-share", defaultValue = "0.2")
    double guardShare;

    /** The longest line of a snapshot; a longer one is refused in the report, skipped without being kept. */
    @Inject
    @ConfigProperty(name = "consent.api.max-line-chars", defaultValue = "8192")
    int maxLineChars;

    /** A source's name in a path: a name breaking the rule names no source there is (404). */
    public static String checkName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new NotFoundException("suppression source", name);
        }
        return name;
    }

    /** The name of a source a snapshot creates: one breaking the rule is refused naming it (422). */
    public static String checkNewName(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidInputException(
                    "name", "a suppression source's name is 1 to 64 lowercase letters (a-z), digits or hyphens");
        }
        return name;
    }

    /**
     * The name of a source not set up yet: stamped on every entry (list:<name>), the audit and webhooks, which no
     * erasure changes, it holds no phone number, as a suppression's source may not (until 2026-12-07 `0612345678` or
     * `crm-06-12-34-56-78` were taken, tester BD's F3). A source set up before under such a name stays refreshable
     * (review 46): its provider's opt-outs keep arriving.
     */
    public void refuseIdentifierAsNewName(String name) {
        if (IdentifiersInText.holdsIdentifier(name) && !known(name)) {
            throw new InvalidInputException("name", "must not hold a phone number or an email address");
        }
    }

    /** Stages a snapshot in the generic format ({@code identifier,reason,date}); see the other {@code stage}. */
    public SnapshotReport stage(String name, Reader csv, boolean force) {
        return stage(name, EspFormat.GENERIC, csv, force);
    }

    /**
     * Stages a snapshot of {@code name} in {@code format}, replacing the last accepted one. It is judged against that
     * last accepted snapshot — what the source holds once it is applied, whether the resync already ran or not — and
     * refused with a 409, staging nothing, when it would remove more than the guard share of it and {@code force} is
     * false: a truncated file must not wipe a list, even sent right after a full one. A refused line keeps the entries
     * its identifier has in the last snapshot: the provider still lists the address; only the line cannot be read.
     */
    public SnapshotReport stage(String name, EspFormat format, Reader text, boolean force) {
        checkNewName(name);
        disk.checkDatabase();
        Instant now = Times.now(clock);
        // The list is staged under a key of its own ("~" cannot start a source name), a batch per transaction, so a
        // long upload holds no transaction open; only a snapshot that passed the guard replaces the staged one, in
        // one short transaction at the end. A refused or failed upload deletes what it staged. The identifiers of
        // refused lines are staged under a second key ("~k…") until then.
        String staging = "~" + java.util.UUID.randomUUID().toString().replace("-", "");
        Staged keys = new Staged(staging, "~k" + staging.substring(1));
        Reader csv = SnapshotFormats.toGeneric(format, new BufferedReader(text, 1 << 16));
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                return stage(c, name, format, keys, csv, force, now);
            } catch (SQLException | IOException | RuntimeException e) {
                c.rollback();
                drop(c, keys);
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("staging the snapshot of " + name + " failed", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The staging keys of one upload: its rows, and the identifiers of its refused lines. */
    private record Staged(String rows, String kept) {}

    private SnapshotReport stage(
            Connection c, String name, EspFormat format, Staged keys, Reader csv, boolean force, Instant now)
            throws SQLException, IOException {
        long rows = 0;
        long rejected = 0;
        List<String> rejections = new ArrayList<>();
        // A duplicate line inserts nothing: the database checks the staged key, so no set of every key seen grows
        // in memory with the size of the list.
        String insertSql = "INSERT INTO source_snapshot (source, identifier_hash,"
                + " identifier_kind, channel, reason, listed_on) SELECT CAST(? AS VARCHAR(64)), CAST(? AS CHAR(64)),"
                + " CAST(? AS VARCHAR(5)), CAST(? AS VARCHAR(10)), CAST(? AS VARCHAR(20)), CAST(? AS TIMESTAMP)"
                + " FROM (VALUES (1)) AS one (x) WHERE NOT EXISTS (SELECT 1 FROM source_snapshot WHERE source = ?"
                + " AND identifier_hash = ? AND channel = ? AND reason = ?)";
        // A complaint listed twice holds from its earliest date: a line dated before our unsubscribe proves a complaint
        // the provider received (SesEcho), even after an undated line of the same address (until 2026-12-07 the later
        // line was dropped, and the complaint read as our unsubscribe coming back: tester BA's F12).
        String earliestSql = "UPDATE source_snapshot SET listed_on = ? WHERE source = ? AND identifier_hash = ?"
                + " AND channel = ? AND reason = 'COMPLAINT' AND (listed_on IS NULL OR listed_on > ?)";
        try (PreparedStatement insert = c.prepareStatement(insertSql);
                PreparedStatement keep = c.prepareStatement(insertSql);
                PreparedStatement earliest = c.prepareStatement(earliestSql)) {
            Batch batch = new Batch(keys, insert, keep, earliest);
            BoundedLines lines = new BoundedLines(csv, maxLineChars);
            int pending = 0;
            char delimiter = 0;
            while (lines.next()) {
                long number = lines.number();
                String line = lines.text();
                if (delimiter == 0 && !lines.tooLong() && !line.isBlank()) {
                    delimiter = CsvRecords.delimiterOf(line);
                }
                if (!lines.tooLong() && line.isBlank()) {
                    continue;
                }
                String problem = lines.tooLong()
                        ? tooLong(format, line, delimiter == 0 ? ',' : delimiter, batch)
                        : stageLine(format, line, delimiter, batch);
                if (problem != null) {
                    rejected++;
                    if (rejections.size() < REPORTED_REJECTIONS) {
                        rejections.add("line " + number + ": " + problem);
                    }
                }
                pending++;
                if (pending == BATCH) {
                    rows += inserted(insert.executeBatch());
                    keep.executeBatch();
                    earliest.executeBatch();
                    c.commit();
                    pending = 0;
                    // A list staged in the database stops while its disk is down to the floor (507).
                    disk.checkDatabase();
                }
            }
            rows += inserted(insert.executeBatch());
            keep.executeBatch();
            earliest.executeBatch();
            if (format == EspFormat.SES) {
                rows -= SesEcho.readBack(c, keys.rows(), PREFIX + name);
            }
            c.commit();
        }
        for (int attempt = 1; ; attempt++) {
            try {
                SnapshotReport report = replace(c, name, keys, rows, rejected, rejections, force, now);
                c.commit();
                return report;
            } catch (SQLException e) {
                if (attempt == 2 || !"23505".equals(e.getSQLState())) {
                    throw e;
                }
                // Another upload created the source first: its row exists now, so the next attempt waits on its lock.
                c.rollback();
            }
        }
    }

    /**
     * Judges the staged upload against the source's last accepted snapshot and, when it passes, puts it in its place,
     * in the caller's transaction. The source's row is locked first (created if the source is new), so two uploads of
     * one source, on one server or two, are judged one after the other: the second against the first, never both
     * against what was there before them.
     */
    private SnapshotReport replace(
            Connection c,
            String name,
            Staged keys,
            long rows,
            long rejected,
            List<String> rejections,
            boolean force,
            Instant now)
            throws SQLException {
        lock(c, name);
        // What a refused line's identifier had stays, under each channel and reason it had.
        try (PreparedStatement kept = c.prepareStatement("INSERT INTO source_snapshot (source, identifier_hash,"
                + " identifier_kind, channel, reason, listed_on) SELECT ?, b.identifier_hash, b.identifier_kind,"
                + " b.channel, b.reason, b.listed_on FROM source_snapshot b WHERE b.source = ? AND EXISTS (SELECT 1"
                + " FROM source_snapshot k WHERE k.source = ? AND k.identifier_hash = b.identifier_hash)"
                + " AND NOT EXISTS (SELECT 1 FROM source_snapshot n WHERE n.source = ?"
                + " AND n.identifier_hash = b.identifier_hash AND n.channel = b.channel AND n.reason = b.reason)")) {
            kept.setString(1, keys.rows());
            kept.setString(2, name);
            kept.setString(3, keys.kept());
            kept.setString(4, keys.rows());
            kept.executeUpdate();
        }
        long current = count(c, "SELECT COUNT(*) FROM source_snapshot WHERE source = ?", name);
        String missingFrom = " NOT EXISTS (SELECT 1 FROM source_snapshot n WHERE n.source = ?"
                + " AND n.identifier_hash = s.identifier_hash AND n.channel = s.channel AND n.reason = s.reason)";
        long removals = count(
                c, "SELECT COUNT(*) FROM source_snapshot s WHERE s.source = ? AND" + missingFrom, name, keys.rows());
        long additions = count(
                c, "SELECT COUNT(*) FROM source_snapshot s WHERE s.source = ? AND" + missingFrom, keys.rows(), name);
        long renewals = count(
                c,
                "SELECT COUNT(*) FROM source_snapshot n JOIN suppression s ON s.source = ?"
                        + " AND s.identifier_hash = n.identifier_hash AND s.channel = n.channel AND s.reason = n.reason"
                        + " WHERE n.source = ? AND" + RENEWS,
                PREFIX + name,
                keys.rows());
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
            clear.setString(1, keys.kept());
            clear.executeUpdate();
            rename.setString(1, name);
            rename.setString(2, keys.rows());
            rename.executeUpdate();
        }
        try (PreparedStatement source = c.prepareStatement(
                "UPDATE suppression_source SET snapshot_at = ?, snapshot_rows = ?, snapshot_rejected = ? WHERE name = ?")) {
            source.setTimestamp(1, Timestamp.from(now));
            source.setLong(2, rows);
            source.setLong(3, rejected);
            source.setString(4, name);
            source.executeUpdate();
        }
        return new SnapshotReport(name, rows, rejected, rejections, additions, removals, renewals, current);
    }

    /**
     * The rows ({@code n}) of a snapshot that date an {@code UNSUBSCRIBED} entry ({@code s}) of the source later than it
     * holds: the provider says the address unsubscribed again. Only that reason is weighed against the person's own
     * later consent; a bounce or complaint blocks whatever its date.
     */
    private static final String RENEWS = " s.reason = 'UNSUBSCRIBED' AND n.listed_on > s.created_at";

    /**
     * The moment an entry a list's line dates holds from: the line's date, never later than {@code now}; a day alone
     * (kept as its first instant, UTC midnight) from the end of that day — the person unsubscribed some time that day,
     * and an opt-in of theirs that morning does not outweigh it (the reviewer's point, 2026-12-06: from midnight, it
     * did). Whether a line dates an entry anew still compares the day's first instant ({@link #RENEWS}): the same
     * day-only line, uploaded again later that day or the next, renews nothing, so a consent the person gave after the
     * entry was added stays (tester AH's F2). A date given to the second at exactly midnight UTC reads as a day alone:
     * held from later, the safer side of the person's "stop".
     */
    static Instant holdsFrom(Instant listedOn, Instant now) {
        Instant from = listedOn.equals(listedOn.truncatedTo(ChronoUnit.DAYS))
                ? listedOn.plus(1, ChronoUnit.DAYS).minusMillis(1)
                : listedOn;
        return from.isAfter(now) ? now : from;
    }

    /**
     * Dates each {@code UNSUBSCRIBED} entry of the source from the later date its applied snapshot gives the address
     * (never past {@code now}: a provider's clock running fast), in the caller's transaction; returns how many moved.
     * The entry stays the same one (its id, its place in the diff): what changes is the moment a consent the person
     * gave themselves must follow to outweigh it. Until 2026-12-06 a list that listed the address again after the
     * person's new consent, with the date of their new unsubscribe, added nothing and changed nothing.
     */
    private static long renew(Connection c, String name, Timestamp now) throws SQLException {
        long renewed = 0;
        try (PreparedStatement q = c.prepareStatement("SELECT s.id, s.created_at, n.listed_on FROM suppression s"
                        + " JOIN source_snapshot n ON n.source = ? AND n.identifier_hash = s.identifier_hash"
                        + " AND n.channel = s.channel AND n.reason = s.reason WHERE s.source = ? AND" + RENEWS);
                PreparedStatement update =
                        c.prepareStatement("UPDATE suppression SET first_said_at = COALESCE(first_said_at,"
                                + " created_at), created_at = ?, recorded_at = ? WHERE id = ? AND created_at = ?")) {
            q.setString(1, name);
            q.setString(2, PREFIX + name);
            int pending = 0;
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    Timestamp at = Timestamp.from(holdsFrom(rs.getTimestamp(3).toInstant(), now.toInstant()));
                    if (!at.after(rs.getTimestamp(2))) {
                        continue;
                    }
                    update.setTimestamp(1, at);
                    update.setTimestamp(2, now);
                    update.setString(3, rs.getString(1));
                    update.setTimestamp(4, rs.getTimestamp(2));
                    update.addBatch();
                    renewed++;
                    if (++pending == BATCH) {
                        update.executeBatch();
                        pending = 0;
                    }
                }
            }
            update.executeBatch();
        }
        return renewed;
    }

    /**
     * Locks the source's row until the caller's transaction ends, inserting it for a new source (without a snapshot,
     * which only a committed upload gives it). A concurrent first upload of the same name waits on that insert, then
     * fails on the primary key (23505), and is tried again by the caller.
     */
    private static void lock(Connection c, String name) throws SQLException {
        try (PreparedStatement touch =
                c.prepareStatement("UPDATE suppression_source SET snapshot_rows = snapshot_rows WHERE name = ?")) {
            touch.setString(1, name);
            if (touch.executeUpdate() > 0) {
                return;
            }
        }
        try (PreparedStatement create = c.prepareStatement("INSERT INTO suppression_source (name, snapshot_at,"
                + " snapshot_rows, snapshot_rejected) VALUES (?, NULL, 0, 0)")) {
            create.setString(1, name);
            create.executeUpdate();
        }
    }

    /** Deletes what a refused or failed upload staged, in a transaction of its own. */
    private static void drop(Connection c, Staged keys) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM source_snapshot WHERE source = ?")) {
            delete.setString(1, keys.rows());
            delete.executeUpdate();
            delete.setString(1, keys.kept());
            delete.executeUpdate();
        }
        c.commit();
    }

    /**
     * The statements an upload stages its lines with: a read line's row, and a refused line's identifier.
     */
    private record Batch(Staged keys, PreparedStatement insert, PreparedStatement keep, PreparedStatement earliest) {}

    /**
     * A line over the limit is refused; its identifier, when the part kept holds the first cell whole, keeps its
     * entries as any refused line's does.
     */
    private String tooLong(EspFormat format, String cut, char delimiter, Batch batch) throws SQLException {
        int end = cut.indexOf(delimiter);
        if (end > 0) {
            Identifier id = identifier(format, cut.substring(0, end).strip().replace("\"", ""));
            if (id != null) {
                stageRow(batch.keep(), batch.keys().kept(), id, "*", "*", null);
                return "longer than " + maxLineChars + " characters";
            }
        }
        keepWhatItNames(format, cut, batch);
        return "longer than " + maxLineChars + " characters";
    }

    /** What separates the words of a line that cannot be read as cells: blanks, separators, quotes, brackets. */
    private static final java.util.regex.Pattern BETWEEN_WORDS =
            java.util.regex.Pattern.compile("[\\s,;\"'<>(){}\\[\\]]+");

    /**
     * A line that cannot be read as cells (a stray quote, a semicolon in a comma file, broken JSON) still names the
     * person it was for: every address or number found in it keeps its entries, as a refused line's readable identifier
     * does. Until 2026-12-08 such a line removed them: the list's unsubscribe was lifted, and a B2B recipient it held was
     * mailable (tester BK's F15).
     */
    private void keepWhatItNames(EspFormat format, String line, Batch batch) throws SQLException {
        // Split once, in time linear in the line (a pattern looking for an address at every position of a long word
        // without one took quadratic time: review 48's M6); each word with an @ or a leading + is tried.
        for (String word : BETWEEN_WORDS.split(line)) {
            if (word.indexOf('@') > 0 || word.startsWith("+")) {
                Identifier id = identifier(format, word);
                if (id != null) {
                    stageRow(batch.keep(), batch.keys().kept(), id, "*", "*", null);
                }
            }
        }
    }

    /** A normalized identifier, its keyed hash and its kind. */
    private record Identifier(String hash, IdentifierKind kind) {}

    /** How far ahead of this server's clock a list may date a line (its own clock running fast). */
    static final java.time.Duration FUTURE_SKEW = java.time.Duration.ofMinutes(5);

    /** The identifier of a line if it is one that {@code format} lists, else null. */
    private Identifier identifier(EspFormat format, String identifier) {
        if (identifier.indexOf('@') >= 0) {
            String normalized = format.listsEmails() ? EmailAddresses.normalizeOrNull(identifier) : null;
            return normalized == null ? null : new Identifier(hash.of(normalized), IdentifierKind.EMAIL);
        }
        String normalized =
                format.listsPhones() && identifier.startsWith("+") ? PhoneNumbers.toE164OrNull(identifier, null) : null;
        return normalized == null ? null : new Identifier(hash.of(normalized), IdentifierKind.PHONE);
    }

    /**
     * Reads one {@code identifier,reason,date} line into the batch; the reason it is refused, or null. The line is read
     * by the project's one CSV reader (quotes as RFC 4180) with the separator of the file's first line: a comma or, as
     * spreadsheets in French locales write it, a semicolon. A refused line whose identifier is readable stages that
     * identifier to keep, so that the entries it has stay.
     */
    private String stageLine(EspFormat format, String line, char delimiter, Batch batch) throws SQLException {
        CsvRecords.Split split = CsvRecords.split(line, delimiter);
        if (split.cells() == null) {
            keepWhatItNames(format, line, batch);
            return split.open() ? "a quoted field is not closed" : split.problem();
        }
        List<String> cells = split.cells().stream().map(String::strip).toList();
        // Our own file (the outbound generic one, which a spreadsheet may open) writes a number as '+33…: read back.
        Identifier id =
                identifier(format, format == EspFormat.GENERIC ? CsvRecords.unneutralized(cells.get(0)) : cells.get(0));
        if (id == null) {
            keepWhatItNames(format, line, batch);
            return format.identifierRule();
        }
        String problem = null;
        String reasonName = cells.size() > 1 ? cells.get(1).toUpperCase(Locale.ROOT) : "";
        SuppressionReason reason = null;
        try {
            reason = reasonName.isEmpty() ? null : SuppressionReason.valueOf(reasonName);
        } catch (IllegalArgumentException e) {
            problem = "unknown reason " + reasonName;
        }
        if (problem == null
                && (reason == null || reason == SuppressionReason.ERASED || reason == SuppressionReason.MANUAL)) {
            problem = "reason must be UNSUBSCRIBED, COMPLAINT, HARD_BOUNCE or DNC_REGISTRY";
        }
        if (problem == null && reason == SuppressionReason.DNC_REGISTRY && id.kind() == IdentifierKind.EMAIL) {
            // a registry of numbers: on an address it would be listed, counted and exported, yet block nothing
            problem = "DNC_REGISTRY lists phone numbers, not email addresses";
        }
        Instant listedOn = null;
        if (problem == null && cells.size() > 2 && !cells.get(2).isEmpty()) {
            try {
                String date = cells.get(2);
                // A day alone is kept as its first instant (see holdsFrom).
                listedOn = date.length() == 10
                        ? LocalDate.parse(date).atStartOfDay(ZoneOffset.UTC).toInstant()
                        : Instant.parse(date);
            } catch (RuntimeException e) {
                problem = "the date is not ISO-8601";
            }
            // A date the list cannot have (2099, a local time read as UTC) is no evidence of an unsubscribe after the
            // person's own later opt-in: dated so, the line renewed the entry at the resync's time and blocked them
            // again (AD-F7, until 2026-12-06). Read as undated: listed, never renewed. A clock minutes fast passes.
            // Nor one before 1970 (Times.tooEarly): an opt-out is not lost on its date, and holds from the resync
            // (until
            // 2026-12-07 from 1960, say: tester BA's F8).
            if (listedOn != null
                    && (listedOn.isAfter(Times.now(clock).plus(FUTURE_SKEW)) || Times.tooEarly(listedOn) != null)) {
                listedOn = null;
            }
        }
        if (problem != null) {
            stageRow(batch.keep(), batch.keys().kept(), id, "*", "*", null);
            return problem;
        }
        Channel channel = id.kind() == IdentifierKind.EMAIL
                ? Channel.EMAIL
                : reason == SuppressionReason.DNC_REGISTRY ? Channel.PHONE : Channel.SMS;
        stageRow(batch.insert(), batch.keys().rows(), id, channel.name(), reason.name(), listedOn);
        if (reason == SuppressionReason.COMPLAINT && listedOn != null) {
            Timestamp at = Timestamp.from(listedOn);
            batch.earliest().setTimestamp(1, at);
            batch.earliest().setString(2, batch.keys().rows());
            batch.earliest().setString(3, id.hash());
            batch.earliest().setString(4, channel.name());
            batch.earliest().setTimestamp(5, at);
            batch.earliest().addBatch();
        }
        return null;
    }

    private static void stageRow(
            PreparedStatement insert, String key, Identifier id, String channel, String reason, Instant listedOn)
            throws SQLException {
        insert.setString(1, key);
        insert.setString(2, id.hash());
        insert.setString(3, id.kind().name());
        insert.setString(4, channel);
        insert.setString(5, reason);
        insert.setTimestamp(6, listedOn == null ? null : Timestamp.from(listedOn));
        insert.setString(7, key);
        insert.setString(8, id.hash());
        insert.setString(9, channel);
        insert.setString(10, reason);
        insert.addBatch();
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
                        + " n.reason, n.listed_on FROM source_snapshot n WHERE n.source = ? AND n.identifier_hash >= ?"
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
                    Timestamp listedOn = rs.getTimestamp(5);
                    page.add(new SourceDiff.Add(
                            name,
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            listedOn == null ? null : listedOn.toInstant()));
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

    /** What a run wrote of one source: entries added and removed (not those another run had written first). */
    public record Written(long added, long removed) implements Serializable {
        public static final Written NONE = new Written(0, 0);

        public Written plus(Written other) {
            return new Written(added + other.added, removed + other.removed);
        }
    }

    /**
     * Writes a chunk of the diff in the caller's transaction (the resync job's chunk): adds, removes, then records and
     * audits each source whose end the chunk holds, with what this run wrote of it ({@code before}: in its earlier
     * chunks). Returns what the chunk wrote per source. SQL exceptions pass through as they are, so that the job's XML
     * can name the ones it retries.
     *
     * <p>The counts are those written, not those read: two runs of one source (identical snapshots uploaded at once)
     * read the same additions, and the second writes none of them; each audited the whole list as added (the proof of
     * what each sync did said ten times what the list held, until 2026-12-06).
     */
    @Transactional
    public Map<String, Written> write(List<? extends SourceDiff> chunk, Map<String, Written> before)
            throws SQLException {
        Timestamp now = Timestamp.from(Times.now(clock));
        List<SourceDiff.Applied> ends = new ArrayList<>();
        Map<String, Long> renewed = new TreeMap<>();
        Map<String, Written> written = new TreeMap<>();
        List<String> removedFrom = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement add = c.prepareStatement("INSERT INTO suppression (id, identifier_hash,"
                        + " identifier_kind, channel, purpose_key, reason, source, created_at, recorded_at) VALUES"
                        + " (?, ?, ?, ?, NULL, ?, ?, ?, ?)");
                PreparedStatement remember = c.prepareStatement("INSERT INTO source_removal (source, identifier_hash,"
                        + " channel, reason, created_at, removed_at) SELECT ?, identifier_hash, channel, reason,"
                        + " created_at, ? FROM suppression WHERE id = ?");
                PreparedStatement remove = c.prepareStatement("DELETE FROM suppression WHERE id = ?")) {
            Set<String> held = lockAndRead(c, chunk);
            Map<String, Instant[]> removedBefore = removedBefore(c, chunk);
            for (SourceDiff item : chunk) {
                if (item instanceof SourceDiff.Add a) {
                    if (!held.add(a.source() + "|" + a.hash() + "|" + a.channel() + "|" + a.reason())) {
                        continue;
                    }
                    add.setString(1, java.util.UUID.randomUUID().toString());
                    add.setString(2, a.hash());
                    add.setString(3, a.kind());
                    add.setString(4, a.channel());
                    add.setString(5, a.reason());
                    add.setString(6, PREFIX + a.source());
                    // The entry holds from the day the line says the person unsubscribed there, never later than now:
                    // an entry back in the list after a snapshot without it, dated from the resync, overrode the
                    // person's own opt-in given in between (AD-F10, until 2026-12-06). Written now, for the outbound
                    // files.
                    // An undated line back after a snapshot without it holds from its removed entry's moment, not
                    // from this resync (AW-F9, until 2026-12-07 it overrode the person's opt-in given in between).
                    Instant[] gone =
                            removedBefore.get(a.source() + "|" + a.hash() + "|" + a.channel() + "|" + a.reason());
                    Instant from = a.listedOn() != null
                            ? holdsFrom(a.listedOn(), now.toInstant())
                            : gone == null
                                    ? now.toInstant()
                                    : ReturningLine.holdsFrom(gone[0], gone[1], now.toInstant());
                    add.setTimestamp(7, Timestamp.from(from));
                    add.setTimestamp(8, now);
                    add.addBatch();
                    written.merge(a.source(), new Written(1, 0), Written::plus);
                } else if (item instanceof SourceDiff.Remove r) {
                    remember.setString(1, r.source());
                    remember.setTimestamp(2, now);
                    remember.setString(3, r.id());
                    remember.addBatch();
                    remove.setString(1, r.id());
                    remove.addBatch();
                    removedFrom.add(r.source());
                } else if (item instanceof SourceDiff.Applied applied) {
                    ends.add(applied);
                }
            }
            add.executeBatch();
            formerHolders(c, chunk, now);
            remember.executeBatch();
            int[] deleted = remove.executeBatch();
            for (int i = 0; i < deleted.length; i++) {
                // Another run of the source may have removed the entry first: then this one removed nothing.
                if (deleted[i] > 0 || deleted[i] == Statement.SUCCESS_NO_INFO) {
                    written.merge(removedFrom.get(i), new Written(0, 1), Written::plus);
                }
            }
            for (SourceDiff.Applied end : ends) {
                renewed.put(end.source(), renew(c, end.source(), now));
                try (PreparedStatement forget =
                        c.prepareStatement("DELETE FROM source_removal WHERE source = ? AND removed_at < ?")) {
                    forget.setString(1, end.source());
                    forget.setTimestamp(2, Timestamp.from(now.toInstant().minus(ReturningLine.REMEMBERED)));
                    forget.executeUpdate();
                }
                try (PreparedStatement done = c.prepareStatement("UPDATE suppression_source SET previous_applied_at ="
                        + " applied_at, applied_at = ? WHERE name = ?")) {
                    done.setTimestamp(1, now);
                    done.setString(2, end.source());
                    done.executeUpdate();
                }
            }
        }
        for (SourceDiff.Applied end : ends) {
            Written run = before.getOrDefault(end.source(), Written.NONE)
                    .plus(written.getOrDefault(end.source(), Written.NONE));
            audited(end.source(), run.added(), run.removed(), renewed.get(end.source()));
        }
        return written;
    }

    /**
     * The entries of the chunk's sources that a resync removed and that an undated addition of the chunk lists again:
     * {@code source|hash|channel|reason} → {the moment the entry held from, when it was removed}, the latest removal of
     * each (one query per source and group of identifiers).
     */
    private static Map<String, Instant[]> removedBefore(Connection c, List<? extends SourceDiff> chunk)
            throws SQLException {
        Map<String, List<String>> hashes = new TreeMap<>();
        for (SourceDiff item : chunk) {
            if (item instanceof SourceDiff.Add a && a.listedOn() == null) {
                hashes.computeIfAbsent(a.source(), k -> new ArrayList<>()).add(a.hash());
            }
        }
        Map<String, Instant[]> removed = new java.util.HashMap<>();
        for (Map.Entry<String, List<String>> e : hashes.entrySet()) {
            bySourceAndHash(
                    c,
                    "SELECT identifier_hash, channel, reason, created_at, removed_at FROM source_removal WHERE source = ?",
                    e.getKey(),
                    e.getValue(),
                    rs -> removed.merge(
                            e.getKey() + "|" + rs.getString(1).strip() + "|" + rs.getString(2) + "|" + rs.getString(3),
                            new Instant[] {
                                rs.getTimestamp(4).toInstant(),
                                rs.getTimestamp(5).toInstant()
                            },
                            (x, y) -> x[1].isAfter(y[1]) ? x : y));
        }
        return removed;
    }

    /**
     * Runs {@code select} (ending in its {@code source = ?} condition) for {@code source} and each group of 200 of
     * {@code hashes} ({@code AND identifier_hash IN (…)}), each row to {@code rows}.
     */
    private static void bySourceAndHash(
            Connection c, String select, String source, List<String> hashes, KeySets.Rows rows) throws SQLException {
        int group = 200;
        for (int from = 0; from < hashes.size(); from += group) {
            List<String> part = hashes.subList(from, Math.min(hashes.size(), from + group));
            String marks = String.join(",", java.util.Collections.nCopies(part.size(), "?"));
            try (PreparedStatement q = c.prepareStatement(select + " AND identifier_hash IN (" + marks + ")")) {
                q.setString(1, source);
                for (int i = 0; i < part.size(); i++) {
                    q.setString(i + 2, part.get(i));
                }
                try (ResultSet rs = q.executeQuery()) {
                    while (rs.next()) {
                        rows.take(rs);
                    }
                }
            }
        }
    }

    /**
     * Two resync jobs of one source (two snapshots uploaded at once each start one) would each add what the snapshot
     * has and the source lacks, twice. Each chunk therefore first locks its sources' rows, so that the two jobs' chunks
     * write one after the other, and returns what those sources already hold of the chunk's additions
     * ({@code source|hash|channel|reason}): an addition found there is not written again.
     */
    private static Set<String> lockAndRead(Connection c, List<? extends SourceDiff> chunk) throws SQLException {
        Map<String, List<String>> hashes = new TreeMap<>();
        for (SourceDiff item : chunk) {
            if (item instanceof SourceDiff.Add a) {
                hashes.computeIfAbsent(a.source(), k -> new ArrayList<>()).add(a.hash());
            }
        }
        Set<String> held = new HashSet<>();
        try (PreparedStatement lock =
                c.prepareStatement("UPDATE suppression_source SET applied_at = applied_at WHERE name = ?")) {
            for (String source : hashes.keySet()) {
                lock.setString(1, source);
                lock.executeUpdate();
            }
        }
        for (Map.Entry<String, List<String>> e : hashes.entrySet()) {
            bySourceAndHash(
                    c,
                    "SELECT identifier_hash, channel, reason FROM suppression WHERE source = ? AND purpose_key IS NULL",
                    PREFIX + e.getKey(),
                    e.getValue(),
                    rs -> held.add(e.getKey() + "|" + rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getString(3)));
        }
        return held;
    }

    /**
     * The person's word in a dated line of the chunk (an unsubscribe or a complaint) made while another contact held the
     * address, given up since: reaches them at the one they have now ({@link ListedWhileHeldBefore}), as the provider's
     * event does. One query per chunk, on the chunk's dated identifiers. Until 2026-12-06 it stayed on the old address
     * (tester AH's F8).
     */
    private void formerHolders(Connection c, List<? extends SourceDiff> chunk, Timestamp now) throws SQLException {
        Map<String, List<SourceDiff.Add>> dated = new java.util.HashMap<>();
        for (SourceDiff item : chunk) {
            if (item instanceof SourceDiff.Add a
                    && a.listedOn() != null
                    && (a.reason().equals("UNSUBSCRIBED") || a.reason().equals("COMPLAINT"))) {
                dated.computeIfAbsent(a.hash(), h -> new ArrayList<>()).add(a);
            }
        }
        if (dated.isEmpty()) {
            return;
        }
        String marks = String.join(",", java.util.Collections.nCopies(dated.size(), "?"));
        try (PreparedStatement q = c.prepareStatement("SELECT identifier_hash, contact_id, held_since, released_at"
                + " FROM email_release WHERE released_at IS NOT NULL AND identifier_hash IN (" + marks + ")")) {
            int i = 1;
            for (String h : dated.keySet()) {
                q.setString(i++, h);
            }
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    Instant since = rs.getTimestamp(3).toInstant();
                    Instant released = rs.getTimestamp(4).toInstant();
                    for (SourceDiff.Add a : dated.get(rs.getString(1).strip())) {
                        Instant at = holdsFrom(a.listedOn(), now.toInstant());
                        if (!at.isBefore(since) && at.isBefore(released)) {
                            listedWhileHeldBefore.fire(new ListedWhileHeldBefore(
                                    java.util.UUID.fromString(rs.getString(2).strip()),
                                    a.hash(),
                                    a.kind(),
                                    a.channel(),
                                    a.reason(),
                                    PREFIX + a.source(),
                                    at));
                        }
                    }
                }
            }
        }
    }

    /** Audits one applied snapshot (counts only: entries added, removed, and dated anew by {@link #renew}). */
    public void audited(String name, long added, long removed, long renewed) {
        audit.append(
                "SUPPRESSION_SOURCE_SYNCED",
                "suppression-source",
                name,
                Jsons.createObjectBuilder()
                        .add("added", added)
                        .add("removed", removed)
                        .add("renewed", renewed)
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

    /**
     * When a source was last applied before the latest run: what "since the last run" means for its outbound file.
     * The nightly loop uploads the provider's list (a run) and then fetches our file, which must hold the opt-outs made
     * since the run before: those made between two runs would be lost to the provider if the window began at the run
     * just made. Fetched before the upload instead, the window covers two days: overlap, never a gap.
     */
    public Instant previousRun(String name) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement q =
                        c.prepareStatement("SELECT previous_applied_at FROM suppression_source WHERE name = ?")) {
            q.setString(1, name);
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    return Instant.EPOCH;
                }
                Timestamp previous = rs.getTimestamp(1);
                return previous == null ? Instant.EPOCH : previous.toInstant();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long count(Connection c, String sql, String... parameters) throws SQLException {
        try (PreparedStatement q = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                q.setString(i + 1, parameters[i]);
            }
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
