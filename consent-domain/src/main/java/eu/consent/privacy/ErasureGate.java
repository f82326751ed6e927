package eu.consent.privacy;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.concurrent.Semaphore;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Lets one erasure transaction at a time delete contacts on Derby, until it ends. Deleting a contact cascades to small
 * tables (activity, preferences, sends, the re-permission list) that Derby's optimizer scans whole, taking a table lock:
 * two erasures at once (two partitions of the purge, or a purge and an erasure request) then deadlock. Derby is
 * embedded, so one JVM holds the database and a lock in memory is enough. PostgreSQL locks rows only: no gate there.
 */
@ApplicationScoped
public class ErasureGate {

    private static final Object HELD = ErasureGate.class;

    @Inject
    @ConfigProperty(name = "consent.db.type", defaultValue = "derby")
    String databaseType;

    @Resource
    TransactionSynchronizationRegistry transactions;

    private final Semaphore permit = new Semaphore(1, true);

    /** Waits for the gate, then holds it until the caller's transaction commits or rolls back. */
    void enter() {
        if (!"derby".equals(databaseType) || transactions.getResource(HELD) != null) {
            return;
        }
        permit.acquireUninterruptibly();
        try {
            transactions.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                    // the deletes are still to be committed: keep the gate
                }

                @Override
                public void afterCompletion(int status) {
                    permit.release();
                }
            });
            transactions.putResource(HELD, Boolean.TRUE);
        } catch (RuntimeException e) {
            permit.release();
            throw e;
        }
    }
}
