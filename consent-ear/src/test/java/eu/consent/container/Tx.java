package eu.consent.container;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.function.Consumer;
import java.util.function.Function;

/** Runs a piece of a test in one transaction of its own, on the persistence unit of the domain module. */
@ApplicationScoped
@Transactional
public class Tx {

    @PersistenceContext(unitName = "consent")
    EntityManager em;

    public <T> T call(Function<EntityManager, T> work) {
        return work.apply(em);
    }

    public void run(Consumer<EntityManager> work) {
        work.accept(em);
    }
}
