package eu.consent.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import org.junit.jupiter.api.Test;

class SqlStatesTest {

    @Test
    void findsTheSqlStateUnderTheWrappersOfThePersistenceLayerAndTheTransaction() {
        SQLException duplicate = new SQLIntegrityConstraintViolationException("duplicate key", "23505");
        RuntimeException wrapped = new IllegalStateException("rolled back", new RuntimeException("flush", duplicate));
        assertEquals("23505", SqlStates.of(wrapped));
        assertTrue(SqlStates.isConstraint(wrapped));
        assertTrue(SqlStates.isUniqueViolation(wrapped));
        assertFalse(SqlStates.isUniqueViolation(new SQLException("null", "23502")), "a missing value holds no key");
        assertFalse(SqlStates.isTransient(wrapped), "a held key is no reason to try again");
        RuntimeException lock = new RuntimeException(new SQLException("lock time-out", "40XL1"));
        assertEquals("40XL1", SqlStates.of(lock));
        assertTrue(SqlStates.isTransient(lock));
        assertFalse(SqlStates.isConstraint(lock), "a deadlock is not a conflict with a record");
        assertTrue(SqlStates.isTransient(new RuntimeException(new SQLException("deadlock", "40P01"))));
        assertTrue(SqlStates.isTransient(new SQLException("connection lost", "08006")));
    }

    @Test
    void aFailureWithoutAnSqlStateHasNone() {
        assertNull(SqlStates.of(new NullPointerException()));
        assertNull(SqlStates.of(new RuntimeException(new SQLException("no state"))));
        assertFalse(SqlStates.isTransient(new NullPointerException()));
        assertFalse(SqlStates.isConstraint(new NullPointerException()));
    }

    @Test
    void aReadLostToADeadlockIsReadAgainAndAnyOtherFailureIsNot() throws Exception {
        int[] reads = {0};
        assertEquals("facts", SqlStates.retryingTransient(3, () -> {
            if (++reads[0] < 3) {
                throw new java.sql.SQLTransactionRollbackException("deadlock", "40001");
            }
            return "facts";
        }));
        assertEquals(3, reads[0]);

        reads[0] = 0;
        SQLException last = org.junit.jupiter.api.Assertions.assertThrows(
                SQLException.class,
                () -> SqlStates.retryingTransient(3, () -> {
                    reads[0]++;
                    throw new SQLException("lock timed out", "40XL1");
                }));
        assertEquals("40XL1", last.getSQLState());
        assertEquals(3, reads[0], "three reads at most");

        reads[0] = 0;
        org.junit.jupiter.api.Assertions.assertThrows(
                SQLException.class,
                () -> SqlStates.retryingTransient(3, () -> {
                    reads[0]++;
                    throw new SQLException("no such table", "42X05");
                }));
        assertEquals(1, reads[0], "a failure of the read itself is not tried again");
    }
}
