package eu.consent.eligibility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Waiting for the change sequence without a thread: a caller gets the seq of a probe that started after it arrived,
 * never one that started before; callers arriving during a probe share the one queued after it; a failed probe fails
 * its callers (503), and those queued behind it get a probe of their own.
 */
class DecisionChangesTest {

    private final ExecutorService executor = Executors.newCachedThreadPool();
    /** Each probe takes one permit from here before it reads: the test decides when each probe runs. */
    private final LinkedBlockingQueue<Boolean> go = new LinkedBlockingQueue<>();

    private final AtomicInteger probes = new AtomicInteger();
    private final AtomicBoolean down = new AtomicBoolean();
    private EmbeddedDataSource derby;
    private DataSource gated;
    private DecisionChanges changes;

    @BeforeEach
    void setUp() throws Exception {
        derby = new EmbeddedDataSource();
        derby.setDatabaseName("memory:changes-" + UUID.randomUUID());
        derby.setCreateDatabase("create");
        sql("CREATE TABLE decision_seq (id SMALLINT NOT NULL PRIMARY KEY, seq BIGINT NOT NULL, t1 VARCHAR(64),"
                + " t2 VARCHAR(64), t3 VARCHAR(64), tx BIGINT)");
        sql("CREATE TABLE decision_change (seq BIGINT, t1 VARCHAR(64), t2 VARCHAR(64), t3 VARCHAR(64))");
        sql("CREATE VIEW decision_log (seq, t1, t2, t3) AS SELECT seq, t1, t2, t3 FROM decision_change");
        sql("INSERT INTO decision_seq (id, seq) VALUES (1, 0)");
        gated = (DataSource) Proxy.newProxyInstance(
                DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        probes.incrementAndGet();
                        if (go.poll(10, TimeUnit.SECONDS) == null) {
                            throw new SQLException("the test never let this probe run");
                        }
                        if (down.get()) {
                            throw new SQLException("connection refused");
                        }
                    }
                    try {
                        return method.invoke(derby, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        changes = new DecisionChanges(() -> {});
        changes.probeOn(executor);
    }

    @AfterEach
    void tearDown() {
        executor.shutdownNow();
    }

    private void sql(String statement) throws SQLException {
        try (Connection c = derby.getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate(statement);
        }
    }

    private void change(String token) throws SQLException {
        sql("UPDATE decision_seq SET seq = seq + 1 WHERE id = 1");
        sql("INSERT INTO decision_change (seq, t1) SELECT seq, '" + token + "' FROM decision_seq WHERE id = 1");
    }

    private static long await(CompletableFuture<Long> seq) throws Exception {
        return seq.get(10, TimeUnit.SECONDS);
    }

    @Test
    void aCallerArrivingDuringAProbeWaitsForTheNextOneAndSeesWhatCommittedBeforeIt() throws Exception {
        go.add(true);
        assertEquals(0, await(changes.syncAsync(System.nanoTime(), gated)));
        CompletableFuture<Long> first = changes.syncAsync(System.nanoTime(), gated);
        // Arrives after the first probe started: that probe may have read before this change.
        change("a");
        CompletableFuture<Long> second = changes.syncAsync(System.nanoTime(), gated);
        CompletableFuture<Long> third = changes.syncAsync(System.nanoTime(), gated);
        assertSame(second, third, "callers arriving during one probe share the next");
        go.add(true);
        await(first);
        assertFalse(second.isDone(), "not answered by a probe that started before it arrived");
        go.add(true);
        assertEquals(1, await(second), "the queued probe started after its callers arrived: it saw the change");
        assertEquals(3, probes.get());
        assertFalse(changes.valid(0, "a", null), "what the change names is known before its callers are answered");
        assertTrue(changes.valid(0, "b", null), "and nothing else");
    }

    @Test
    void aCallerArrivingBeforeAProbeStartedSharesItAndOneAfterAnAppliedProbeIsAnsweredAtOnce() throws Exception {
        long arrived = System.nanoTime();
        CompletableFuture<Long> first = changes.syncAsync(arrived, gated);
        CompletableFuture<Long> same = changes.syncAsync(arrived, gated);
        go.add(true);
        assertEquals(0, await(first));
        assertEquals(0, await(same));
        CompletableFuture<Long> earlier = changes.syncAsync(arrived, gated);
        assertTrue(earlier.isDone(), "a probe that started after it arrived was applied already");
        assertEquals(1, probes.get(), "one probe for the three");
    }

    @Test
    void aFailedProbeFailsItsCallersAndThoseQueuedBehindItGetAProbeOfTheirOwn() throws Exception {
        down.set(true);
        CompletableFuture<Long> failing = changes.syncAsync(System.nanoTime(), gated);
        CompletableFuture<Long> queued = changes.syncAsync(System.nanoTime(), gated);
        go.add(true);
        ExecutionException e = assertThrows(ExecutionException.class, () -> await(failing));
        assertInstanceOf(SQLException.class, e.getCause());
        assertEquals("connection refused", e.getCause().getMessage());
        down.set(false);
        change("b");
        go.add(true);
        assertEquals(1, await(queued), "the database is back: the queued callers are answered");
        assertEquals(2, probes.get());
    }

    /**
     * A database that came back from a failover or a restore having lost its last change, then numbered other changes
     * with the same seqs: after a probe failed in between, nothing cached before is trusted (review 47). Without it, a
     * projection loaded at seq 1 (the lost change's) stayed valid though the new seq 1 named its contact.
     */
    @Test
    void afterAFailedProbeEveryProjectionIsLoadedAgain() throws Exception {
        change("lost");
        go.add(true);
        assertEquals(1, await(changes.syncAsync(System.nanoTime(), gated)));
        assertTrue(changes.valid(1, "x", null), "a projection of x loaded at seq 1");
        // The database goes, and comes back without its last change: its seq 1 is now a change of x.
        down.set(true);
        go.add(true);
        assertThrows(ExecutionException.class, () -> await(changes.syncAsync(System.nanoTime(), gated)));
        sql("DELETE FROM decision_change");
        sql("UPDATE decision_seq SET seq = 0 WHERE id = 1");
        change("x");
        change("y");
        down.set(false);
        go.add(true);
        assertEquals(2, await(changes.syncAsync(System.nanoTime(), gated)));
        assertFalse(changes.valid(1, "x", null), "what was cached before the database was lost to sight is dropped");
        assertTrue(changes.valid(2, "x", null), "what is loaded now holds");
    }

    @Test
    void aBlockingCallerAndAThreadlessOneShareTheSameProbes() throws Exception {
        CompletableFuture<Long> threadless = changes.syncAsync(System.nanoTime(), gated);
        CompletableFuture<Long> blocking = CompletableFuture.supplyAsync(
                () -> {
                    try {
                        return changes.sync(System.nanoTime(), gated, Duration.ofSeconds(10));
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                },
                executor);
        go.add(true);
        go.add(true);
        assertEquals(0, await(threadless));
        assertEquals(0, await(blocking));
        assertTrue(probes.get() <= 2, "the blocking caller shared a probe or ran the next one: " + probes.get());
    }

    @Test
    void aBlockingCallerWaitsNoLongerThanItsDeadlineForAProbeTheDatabaseHolds() throws Exception {
        // No permit: the probe under way hangs, as on a frozen database whose connection stays open.
        CompletableFuture<Long> held = changes.syncAsync(System.nanoTime(), gated);
        SQLTimeoutException e = assertThrows(
                SQLTimeoutException.class, () -> changes.sync(System.nanoTime(), gated, Duration.ofMillis(300)));
        assertTrue(e.getMessage().contains("did not answer within 300 ms"), e.getMessage());
        // The database answers again: the held probe ends, and a caller after it gets a probe of its own.
        go.add(true);
        assertEquals(0, await(held));
        go.add(true);
        change("c");
        assertEquals(1, changes.sync(System.nanoTime(), gated, Duration.ofSeconds(10)));
    }
}
