package eu.consent.batch.jobs;

import eu.consent.shared.SqlStates;
import java.util.function.Supplier;

/**
 * A chunk that failed on a database condition that says nothing of its items: a deadlock, a lock time-out, a
 * serialization failure, a lost connection ({@link SqlStates#isTransient}). The chunk jobs' XML names this class, and
 * only this one, among their retryable exceptions: the batch runtime matches the thrown class alone, never its causes,
 * so the domain's own wrapping ({@code IllegalStateException}, EclipseLink's) would otherwise fail the whole job on
 * one lock lost to ordinary API traffic. The runtime then rolls the chunk back, reopens reader and writer at the last
 * checkpoint and does the chunk's items again, one per transaction.
 */
public final class TransientFailure extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private TransientFailure(String why, Exception cause) {
        super(why + ", the chunk is tried again: " + cause.getMessage(), cause);
    }

    /** Runs a chunk's database work, turning a transient failure into this retryable one; others pass as they are. */
    public static <T> T retryable(Supplier<T> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            throw (RuntimeException) sorted(e);
        }
    }

    /** {@code failure} as the batch runtime must see it: this retryable exception when transient, else as it is. */
    public static Exception sorted(Exception failure) {
        return SqlStates.isTransient(failure) ? new TransientFailure("transient database failure", failure) : failure;
    }

    /**
     * Runs the database work of a chunk that reads what it writes over before writing it (the import's upsert): a
     * unique key that another writer took meanwhile is retryable too. Two imports, or an import and the API, creating
     * the same new person both found nobody; the later insert is refused once the first commits, and the chunk done
     * again reads the person the first created and updates them. A key the chunk's own rows collide on would fail each
     * try alike and end the job after the retry limit, as any other failure ends it at once.
     */
    public static <T> T retryableOnCollision(Supplier<T> work) {
        try {
            return work.get();
        } catch (RuntimeException e) {
            if (SqlStates.isUniqueViolation(e)) {
                throw new TransientFailure("a key taken meanwhile by another writer", e);
            }
            throw (RuntimeException) sorted(e);
        }
    }

    /** The same for work that returns nothing. */
    public static void retryable(Runnable work) {
        retryable(() -> {
            work.run();
            return null;
        });
    }
}
