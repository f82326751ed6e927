package eu.consent.eligibility;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;

/**
 * This server's view of the database's decision change sequence (V015): the counter that every committed change of a
 * decision fact bumps, and the log naming what each bump touched (read through the view {@code decision_log}, V023). A
 * cached projection loaded at seq S is exact as long as no change after S named one of its tokens; {@link #sync} makes
 * sure every change acknowledged before a decision arrived is known here before it is answered.
 *
 * <p>Why the counter can be trusted: the bump is an UPDATE of one row, whose lock its transaction holds until commit, so
 * bumps commit in counter order, and a reader that sees N committed knows every change up to N committed and logged
 * (an identity column would not tell that: 99 may commit after 100). Probes are coalesced: a decision may use any probe
 * that started after it arrived, so 32 concurrent requests share a few probes rather than making 32. A caller may
 * wait for its probe without holding a thread ({@link #syncAsync}): one that arrives while a probe is under way is
 * queued for the next, which starts as soon as that one ends, on the executor given to {@link #probeOn}. A caller
 * that holds its thread ({@link #sync}) shares the same probes, waiting for one within a deadline.
 */
final class DecisionChanges {

    /** Further behind than this, forgetting the whole projection is cheaper than reading the log. */
    static final long CATCH_UP_LIMIT = 20_000;
    /** Tokens remembered at most; past it they are forgotten with every entry loaded before. */
    static final int MAX_TOKENS = 200_000;
    /** The token of a change that concerns every projection (a purpose's retirement). */
    static final String ALL = "*";

    private final Object lock = new Object();
    private final Runnable forgetAll;
    private final Map<String, Long> changedAt = new ConcurrentHashMap<>();
    /** The probe under way, if any; guarded by {@code lock}. */
    private Probe inFlight;
    /** The seq of the probe to start when {@code inFlight} ends, if a caller is queued for it; guarded by {@code lock}. */
    private CompletableFuture<Long> queued;
    /** Runs the probes of {@link #syncAsync} (the server's managed executor; inline until one is given). */
    private volatile Executor probes = Runnable::run;
    /** When the last successful probe started ({@link System#nanoTime}); meaningful once {@code probed}. */
    private volatile long lastProbeStart;

    private volatile boolean probed;
    /**
     * Set when a probe failed: the database may have come back from a failover or a restore that lost its last
     * transactions, and its counter may since have climbed back past {@code seen} with other changes under the same
     * numbers, which the log would pass over (review 47). The next probe that succeeds drops every projection.
     */
    private volatile boolean lostSight;

    private volatile long seen = -1;
    private volatile long floor = Long.MAX_VALUE;

    /** {@code forgetAll} drops the cached projections: called whenever they all become stale at once. */
    DecisionChanges(Runnable forgetAll) {
        this.forgetAll = forgetAll;
    }

    /** Where the probes of {@link #syncAsync} run: a probe is a blocking read. */
    void probeOn(Executor executor) {
        this.probes = executor;
    }

    /** One read of the counter and the log: started at {@code start}, its seq (or its failure) to come. */
    private record Probe(long start, CompletableFuture<Long> seq) {}

    /**
     * Makes sure a probe that started at or after {@code arrivalNanos} ({@link System#nanoTime}) was applied, and
     * returns the sequence it saw. A probe that fails fails the decision (fail closed): nothing is answered from the
     * projection without a successful probe after the question arrived.
     *
     * <p>One probe runs at a time; a decision shares the one under way if it started after the decision arrived,
     * else waits for it to end and starts (or shares) the next. Waiting decisions are released together when their
     * probe ends: with a lock held across the probe they went through it one by one, each often probing again. A
     * probe this caller starts runs on its own thread (on the executor it would queue behind the bulk batches waiting
     * for it: every batch failed at its deadline, the first test run of 2026-12-07 saw); one it shares is waited for
     * at most {@code deadline}: a database that hangs (a frozen primary, a network that keeps the connection open and
     * carries nothing) fails the decision as one that refuses it does (tester AU's F6, 80 s measured), and on
     * PostgreSQL the probe's own connection times out (liberty/db/postgresql.xml).
     */
    long sync(long arrivalNanos, DataSource dataSource, Duration deadline) throws SQLException {
        long until = System.nanoTime() + deadline.toNanos();
        while (true) {
            if (probed && lastProbeStart - arrivalNanos >= 0) {
                return seen;
            }
            Probe probe;
            boolean mine = false;
            synchronized (lock) {
                if (probed && lastProbeStart - arrivalNanos >= 0) {
                    return seen;
                }
                if (inFlight == null) {
                    inFlight = new Probe(System.nanoTime(), new CompletableFuture<>());
                    mine = true;
                }
                probe = inFlight;
            }
            if (mine) {
                return run(probe, dataSource);
            }
            long seq = await(probe, until, deadline);
            if (probe.start() - arrivalNanos >= 0) {
                return seq;
            }
            // That probe started before this decision arrived: the next one will do.
        }
    }

