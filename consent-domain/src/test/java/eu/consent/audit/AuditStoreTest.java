package eu.consent.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.consent.schema.SchemaMigrator;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.security.Principal;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The audit chain on a real database through the real mapping: entries written by {@link AuditLog}, rows then edited
 * or deleted behind the application's back with plain SQL, and {@link AuditTrail#verify} naming where it breaks.
 */
class AuditStoreTest {

    private EmbeddedDataSource dataSource;
    private EntityManagerFactory factory;
    private EntityManager em;
    private AuditLog log;
    private AuditTrail trail;

    @BeforeEach
    void setUp() throws Exception {
        String name = "memory:audit-" + UUID.randomUUID();
        dataSource = new EmbeddedDataSource();
        dataSource.setDatabaseName(name);
        dataSource.setCreateDatabase("create");
        new SchemaMigrator(dataSource).migrate();
        factory = Persistence.createEntityManagerFactory(
                "consent",
                Map.of(
                        "jakarta.persistence.transactionType", "RESOURCE_LOCAL",
                        "jakarta.persistence.jtaDataSource", "",
                        "jakarta.persistence.jdbc.driver", "org.apache.derby.iapi.jdbc.AutoloadedDriver",
                        "jakarta.persistence.jdbc.url", "jdbc:derby:" + name));
        em = factory.createEntityManager();
        log = new AuditLog();
        log.em = em;
        log.clock = Clock.systemUTC();
        log.security = new CallerNamed("dpo");
        log.audited = new NoObservers<>();
        trail = new AuditTrail();
        trail.em = em;
    }

    @AfterEach
    void tearDown() {
        em.close();
        factory.close();
    }

    private void append(int count) {
        em.getTransaction().begin();
        for (int i = 0; i < count; i++) {
            log.append("CONTACT_CREATED", "contact", UUID.randomUUID().toString(), null);
        }
        em.getTransaction().commit();
        em.clear();
    }

    private void sql(String statement) throws Exception {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate(statement);
        }
        em.clear();
    }

    @Test
    void anUntouchedChainVerifiesAndEndsAtItsHead() {
        append(5);
        AuditVerification v = trail.verify();
        assertTrue(v.valid(), String.valueOf(v));
        assertEquals(5, v.entries());
        assertEquals(
                "dpo", trail.list(null, null, null, 10, null).items().get(0).actor());
    }

    @Test
    void anEditedRowIsNamed() throws Exception {
        append(5);
        sql("UPDATE audit_entry SET actor = 'mallory' WHERE seq = 3");
        AuditVerification v = trail.verify();
        assertFalse(v.valid());
        assertEquals(3L, v.brokenAt());
        assertEquals(2, v.entries());
    }

    @Test
    void aDeletedRowIsNamed() throws Exception {
        append(5);
        sql("DELETE FROM audit_entry WHERE seq = 2");
        AuditVerification v = trail.verify();
        assertFalse(v.valid());
        assertEquals(3L, v.brokenAt());
    }

    @Test
    void aDeletedTailIsCaughtAgainstTheHead() throws Exception {
        append(5);
        sql("DELETE FROM audit_entry WHERE seq >= 4");
        AuditVerification v = trail.verify();
        assertFalse(v.valid());
        assertEquals(4L, v.brokenAt());
    }

    @Test
    void migrationsApplyOnceAndRefuseAnEditedScript() throws Exception {
        assertEquals(0, new SchemaMigrator(dataSource).migrate(), "already applied");
        sql("UPDATE schema_version SET checksum = '" + "f".repeat(64) + "'");
        try {
            new SchemaMigrator(dataSource).migrate();
            throw new AssertionError("an edited migration must stop the start-up");
        } catch (IllegalStateException expected) {
            assertTrue(expected.getMessage().contains("changed after it was applied"));
        }
    }

    /** The caller as the container would name it. */
    private record CallerNamed(String name) implements SecurityContext {
        @Override
        public Principal getCallerPrincipal() {
            return () -> name;
        }

        @Override
        public <T extends Principal> Set<T> getPrincipalsByType(Class<T> type) {
            return Set.of();
        }

        @Override
        public boolean isCallerInRole(String role) {
            return false;
        }

        @Override
        public boolean hasAccessToWebResource(String resource, String... methods) {
            return false;
        }

        @Override
        public AuthenticationStatus authenticate(
                HttpServletRequest request, HttpServletResponse response, AuthenticationParameters parameters) {
            return AuthenticationStatus.NOT_DONE;
        }
    }
}
