package eu.consent.container;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * Puts Derby's identity generators of the job repository where they fail: needing a new range of ids, which they
 * write to their row of {@code SYS.SYSSEQUENCES} without waiting, while another transaction holds those rows.
 */
final class IdentityGenerators {

    private IdentityGenerators() {}

    /**
     * Restarts the identity of a job repository table at its next unused value: DDL empties Derby's cache of
     * preallocated ids, so the table's next row must write a new range to the generator's row.
     */
    static void needNewRange(Connection c, String table) throws SQLException {
        String column = identityColumn(c, table);
        long next;
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT MAX(" + column + ") FROM JBATCH." + table)) {
            r.next();
            next = r.getLong(1) + 1;
        }
        try (Statement s = c.createStatement()) {
            s.executeUpdate("ALTER TABLE JBATCH." + table + " ALTER COLUMN " + column + " RESTART WITH " + next);
        }
    }

    private static String identityColumn(Connection c, String table) throws SQLException {
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT col.COLUMNNAME FROM SYS.SYSCOLUMNS col"
                        + " JOIN SYS.SYSTABLES t ON col.REFERENCEID = t.TABLEID"
                        + " JOIN SYS.SYSSCHEMAS sch ON t.SCHEMAID = sch.SCHEMAID"
                        + " WHERE sch.SCHEMANAME = 'JBATCH' AND t.TABLENAME = '" + table + "'"
                        + " AND col.AUTOINCREMENTINC IS NOT NULL")) {
            assertTrue(r.next(), "JBATCH." + table + " has no identity column");
            return r.getString(1);
        }
    }

    /**
     * Reads every identity generator's row with read-stability locks, which its transaction keeps until it commits:
     * a generator's update of its row cannot get its lock meanwhile. Commits once told to.
     */
    static int holdRows(DataSource consent, CountDownLatch locked, CountDownLatch release) throws Exception {
        return hold(consent, "SELECT COUNT(*) FROM SYS.SYSSEQUENCES WITH RS", locked, release);
    }

    /**
     * The same for the generator of one job repository table alone (found by its unique id, so that only its row is
     * locked): the other tables' generators may write their new ranges meanwhile.
     */
    static int holdRow(DataSource consent, String table, CountDownLatch locked, CountDownLatch release)
            throws Exception {
        String sequence;
        try (Connection c = consent.getConnection()) {
            sequence = sequenceOf(c, table);
        }
        return hold(
                consent,
                "SELECT COUNT(*) FROM SYS.SYSSEQUENCES WHERE SEQUENCEID = '" + sequence + "' WITH RS",
                locked,
                release);
    }

    private static int hold(DataSource consent, String query, CountDownLatch locked, CountDownLatch release)
            throws Exception {
        try (Connection c = consent.getConnection()) {
            c.setAutoCommit(false);
            int rows;
            try (Statement s = c.createStatement();
                    ResultSet r = s.executeQuery(query)) {
                r.next();
                rows = r.getInt(1);
            }
            locked.countDown();
            release.await(30, TimeUnit.SECONDS);
            c.commit();
            return rows;
        }
    }

    /** The id of the identity generator of a job repository table: Derby names it after the table's own id. */
    private static String sequenceOf(Connection c, String table) throws SQLException {
        String tableId;
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT t.TABLEID FROM SYS.SYSTABLES t"
                        + " JOIN SYS.SYSSCHEMAS sch ON t.SCHEMAID = sch.SCHEMAID"
                        + " WHERE sch.SCHEMANAME = 'JBATCH' AND t.TABLENAME = '" + table + "'")) {
            assertTrue(r.next(), "no table JBATCH." + table);
            tableId = hex(r.getString(1));
        }
        try (Statement s = c.createStatement();
                ResultSet r = s.executeQuery("SELECT SEQUENCEID, SEQUENCENAME FROM SYS.SYSSEQUENCES")) {
            while (r.next()) {
                if (hex(r.getString(2)).contains(tableId)) {
                    return r.getString(1);
                }
            }
        }
        throw new AssertionError("no identity generator named after JBATCH." + table + " (" + tableId + ")");
    }

    private static String hex(String id) {
        return id.toLowerCase(java.util.Locale.ROOT).replaceAll("[^0-9a-f]", "");
    }
}
