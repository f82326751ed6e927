package eu.consent.shared;

import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceException;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Plain JDBC on a persistence context's own connection, in its transaction: for the set statements of hot paths (see
 * {@link KeySets}), which JPA runs slowly. A failure surfaces as JPA's own {@link PersistenceException}, as the
 * statements around it would fail, so the transaction rolls back the same way.
 */
public final class ContextJdbc {

    private ContextJdbc() {}

    /** What runs on the connection. */
    public interface Work {
        void run(Connection c) throws SQLException;
    }

    public static void run(EntityManager em, Work work) {
        try {
            work.run(em.unwrap(Connection.class));
        } catch (SQLException e) {
            throw new PersistenceException(e.getMessage(), e);
        }
    }
}
