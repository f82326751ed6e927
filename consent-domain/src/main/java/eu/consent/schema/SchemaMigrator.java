package eu.consent.schema;

import eu.consent.shared.SessionLock;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import liquibase.Contexts;
import liquibase.LabelExpression;
import liquibase.Liquibase;
import liquibase.Scope;
import liquibase.changelog.ChangeSet;
import liquibase.changelog.DatabaseChangeLog;
import liquibase.changelog.visitor.AbstractChangeExecListener;
import liquibase.database.Database;
import liquibase.database.DatabaseFactory;
import liquibase.database.jvm.JdbcConnection;
import liquibase.exception.LiquibaseException;
import liquibase.ui.LoggerUIService;

/**
 * Brings the schema up to date with Liquibase: the scripts listed in {@code db/migration/index.txt}, each once, in
 * order, recorded with their checksums in {@code DATABASECHANGELOG}. Liquibase's lock table lets several servers start
 * at once on one empty database: one migrates, the others wait and then find nothing left to do. An edited script that
 * was already applied stops the start-up: a schema is changed by adding a script, never by editing one.
 */
public final class SchemaMigrator {

    private static final Logger LOG = Logger.getLogger(SchemaMigrator.class.getName());

    /**
     * Liquibase 4.30+ would otherwise phone home with usage analytics at every start; a system of record for personal
     * data sends nothing anywhere unasked.
     */
    private static final Map<String, Object> SETTINGS = Map.of(
            "liquibase.analytics.enabled",
            Boolean.FALSE,
            "liquibase.showBanner",
            Boolean.FALSE,
            "liquibase.showSummary",
            "OFF",
            Scope.Attr.ui.name(),
            new LoggerUIService());

    private static final int ATTEMPTS = 3;

    private final DataSource dataSource;

    public SchemaMigrator(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Brings the schema up to date; returns how many scripts it applied. Liquibase's lock lives in a table that the
     * first start creates: two servers starting at once on an empty database race to create it (and its changelog
     * table), and the loser's {@code CREATE TABLE} fails. Its next attempt finds both tables and waits for the lock.
     */
    public int migrate() throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                return migrateOnce();
            } catch (SQLException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                int failed = attempt;
                LOG.warning(() -> "schema migration failed (" + e.getMessage() + "); attempt " + (failed + 1) + " of "
                        + ATTEMPTS + " in " + failed + " s");
                pause(attempt);
            }
        }
    }

    private static void pause(int seconds) throws SQLException {
        try {
            Thread.sleep(seconds * 1000L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting to migrate the schema", e);
        }
    }

    /**
     * The key of the session lock that servers sharing a PostgreSQL database take around their migration. Liquibase's
     * own lock lives in a table that its first start creates, and so does its changelog: two servers starting at once
     * on an empty database raced to create them, the loser's {@code CREATE TABLE} failed, and one of them then waited
     * out Liquibase's five minutes for its lock (ClusterIT's two migrations took 308 s, twice). With this lock the
     * second server starts only once the first is done, and finds nothing left to do. It is released after the
     * migration, or by the database if the server dies meanwhile.
     */
    static final long MIGRATION_LOCK = 0x636f6e73656e74L;

    private int migrateOnce() throws SQLException {
        try (Connection c = dataSource.getConnection();
                SessionLock turn = SessionLock.take(c, MIGRATION_LOCK)) {
            return migrateLocked(c);
        }
    }

    private int migrateLocked(Connection c) throws SQLException {
        try {
            LegacyVersions legacy = LegacyVersions.read(c);
            MigrationScripts scripts = MigrationScripts.fromIndex(getClass().getClassLoader());
            legacy.checkUnchanged(scripts);
            try {
                int applied = Scope.child(SETTINGS, () -> update(c, scripts, legacy));
                // Liquibase commits each script and its lock; what is left open are its own reads.
                end(c, true);
                return applied;
            } catch (Exception e) {
                end(c, false);
                throw e;
            }
        } catch (SQLException | IllegalStateException e) {
            throw e;
        } catch (Exception e) {
            throw new SQLException("schema migration failed: " + e.getMessage(), e);
        }
    }

    private static void end(Connection c, boolean success) throws SQLException {
        if (!c.getAutoCommit()) {
            if (success) {
                c.commit();
            } else {
                c.rollback();
            }
        }
    }

    private static int update(Connection c, MigrationScripts scripts, LegacyVersions legacy) throws LiquibaseException {
        Database database = DatabaseFactory.getInstance().findCorrectDatabaseImplementation(new JdbcConnection(c));
        Liquibase liquibase = new Liquibase(scripts.changeLog(legacy), scripts.resources(), database);
        AtomicInteger applied = new AtomicInteger();
        liquibase.setChangeExecListener(new AbstractChangeExecListener() {
            @Override
            public void ran(ChangeSet changeSet, DatabaseChangeLog log, Database db, ChangeSet.ExecType type) {
                if (type == ChangeSet.ExecType.EXECUTED) {
                    applied.incrementAndGet();
                    LOG.info(() -> "applied schema migration " + changeSet.getId());
                }
            }
        });
        liquibase.update(new Contexts(), new LabelExpression());
        LOG.info(() -> "schema up to date on " + database.getShortName() + " (" + applied + " script(s) applied now)");
        return applied.get();
    }
}