    private static long await(Probe probe, long untilNanos, Duration deadline) throws SQLException {
        try {
            return probe.seq().get(Math.max(0, untilNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw unanswered(deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted while waiting for the change sequence", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw new SQLException(sql.getMessage(), sql);
            }
            throw new SQLException("the change sequence could not be read", e.getCause());
        }
    }

    /** The failure of a decision the database did not serve within {@code deadline}. */
    static SQLTimeoutException unanswered(Duration deadline) {
        return new SQLTimeoutException("the database did not answer within " + deadline.toMillis() + " ms");
    }

    /**
     * {@link #sync} without holding the caller's thread: the seq of a probe that started at or after
     * {@code arrivalNanos} — at once if one was applied already, else when it ends (failed, if it fails). With no
     * probe under way, one starts on the executor; callers arriving while one is under way that started before them
     * share one queued probe, started the moment it ends.
     */
    CompletableFuture<Long> syncAsync(long arrivalNanos, DataSource dataSource) {
        if (probed && lastProbeStart - arrivalNanos >= 0) {
            return CompletableFuture.completedFuture(seen);
        }
        Probe start = null;
        CompletableFuture<Long> answer;
        synchronized (lock) {
            if (probed && lastProbeStart - arrivalNanos >= 0) {
                return CompletableFuture.completedFuture(seen);
            }
            if (inFlight == null) {
                start = new Probe(System.nanoTime(), new CompletableFuture<>());
                inFlight = start;
                answer = start.seq();
            } else if (inFlight.start() - arrivalNanos >= 0) {
                answer = inFlight.seq();
            } else {
                if (queued == null) {
                    queued = new CompletableFuture<>();
                }
                answer = queued;
            }
        }
        if (start != null) {
            launch(start, dataSource);
        }
        return answer;
    }

    private void launch(Probe probe, DataSource dataSource) {
        try {
            probes.execute(() -> {
                try {
                    run(probe, dataSource);
                } catch (SQLException | RuntimeException e) {
                    // run() has failed the probe's future: its callers answer 503
                }
            });
        } catch (RuntimeException e) {
            // the executor refused (the server is stopping): this probe fails, and so does whoever is queued
            fail(probe, e, dataSource);
        }
    }

    private long run(Probe probe, DataSource dataSource) throws SQLException {
        try {
            try (Connection c = dataSource.getConnection()) {
                apply(c);
            }
        } catch (SQLException | RuntimeException | Error e) {
            lostSight = true;
            fail(probe, e, dataSource);
            throw e;
        }
        long seq = seen;
        Probe next;
        synchronized (lock) {
            lastProbeStart = probe.start();
            probed = true;
            next = following();
        }
        // The next probe first: this probe's waiters may be answered on this thread, and the next one's waiters
        // should not wait for that.
        if (next != null) {
            launch(next, dataSource);
        }
        probe.seq().complete(seq);
        return seq;
    }

    /** Ends a failed probe: its callers fail; queued ones get a probe of their own (the database may be back). */
    private void fail(Probe probe, Throwable e, DataSource dataSource) {
        Probe next;
        synchronized (lock) {
            next = following();
        }
        probe.seq().completeExceptionally(e);
        if (next != null) {
            launch(next, dataSource);
        }
    }

    /** Under {@code lock}: the probe under way ends; the queued one, if any, takes its place, started now. */
    private Probe following() {
        inFlight = null;
        if (queued == null) {
            return null;
        }
        Probe next = new Probe(System.nanoTime(), queued);
        queued = null;
        inFlight = next;
        return next;
    }

    /** Whether a projection loaded at {@code loadedSeq} still holds: no change since names one of its tokens. */
    boolean valid(long loadedSeq, String token1, String token2) {
        // Tokens before the floor: the floor rises before the tokens are forgotten (see forget).
        if (changedSince(token1, loadedSeq) || changedSince(token2, loadedSeq)) {
            return false;
        }
        return loadedSeq >= floor;
    }

    private boolean changedSince(String token, long loadedSeq) {
        if (token == null) {
            return false;
        }
        Long at = changedAt.get(token);
        return at != null && at > loadedSeq;
    }

    private void apply(Connection c) throws SQLException {
        long now;
        try (PreparedStatement q = c.prepareStatement("SELECT seq FROM decision_seq WHERE id = 1");
                ResultSet rs = q.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("the decision change sequence has no counter row");
            }
            now = rs.getLong(1);
        }
        long before = seen;
        if (now == before && !lostSight) {
            return;
        }
        if (before < 0 || lostSight || now < before || now - before > CATCH_UP_LIMIT) {
            lostSight = false;
            forget(now);
            return;
        }
        long seqs = 0;
        boolean all = false;
        try (PreparedStatement q = c.prepareStatement(
                "SELECT seq, t1, t2, t3 FROM decision_log WHERE seq > ? AND seq <= ? ORDER BY seq")) {
            q.setLong(1, before);
            q.setLong(2, now);
            try (ResultSet rs = q.executeQuery()) {
                long previous = before;
                while (rs.next()) {
                    long seq = rs.getLong(1);
                    if (seq != previous) {
                        seqs++;
                        previous = seq;
                    }
                    for (int i = 2; i <= 4; i++) {
                        String token = rs.getString(i);
                        if (token == null) {
                            continue;
                        }
                        token = token.strip().toLowerCase(Locale.ROOT);
                        if (ALL.equals(token)) {
                            all = true;
                        }
                        changedAt.merge(token, seq, Math::max);
                    }
                }
            }
        }
        // Seqs are dense and every bump logs at least one row: a missing seq means the log was pruned past this
        // server, so nothing cached can be trusted.
        if (all || seqs != now - before || changedAt.size() > MAX_TOKENS) {
            forget(now);
            return;
        }
        seen = now;
    }

    private void forget(long now) {
        floor = now;
        changedAt.clear();
        forgetAll.run();
        seen = now;
    }
}
