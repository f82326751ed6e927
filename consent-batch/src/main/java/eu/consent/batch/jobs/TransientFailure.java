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

    private TransientFailure(Exception cause) {
        super("transient database failure, the chunk is tried again: " + cause.getMessage(), cause);
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
        return SqlStates.isTransient(failure) ? new TransientFailure(failure) : failure;
    }

    /** The same for work that returns nothing. */
    public static void retryable(Runnable work) {
        retryable(() -> {
            work.run();
            return null;
        });
    }
}
