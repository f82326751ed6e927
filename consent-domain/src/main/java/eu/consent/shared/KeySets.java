package eu.consent.shared;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.Locale;

/**
 * Statements about a set of keys (a chunk's emails, a purge's contact ids), in plain JDBC on the caller's connection.
 * On PostgreSQL one statement takes the whole set ({@code = ANY(?)} with an array: one round trip, the key's index);
 * on Derby each key has an execution of its own (an index probe inside the JVM), because Derby plans an {@code IN}
 * list once and keeps a table scan it chose while the table was small, re-evaluating the list on every row (measured:
 * a quarter of a purge's time). Neither goes through JPA: EclipseLink binds positional parameters in time quadratic in
 * their number (a thousand keys cost it more than the statement).
 */
public final class KeySets {

    private KeySets() {}

    /** Receives the rows of a look-up. */
    public interface Rows {
        void take(ResultSet rs) throws SQLException;
    }

    /** Whether this connection's database takes a set of keys in one statement (PostgreSQL). */
    public static boolean setBased(Connection c) throws SQLException {
        return c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
    }

    /**
     * Runs {@code select}, which ends with its key column (e.g. {@code SELECT id FROM contact WHERE email}), for every
     * one of {@code keys}, handing each row found to {@code rows}.
     */
    public static void select(Connection c, String select, Collection<String> keys, Rows rows) throws SQLException {
        select(c, setBased(c), select, keys, rows);
    }

    /** {@link #select(Connection, String, Collection, Rows)} when the caller knows already how the database is asked. */
    public static void select(Connection c, boolean setBased, String select, Collection<String> keys, Rows rows)
            throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        if (setBased) {
            Array array = c.createArrayOf("varchar", keys.toArray());
            try (PreparedStatement s = c.prepareStatement(select + " = ANY(?)")) {
                s.setArray(1, array);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        rows.take(rs);
                    }
                }
            } finally {
                array.free();
            }
            return;
        }
        try (PreparedStatement s = c.prepareStatement(select + " = ?")) {
            for (String key : keys) {
                s.setString(1, key);
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        rows.take(rs);
                    }
                }
            }
        }
    }

    /**
     * Deletes the rows of {@code table} whose {@code column} is one of {@code keys}; returns how many. On Derby each
     * key is probed first and deleted only when found: a DELETE that finds nothing raises a warning, which Derby
     * builds with a message look-up that throws inside the JDK (measured: the largest allocation of a purge, whose
     * traces' deletes mostly find nothing).
     */
    public static int delete(Connection c, String table, String column, Collection<String> keys) throws SQLException {
        return deleteWhere(c, table, "1 = 1", column, keys);
    }

    /**
     * Deletes the rows of {@code table} whose {@code column} is one of {@code keys} and that meet {@code condition} (SQL
     * about the row, naming the table's columns by the table's name); returns how many. As {@link #delete}: one
     * statement on PostgreSQL, on Derby each key probed first (under the condition too, so that no DELETE finds
     * nothing).
     */
    public static int deleteWhere(Connection c, String table, String condition, String column, Collection<String> keys)
            throws SQLException {
        if (keys.isEmpty()) {
            return 0;
        }
        String where = " FROM " + table + " WHERE " + condition + " AND " + column;
        if (setBased(c)) {
            Array array = c.createArrayOf("varchar", keys.toArray());
            try (PreparedStatement s = c.prepareStatement("DELETE" + where + " = ANY(?)")) {
                s.setArray(1, array);
                return s.executeUpdate();
            } finally {
                array.free();
            }
        }
        int deleted = 0;
        try (PreparedStatement probe = c.prepareStatement("SELECT " + column + where + " = ?");
                PreparedStatement s = c.prepareStatement("DELETE" + where + " = ?")) {
            for (String key : keys) {
                probe.setString(1, key);
                try (ResultSet rs = probe.executeQuery()) {
                    if (!rs.next()) {
                        continue;
                    }
                }
                s.setString(1, key);
                deleted += s.executeUpdate();
            }
        }
        return deleted;
    }
}
