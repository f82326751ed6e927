package eu.consent.web.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.sql.SQLException;
import java.sql.SQLIntegrityConstraintViolationException;
import org.junit.jupiter.api.Test;

class UnexpectedExceptionMapperTest {

    @Test
    void findsTheSqlStateUnderTheWrappersOfThePersistenceLayerAndTheTransaction() {
        SQLException duplicate = new SQLIntegrityConstraintViolationException("duplicate key", "23505");
        RuntimeException wrapped = new IllegalStateException("rolled back", new RuntimeException("flush", duplicate));
        assertEquals("23505", UnexpectedExceptionMapper.sqlState(wrapped));
        assertEquals(
                "40XL1",
                UnexpectedExceptionMapper.sqlState(new RuntimeException(new SQLException("lock time-out", "40XL1"))));
    }

    @Test
    void aFailureWithoutAnSqlStateHasNone() {
        assertNull(UnexpectedExceptionMapper.sqlState(new NullPointerException()));
        assertNull(UnexpectedExceptionMapper.sqlState(new RuntimeException(new SQLException("no state"))));
    }
}
