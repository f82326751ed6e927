package eu.consent.batch.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import org.junit.jupiter.api.Test;

/** Which failures of a chunk the jobs' XML retries: those the database calls transient, however they are wrapped. */
class TransientFailureTest {

    @Test
    void aDeadlockOrLockTimeOutUnderTheDomainsWrappingBecomesRetryable() {
        for (String state : new String[] {"40001", "40P01", "40XL1", "40XL2", "08006"}) {
            IllegalStateException wrapped =
                    new IllegalStateException("import chunk failed", new SQLTransactionRollbackException("x", state));

            TransientFailure thrown = assertThrows(
                    TransientFailure.class,
                    () -> TransientFailure.retryable(() -> {
                        throw wrapped;
                    }));

            assertSame(wrapped, thrown.getCause(), state);
        }
        // PostgreSQL's driver: a plain SQLException naming the state.
        assertInstanceOf(TransientFailure.class, TransientFailure.sorted(new SQLException("deadlock", "40P01")));
    }

    @Test
    void anyOtherFailurePassesAsItIsAndAResultPassesThrough() {
        IllegalStateException constraint =
                new IllegalStateException("import chunk failed", new SQLException("duplicate", "23505"));
        assertSame(
                constraint,
                assertThrows(
                        IllegalStateException.class,
                        () -> TransientFailure.retryable(() -> {
                            throw constraint;
                        })));
        IllegalArgumentException plain = new IllegalArgumentException("no state at all");
        assertSame(plain, TransientFailure.sorted(plain));
        assertEquals(7, TransientFailure.retryable(() -> 7));
    }

    @Test
    void aKeyTakenMeanwhileIsRetryableOnlyWhereTheChunkReadsItsRowsAgain() {
        IllegalStateException duplicate = new IllegalStateException(
                "import chunk failed", new java.sql.BatchUpdateException("duplicate key", "23505", 30000, new int[0]));

        TransientFailure thrown = assertThrows(
                TransientFailure.class,
                () -> TransientFailure.retryableOnCollision(() -> {
                    throw duplicate;
                }));

        assertSame(duplicate, thrown.getCause());
        IllegalStateException deadlock =
                new IllegalStateException("import chunk failed", new SQLTransactionRollbackException("x", "40P01"));
        assertInstanceOf(
                TransientFailure.class,
                assertThrows(
                        RuntimeException.class,
                        () -> TransientFailure.retryableOnCollision(() -> {
                            throw deadlock;
                        })));
        // A foreign key or a missing value says something of the rows: done again, it would fail again.
        IllegalStateException foreignKey =
                new IllegalStateException("import chunk failed", new SQLException("no such purpose", "23503"));
        assertSame(
                foreignKey,
                assertThrows(
                        IllegalStateException.class,
                        () -> TransientFailure.retryableOnCollision(() -> {
                            throw foreignKey;
                        })));
        assertEquals(7, TransientFailure.retryableOnCollision(() -> 7));
    }
}
