package eu.consent.container;

import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.inject.Inject;
import java.sql.Connection;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The service's data source reads committed data on every database, as PostgreSQL does by default: the code is written
 * and load-tested for that. Liberty's default on Derby is repeatable read, where every row a transaction has read stays
 * locked until its commit, and readers and writers of the same tables deadlocked (a webhook relay against an erasure).
 */
@ExtendWith(ArquillianExtension.class)
class DataSourceIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.domain("data-source");
    }

    @Inject
    Tx tx;

    @Test
    void theServiceReadsCommittedData() {
        AtomicInteger isolation = new AtomicInteger();
        tx.jdbc(c -> isolation.set(c.getTransactionIsolation()));
        assertEquals(Connection.TRANSACTION_READ_COMMITTED, isolation.get());
    }
}
