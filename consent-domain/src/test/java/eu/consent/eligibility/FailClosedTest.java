package eu.consent.eligibility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.consent.purpose.Channel;
import eu.consent.purpose.Purpose;
import eu.consent.purpose.PurposeKey;
import eu.consent.purpose.PurposeKind;
import java.lang.reflect.Constructor;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A database that cannot answer makes a decision fail (the web layer answers 503), never default to allowed; nor does
 * a single decision wait for one that hangs longer than its deadline, whether the change sequence's probe or the
 * facts' read after it hangs.
 */
class FailClosedTest {

    private final ExecutorService executor = Executors.newCachedThreadPool();
    /** Released at the end: every read the test made hang returns then. */
    private final CountDownLatch release = new CountDownLatch(1);

    @AfterEach
    void tearDown() {
        release.countDown();
        executor.shutdownNow();
    }

    private static Purpose purpose() throws Exception {
        Constructor<Purpose> make = Purpose.class.getDeclaredConstructor(
                String.class, PurposeKind.class, Set.class, boolean.class, boolean.class, String.class, Instant.class);
        make.setAccessible(true);
        return make.newInstance(
                "promo", PurposeKind.PROSPECTING, Set.of(Channel.EMAIL), false, false, "{}", Instant.now());
    }

    /** A data source whose connections hang until the test ends, as a frozen database's do. */
    private DataSource hanging() {
        return (DataSource) Proxy.newProxyInstance(
                DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    release.await();
                    throw new SQLException("the database came back too late");
                });
    }

    /** An in-memory database holding the change sequence, at 0 with no change logged. */
    private static DataSource changeSequence() throws SQLException {
        EmbeddedDataSource derby = new EmbeddedDataSource();
        derby.setDatabaseName("memory:fail-closed-" + UUID.randomUUID());
        derby.setCreateDatabase("create");
        try (Connection c = derby.getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE decision_seq (id SMALLINT NOT NULL PRIMARY KEY, seq BIGINT NOT NULL)");
            s.executeUpdate(
                    "CREATE TABLE decision_change (seq BIGINT, t1 VARCHAR(64), t2 VARCHAR(64), t3 VARCHAR(64))");
            s.executeUpdate(
                    "CREATE VIEW decision_log (seq, t1, t2, t3) AS SELECT seq, t1, t2, t3 FROM decision_change");
            s.executeUpdate("INSERT INTO decision_seq (id, seq) VALUES (1, 0)");
        }
        return derby;
    }

    private DecisionService deciding(DataSource probe, DataSource facts) throws Exception {
        Purpose purpose = purpose();
        DecisionService service = new DecisionService();
        service.policies = Policies.load("EU", "EU");
        service.clock = Clock.systemUTC();
        service.executor = executor;
        service.timeout = Duration.ofMillis(300);
        service.purposes = new PurposeCatalog() {
            @Override
            public Purpose get(String key) {
                return purpose;
            }
        };
        service.prepare();
        service.probeDataSource = probe;
        service.dataSource = facts;
        return service;
    }

    private static void assertFailsClosedInTime(DecisionService service) {
        CompletableFuture<Verdict> verdict = service.decideOneAsync(new DecisionInput(
                        Recipient.Kind.EMAIL, "someone@example.com", new PurposeKey("promo"), Channel.EMAIL))
                .toCompletableFuture();
        ExecutionException e = assertThrows(ExecutionException.class, () -> verdict.get(10, TimeUnit.SECONDS));
        assertInstanceOf(DecisionUnavailableException.class, e.getCause());
        assertInstanceOf(SQLTimeoutException.class, e.getCause().getCause());
        assertTrue(e.getCause().getCause().getMessage().contains("within 300 ms"), e.getCause()::toString);
    }

    @Test
    void aSingleDecisionWhoseProbeHangsFailsClosedAtItsDeadline() throws Exception {
        assertFailsClosedInTime(deciding(hanging(), hanging()));
    }

    @Test
    void aSingleDecisionWhoseFactsHangAfterTheProbeFailsClosedAtItsDeadline() throws Exception {
        assertFailsClosedInTime(deciding(changeSequence(), hanging()));
    }

    @Test
    void noDatabaseNoDecision() throws Exception {
        DecisionService service = new DecisionService();
        service.policies = Policies.load("EU", "EU");
        service.clock = Clock.systemUTC();
        service.prepare();
        service.dataSource = (DataSource) Proxy.newProxyInstance(
                DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    throw new SQLException("connection refused");
                });
        service.probeDataSource = service.dataSource;
        Constructor<Purpose> make = Purpose.class.getDeclaredConstructor(
                String.class, PurposeKind.class, Set.class, boolean.class, boolean.class, String.class, Instant.class);
        make.setAccessible(true);
        Purpose purpose = make.newInstance(
                "promo", PurposeKind.SERVICE, Set.of(Channel.EMAIL), false, false, "{}", Instant.now());
        DecisionService.Question question = new DecisionService.Question(purpose, Channel.EMAIL);
        List<Recipient> recipients = List.of(Recipient.of(Recipient.Kind.EMAIL, "someone@example.com"));

        DecisionUnavailableException e =
                assertThrows(DecisionUnavailableException.class, () -> service.decide(question, recipients));
        assertEquals("connection refused", e.getCause().getMessage());
    }
}
