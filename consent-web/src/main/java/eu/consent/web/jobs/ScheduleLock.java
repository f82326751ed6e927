package eu.consent.web.jobs;

import eu.consent.shared.SessionLock;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.naming.NamingException;
import javax.sql.DataSource;

/**
 * Makes the members of a cluster check and create the schedule's timers one at a time: two servers starting at once on
 * a new database would otherwise both find no timer and both create one per job, and every job would then run twice a
 * night. A {@link SessionLock} (PostgreSQL's advisory lock of a session), held while the timers are read and created
 * (each creation commits at once); Derby is embedded, reached by one server only, and needs none.
 */
final class ScheduleLock implements AutoCloseable {

    /** The lock's key, shared by every member: the bytes of "consent". */
    private static final long KEY = 0x636f6e73656e74L;

    private static final Logger LOG = Logger.getLogger(ScheduleLock.class.getName());

    private final Connection session;
    private final SessionLock lock;

    private ScheduleLock(Connection session, SessionLock lock) {
        this.session = session;
        this.lock = lock;
    }

    /**
     * Waits for the other members to finish their check; a database other than PostgreSQL needs no lock. The data
     * source is looked up now, not injected: a server whose data source is missing must still reach the start-up checks
     * that say what is wrong with its configuration (an injection failure would stop the application before them).
     */
    static ScheduleLock take(String dataSourceName) throws SQLException {
        DataSource dataSource;
        try {
            dataSource = InitialContext.doLookup(dataSourceName);
        } catch (NamingException e) {
            LOG.warning(() -> "no " + dataSourceName + " to lock the schedule with: " + e.getMessage());
            return new ScheduleLock(null, null);
        }
        Connection connection = dataSource.getConnection();
        try {
            return new ScheduleLock(connection, SessionLock.take(connection, KEY));
        } catch (SQLException | RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    @Override
    public void close() throws SQLException {
        if (session == null) {
            return;
        }
        try (Connection connection = session) {
            lock.close();
        }
    }
}
