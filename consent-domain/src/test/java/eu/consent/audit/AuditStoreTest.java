package eu.consent.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.consent.schema.SchemaMigrator;
import eu.consent.shared.KeyedHash;
import jakarta.json.Json;
import jakarta.persistence.EntityManager;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import jakarta.security.enterprise.AuthenticationStatus;
import jakarta.security.enterprise.SecurityContext;
import jakarta.security.enterprise.authentication.mechanism.http.AuthenticationParameters;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
    private AuditKeys keys;
    private AuditHeadExport heads;
    private AuditSubjects subjects;

    @TempDir
    Path headFile;

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
        keys = new AuditKeys();
        keys.secret = "store-test-audit-secret-0123";
        keys.em = em;
        log.keys = keys;
        heads = new AuditHeadExport();
        heads.file = headFile.resolve("audit-head.json").toString();
        heads.keys = keys;
        heads.clock = Clock.systemUTC();
        subjects = new AuditSubjects();
        subjects.em = em;
        subjects.hash = new KeyedHash("store-test-identifier-secret");
        log.subjects = subjects;
        trail = new AuditTrail();
        trail.em = em;
        trail.keys = keys;
        trail.heads = heads;
        trail.subjects = subjects;
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
    void oneEntryAboutManyContactsIsFoundByEachAndSealsItsList() throws Exception {
        append(2);
        List<String> purged = List.of(
                UUID.randomUUID().toString(),
                UUID.randomUUID().toString(),
                UUID.randomUUID().toString());
        em.getTransaction().begin();
        AuditEntry chunk = log.appendAboutContacts(
                "CONTACT_PURGED",
                purged,
                Json.createObjectBuilder().add("suppressionsKept", 0).build());
        em.getTransaction().commit();
        em.clear();
        append(1);

        for (String contact : purged) {
            assertEquals(
                    List.of(chunk),
                    trail.list(UUID.fromString(contact), null, null, 10, null).items(),
                    "found by " + contact);
        }
        assertEquals(null, chunk.subjectId());
        assertFalse(chunk.details().contains(purged.get(0)), "no purged id in clear: " + chunk.details());
        assertTrue(chunk.details().contains("\"contacts\":3"), chunk.details());
        assertTrue(trail.verify().valid(), String.valueOf(trail.verify()));

        sql("DELETE FROM audit_subject WHERE contact_key = '" + subjects.keyOf(purged.get(1)) + "'");
        AuditVerification v = trail.verify();
        assertFalse(v.valid());
        assertEquals(chunk.seq(), v.brokenAt());
        assertTrue(v.reason().contains("audit_subject"), v.reason());
        assertTrue(trail.list(UUID.fromString(purged.get(1)), null, null, 10, null)
                .items()
                .isEmpty());
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

    /** What someone who can write the tables but lacks the audit secret can do: recompute every plain hash. */
    private void rewriteWithThePlainAlgorithm(long from) throws Exception {
        em.clear();
        List<AuditEntry> all = trail.after(0, 1000);
        String previous = all.stream()
                .filter(e -> e.seq() == from - 1)
                .map(AuditEntry::hash)
                .findFirst()
                .orElse(AuditChain.GENESIS);
        for (AuditEntry e : all.subList((int) from - 1, all.size())) {
            AuditChainTest.set(e, "prevHash", previous);
            AuditChainTest.set(e, "actor", "mallory");
            String hash = AuditChain.hash(e);
            sql("UPDATE audit_entry SET actor = 'mallory', prev_hash = '" + previous + "', hash = '" + hash
                    + "' WHERE seq = " + e.seq());
            previous = hash;
        }
        sql("UPDATE audit_head SET hash = '" + previous + "'");
    }

    @Test
    void aTailRewrittenWithThePlainAlgorithmIsNamed() throws Exception {
        append(5);
        rewriteWithThePlainAlgorithm(3);
        AuditVerification v = trail.verify();
        assertFalse(v.valid());
        assertEquals(3L, v.brokenAt());
        assertTrue(v.reason().contains("plain algorithm"), v.reason());
    }

    @Test
    void aChainRewrittenAsIfNeverKeyedIsCaughtByTheExportedHead() throws Exception {
        append(5);
        AuditVerification before = trail.verify();
        heads.export(5, before.head());
        assertTrue(trail.verify().valid(), "the exported head is on the chain");

        // Rewrite everything in plain SHA-256 and claim the chain was never keyed: the walk alone cannot tell.
        sql("UPDATE audit_key SET keyed_from = 1000000");
        keys = new AuditKeys();
        keys.secret = "store-test-audit-secret-0123";
        keys.em = em;
        trail.keys = keys;
        heads.keys = keys;
        rewriteWithThePlainAlgorithm(1);
        AuditVerification v = trail.verify();
        assertFalse(v.valid(), String.valueOf(v));
        assertTrue(v.reason().contains("keyed from entry 1000000"), v.reason());

        sql("UPDATE audit_key SET keyed_from = 1");
        keys = new AuditKeys();
        keys.secret = "store-test-audit-secret-0123";
        keys.em = em;
        trail.keys = keys;
        heads.keys = keys;
        assertFalse(trail.verify().valid());
    }

    @Test
    void anEditedExportedHeadIsRefused() throws Exception {
        append(3);
        heads.export(3, trail.verify().head());
        Path file = headFile.resolve("audit-head.json");
        Files.writeString(file, Files.readString(file).replace("\"seq\":3", "\"seq\":2"));
        AuditVerification v = trail.verify();
        assertFalse(v.valid());
        assertTrue(v.reason().contains("not signed"), v.reason());
    }

    @Test
    void aCutTailIsCaughtByTheExportedHeadEvenWithTheRecordedHeadMovedBack() throws Exception {
        append(5);
        heads.export(5, trail.verify().head());
        String fourth = trail.after(3, 1).get(0).hash();
        sql("DELETE FROM audit_entry WHERE seq = 5");
        sql("UPDATE audit_head SET seq = 4, hash = '" + fourth + "'");
        AuditVerification v = trail.verify();
        assertFalse(v.valid());
        assertEquals(5L, v.brokenAt());
    }

    @Test
    void anEntryPastTheRecordedHeadIsNamed() throws Exception {
        append(6);
        String fifth = trail.after(4, 1).get(0).hash();
        sql("UPDATE audit_head SET seq = 5, hash = '" + fifth + "'");
        AuditVerification v = trail.verify();
        assertFalse(v.valid(), "an entry the head never covered: appended behind the application's back");
        assertEquals(6L, v.brokenAt());
        assertTrue(v.reason().contains("after the recorded head"), v.reason());
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
