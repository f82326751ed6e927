package eu.consent.dashboard;

import eu.consent.optout.OptOutStats;
import eu.consent.retention.policy.RetentionPolicy;
import eu.consent.shared.InvalidInputException;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * The dashboard's read model, in plain portable SQL: aggregates only (counts by day, reason, source, purpose, state),
 * never a row about one person, so that the campaign role may see all of it.
 */
@ApplicationScoped
public class DashboardQueries {

    /** How opt-outs are split in the chart. */
    public enum Split {
        REASON,
        SOURCE,
        PURPOSE;

        /** The same grouping in the shared opt-out statistics. */
        OptOutStats.By by() {
            return OptOutStats.By.valueOf(name());
        }

        public static Split of(String raw) {
            for (Split s : values()) {
                if (s.name().equalsIgnoreCase(raw)) {
                    return s;
                }
            }
            throw new InvalidInputException("split", "must be one of reason, source, purpose");
        }
    }

    /** Current consent states, counted. */
    public record ConsentCount(String purpose, String channel, String state, String basis, long count) {}

    /** Suppression entries, counted. */
    public record SuppressionCount(String reason, String source, long count) {}

    @Resource(lookup = "jdbc/consent")
    DataSource dataSource;

    @Inject
    RetentionPolicy retention;

    @Inject
    OptOutStats stats;

    /**
     * People who opted out per UTC day or ISO week in {@code [from, to)}, split by reason, source or purpose: a person
     * counts once per period and value (the API's statistics count them the same way, through the same service), so a
     * week is never the sum of its days, nor a period the sum of its values.
     */
    public OptOutStats.PeriodCounts optOuts(Instant from, Instant to, boolean weekly, Split split) {
        return stats.peopleByPeriod(from, to, weekly ? OptOutStats.By.WEEK : OptOutStats.By.DAY, split.by());
    }

    /** People who opted out in {@code [from, to)} per feedback reason (NONE: no reason given), of one purpose or all. */
    public Map<String, Long> optOutsByReason(Instant from, Instant to, String purpose) {
        Map<String, Long> counts = new TreeMap<>();
        for (OptOutStats.Bucket b :
                stats.count(from, to, OptOutStats.By.REASON, purpose).buckets()) {
            counts.put(b.key(), b.people());
        }
        return counts;
    }

    /** Messages reported sent per UTC day in {@code [from, to)} (what opt-out rates are measured against). */
    public Map<LocalDate, Long> sendsByDay(Instant from, Instant to) {
        return stats.sendsByDay(from, to);
    }

    /** Pairs per purpose, channel, state and basis; a double opt-in dropped unconfirmed (a NONE row) is none. */
    public List<ConsentCount> consents() {
        List<ConsentCount> counts = new ArrayList<>();
        query(
                "SELECT purpose_key, channel, state, COALESCE(basis, '-'), COUNT(*) FROM consent_state"
                        + " WHERE state <> 'NONE' GROUP BY purpose_key, channel, state, COALESCE(basis, '-') ORDER BY 1, 2, 3, 4",
                rs -> counts.add(new ConsentCount(
                        rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getLong(5))));
        return counts;
    }

    public List<SuppressionCount> suppressions() {
        List<SuppressionCount> counts = new ArrayList<>();
        query(
                "SELECT reason, source, COUNT(*) FROM suppression GROUP BY reason, source ORDER BY 1, 2",
                rs -> counts.add(new SuppressionCount(rs.getString(1), rs.getString(2), rs.getLong(3))));
        return counts;
    }

    /** An import as the console lists it: counts only, and the operator who uploaded it. */
    public record ImportRun(
            String id,
            String format,
            long read,
            long imported,
            long updated,
            long rejected,
            String createdBy,
            Instant createdAt) {}

    /** The latest imports, newest first. */
    public List<ImportRun> recentImports(int limit) {
        List<ImportRun> runs = new ArrayList<>();
        query(
                "SELECT id, format, read_rows, imported_rows, updated_rows, rejected_rows, created_by, created_at"
                        + " FROM contact_import ORDER BY created_at DESC",
                rs -> {
                    if (runs.size() < limit) {
                        runs.add(new ImportRun(
                                rs.getString(1).strip(),
                                rs.getString(2),
                                rs.getLong(3),
                                rs.getLong(4),
                                rs.getLong(5),
                                rs.getLong(6),
                                rs.getString(7),
                                rs.getTimestamp(8).toInstant()));
                    }
                });
        return runs;
    }

    /** An external suppression list and its last snapshot's report. */
    public record SourceRun(
            String name, Instant snapshotAt, long rows, long rejected, Instant appliedAt, long entries) {}

    public List<SourceRun> sources() {
        List<SourceRun> sources = new ArrayList<>();
        query(
                "SELECT s.name, s.snapshot_at, s.snapshot_rows, s.snapshot_rejected, s.applied_at,"
                        + " (SELECT COUNT(*) FROM suppression x WHERE x.source = 'list:' || s.name)"
                        + " FROM suppression_source s ORDER BY s.name",
                rs -> sources.add(new SourceRun(
                        rs.getString(1),
                        instant(rs.getTimestamp(2)),
                        rs.getLong(3),
                        rs.getLong(4),
                        instant(rs.getTimestamp(5)),
                        rs.getLong(6))));
        return sources;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    /** Contacts on the re-permission list. */
    public long reactivationListSize() {
        long[] n = {0};
        query("SELECT COUNT(*) FROM reactivation_candidate", rs -> n[0] = rs.getLong(1));
        return n[0];
    }

    /**
     * Contacts the next purge would remove if it ran at {@code when}: inactive (or, never active, created) before the
     * retention cut-off — the same rule as the purge job's.
     */
    public long purgeableAt(Instant when) {
        Timestamp cutoff = Timestamp.from(RetentionPolicy.monthsBefore(when, retention.retentionMonths()));
        long[] n = {0};
        query(
                "SELECT COUNT(*) FROM contact WHERE last_active_at < ? OR (last_active_at IS NULL AND created_at < ?)",
                rs -> n[0] = rs.getLong(1),
                cutoff,
                cutoff);
        return n[0];
    }

    private interface RowReader {
        void read(ResultSet rs) throws SQLException;
    }

    private void query(String sql, RowReader reader, Object... parameters) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement q = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                Object p = parameters[i];
                q.setObject(i + 1, p instanceof Instant instant ? Timestamp.from(instant) : p);
            }
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    reader.read(rs);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the dashboard could not be read", e);
        }
    }
}
