package eu.consent.shared;

import java.net.ConnectException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Set;

/** What the database said went wrong, read from the SQL state of an exception however deeply it is wrapped. */
public final class SqlStates {

    /** Serialization failure, PostgreSQL's deadlock, Derby's lock time-out and deadlock. */
    private static final Set<String> TRY_AGAIN = Set.of("40001", "40P01", "40XL1", "40XL2");

    private SqlStates() {}

    /** The SQL state of the first SQL exception among the causes, or null. */
    public static String of(Throwable e) {
        for (Throwable t = e; t != null && t != t.getCause(); t = t.getCause()) {
            if (t instanceof SQLException sql && sql.getSQLState() != null) {
                return sql.getSQLState();
            }
        }
        return null;
    }

    /** Whether the failure is a constraint another row already satisfies (class 23: a unique key, a foreign key). */
    public static boolean isConstraint(Throwable e) {
        String state = of(e);
        return state != null && state.startsWith("23");
    }

    /** Whether the failure is a unique key (or primary key) that another row holds already. */
    public static boolean isUniqueViolation(Throwable e) {
        return "23505".equals(of(e));
    }

    /**
     * Whether the failure says nothing of the request itself: a deadlock, a lock time-out, a serialization failure or
     * a lost connection, after which the same request may well succeed.
     */
    public static boolean isTransient(Throwable e) {
        String state = of(e);
        return state != null && (TRY_AGAIN.contains(state) || state.startsWith("08"));
    }

    /**
     * Whether the failure is the database not answering at all — no connection could be made, or the one in use was
     * lost (SQL state class 08, a transient connection exception, a refused socket), however deeply the pool or the
     * persistence provider wrapped it. Such a failure says nothing of the work: the same work will do once the database
     * answers. Not Derby's failures to boot its database (XJ040: in use by another JVM, a wrong path), which never go
     * away by waiting (review 42).
     */
    public static boolean isUnreachable(Throwable e) {
        int depth = 0;
        for (Throwable t = e; t != null && depth < 30; t = next(t), depth++) {
            if (t instanceof SQLTransientConnectionException
                    || t instanceof ConnectException
                    || (t instanceof SQLException sql
                            && sql.getSQLState() != null
                            && sql.getSQLState().startsWith("08"))) {
                return true;
            }
        }
        return false;
    }

    /** The cause, or for an SQL exception without one its next exception (where drivers put a batch's cause). */
    private static Throwable next(Throwable t) {
        if (t.getCause() != null && t.getCause() != t) {
            return t.getCause();
        }
        return t instanceof SQLException sql ? sql.getNextException() : null;
    }

    /** A JDBC read that may fail. */
    @FunctionalInterface
    public interface Read<T> {
        T run() throws SQLException;
    }

    /**
     * Runs a read again, up to {@code attempts} times in all, while it fails for a transient reason ({@link
     * #isTransient}: the database chose it as a deadlock's victim, timed its lock out, lost the connection); any other
     * failure, or the last one, goes to the caller. Only for what changes nothing.
     */
    public static <T> T retryingTransient(int attempts, Read<T> read) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                return read.run();
            } catch (SQLException e) {
                if (attempt >= attempts || !isTransient(e)) {
                    throw e;
                }
            }
        }
    }

    /**
     * Runs a unit of work — a whole transaction, started by the call — again, up to {@code attempts} times in all,
     * while the database chose it as a deadlock's victim (never after a lock's time-out, which already waited its
     * seconds): nothing of a victim was kept, so doing it again is safe. For a person's click on one of our pages, which
     * may not be made again if it fails (a "keep me", a confirmation).
     */
    public static <T> T retryingDeadlocks(int attempts, java.util.function.Supplier<T> work) {
        for (int attempt = 1; ; attempt++) {
            try {
                return work.get();
            } catch (RuntimeException e) {
                String state = of(e);
                boolean deadlock = "40001".equals(state) || "40P01".equals(state);
                if (attempt >= attempts || !deadlock) {
                    throw e;
                }
                try {
                    Thread.sleep(
                            java.util.concurrent.ThreadLocalRandom.current().nextLong(20, 120));
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }
}
