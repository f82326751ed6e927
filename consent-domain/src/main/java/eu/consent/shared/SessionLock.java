package eu.consent.shared;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Locale;

/**
 * A PostgreSQL advisory lock held by one database session, across its transactions committed or rolled back, until it
 * is closed or the session ends (a server that dies releases it): how the servers of a cluster take turns at start-up,
 * for the schema's migrations and for the schedule's timers. On another database it holds nothing: Derby is embedded,
 * reached by one server only.
 */
public final class SessionLock implements AutoCloseable {

    private final Connection session;
    private final long key;

    private SessionLock(Connection session, long key) {
        this.session = session;
        this.key = key;
    }

    /** Waits until no other session holds {@code key}, then holds it on {@code session} (not closed by this lock). */
    public static SessionLock take(Connection session, long key) throws SQLException {
        if (!isPostgreSQL(session)) {
            return new SessionLock(null, key);
        }
        call(session, "SELECT pg_advisory_lock(?)", key);
        return new SessionLock(session, key);
    }

    /** Whether the connection is to PostgreSQL. */
    public static boolean isPostgreSQL(Connection c) throws SQLException {
        return c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT).contains("postgres");
    }

    @Override
    public void close() throws SQLException {
        if (session != null) {
            call(session, "SELECT pg_advisory_unlock(?)", key);
        }
    }

    private static void call(Connection session, String sql, long key) throws SQLException {
        try (PreparedStatement lock = session.prepareStatement(sql)) {
            lock.setLong(1, key);
            lock.execute();
        }
    }
}
