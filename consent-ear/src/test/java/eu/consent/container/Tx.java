package eu.consent.container;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;

/** Runs a piece of a test in one transaction of its own, on the persistence unit of the domain module. */
@ApplicationScoped
@Transactional
public class Tx {

    @PersistenceContext(unitName = "consent")
    EntityManager em;

    /** Plain JDBC work on the service's data source, in the transaction, as the bulk writers do it. */
    public interface Jdbc {
        void run(Connection c) throws SQLException;
    }

    @Resource(lookup = "jdbc/consent")
    DataSource dataSource;

    public void jdbc(Jdbc work) {
        try (Connection c = dataSource.getConnection()) {
            work.run(c);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public <T> T call(Function<EntityManager, T> work) {
        return work.apply(em);
    }

    public void run(Consumer<EntityManager> work) {
        work.accept(em);
    }
}
