package eu.consent.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Liquibase migrations on a real (in-memory) Derby database: fresh, and taking over from 0.1's migrator. Two servers
 * migrating one empty database at once is proven on PostgreSQL by {@code ClusterIT} (embedded Derby has one server).
 */
class SchemaMigratorTest {

    /** The scripts that version 0.1 released, applied by its own migrator (schema_version). */
    private static final List<String> RELEASED_IN_0_1 = List.of(
            "V001__contacts_purposes_audit.sql",
            "V002__consent_ledger.sql",
            "V003__opt_out.sql",
            "V004__preferences_and_sends.sql",
            "V005__retention.sql",
            "V006__suppression_sources.sql",
            "V007__imports.sql");

    private EmbeddedDataSource dataSource;
    private int scripts;

    @BeforeEach
    void setUp() {
        dataSource = new EmbeddedDataSource();
        dataSource.setDatabaseName("memory:schema-" + UUID.randomUUID());
        dataSource.setCreateDatabase("create");
        // Scripts for PostgreSQL only (dbms:postgresql) are skipped on this Derby database.
        scripts = (int) MigrationScripts.fromIndex(getClass().getClassLoader()).scripts().stream()
                .filter(s -> s.dbms() == null || s.dbms().equals("derby"))
                .count();
    }

    @Test
    void aFreshDatabaseGetsEveryScriptOnceThenNothing() throws Exception {
        assertTrue(scripts >= RELEASED_IN_0_1.size(), "index.txt lists at least the released scripts");
        assertEquals(scripts, new SchemaMigrator(dataSource).migrate());
        assertEquals(0, new SchemaMigrator(dataSource).migrate(), "already applied");
        assertEquals(scripts, count("SELECT COUNT(*) FROM databasechangelog WHERE exectype = 'EXECUTED'"));
        assertEquals(1, count("SELECT COUNT(*) FROM audit_head"), "the seed row of V001, inserted once");
        assertEquals(1, count("SELECT COUNT(*) FROM audit_anchor WHERE seq = 0"), "V026's anchor, at the genesis");
    }

    @Test
    void aDatabaseOfVersion01MovesToLiquibaseWithoutLosingOrRepeatingAnything() throws Exception {
        new PreviousMigrator(dataSource).migrate(RELEASED_IN_0_1.subList(0, 5));
        sql("INSERT INTO contact (id, email, locale, country, audience, customer, created_at, updated_at, version)"
                + " VALUES ('c0ffee00-0000-4000-8000-000000000001', 'kept@example.com', 'fr', 'FR', 'B2C', FALSE,"
                + " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1)");
        sql("UPDATE audit_head SET seq = 7 WHERE id = 1");
        sql("INSERT INTO audit_anchor (id, seq, hash, verified_at) VALUES (1, 5, '" + "a".repeat(64)
                + "', CURRENT_TIMESTAMP)");

        assertEquals(scripts - 5, new SchemaMigrator(dataSource).migrate(), "only the scripts 0.1 had not applied");

        assertEquals(1, count("SELECT COUNT(*) FROM contact WHERE email = 'kept@example.com'"));
        assertEquals(7, count("SELECT seq FROM audit_head"), "V001's seed row is not inserted again");
        assertEquals(5, count("SELECT seq FROM audit_anchor"), "an anchor verified before stays where it was");
        assertEquals(0, count("SELECT COUNT(*) FROM contact_import"), "V007 ran");
        assertEquals(5, count("SELECT COUNT(*) FROM databasechangelog WHERE exectype = 'MARK_RAN'"));
        assertEquals(scripts - 5, count("SELECT COUNT(*) FROM databasechangelog WHERE exectype = 'EXECUTED'"));
        assertEquals(0, new SchemaMigrator(dataSource).migrate());
    }

    @Test
    void aScriptEditedAfterVersion01AppliedItStopsTheStart() throws Exception {
        new PreviousMigrator(dataSource).migrate(RELEASED_IN_0_1);
        sql("UPDATE schema_version SET checksum = '" + "f".repeat(64) + "' WHERE script = 'V003__opt_out.sql'");
        IllegalStateException refused =
                assertThrows(IllegalStateException.class, () -> new SchemaMigrator(dataSource).migrate());
        assertTrue(refused.getMessage().contains("V003__opt_out.sql changed after it was applied"));
    }

    @Test
    void aScriptEditedAfterLiquibaseAppliedItStopsTheStart() throws Exception {
        new SchemaMigrator(dataSource).migrate();
        sql(
                "UPDATE databasechangelog SET md5sum = '9:00000000000000000000000000000000' WHERE id = 'V002__consent_ledger.sql'");
        SQLException refused = assertThrows(SQLException.class, () -> new SchemaMigrator(dataSource).migrate());
        assertTrue(refused.getMessage().contains("V002__consent_ledger.sql"), refused.getMessage());
    }

    private void sql(String statement) throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate(statement);
        }
    }

    private long count(String query) throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
