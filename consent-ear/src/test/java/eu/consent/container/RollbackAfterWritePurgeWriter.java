package eu.consent.container;

import jakarta.annotation.Priority;
import jakarta.batch.api.chunk.ItemWriter;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.interceptor.Interceptor;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javax.naming.InitialContext;

/**
 * Test code only: wraps the purge's chunk writer of the test archive and, once armed, lets the chunk that holds one
 * contact write everything, then rolls its transaction back at the commit, after the persistence units flushed (the
 * job repository's checkpoint among them) and before the database commits: the window a kill -9 between the
 * checkpoint and the commit hits. Production code carries no such hook; this decorator exists only in the archive of
 * {@link CheckpointAtomicityIT}.
 */
@Decorator
@Priority(Interceptor.Priority.APPLICATION)
public abstract class RollbackAfterWritePurgeWriter implements ItemWriter {

    private static final AtomicReference<String> DOOMED = new AtomicReference<>();

    @Inject
    @Delegate
    @Named("purgeWriter")
    ItemWriter writer;

    /** The next chunk that holds {@code contactId} is rolled back after its writes, once. */
    static void rollBackOnceAfterWriting(String contactId) {
        DOOMED.set(contactId);
    }

    @Override
    public void writeItems(List<Object> items) throws Exception {
        writer.writeItems(items);
        String doomed = DOOMED.get();
        if (doomed != null && items.contains(doomed) && DOOMED.compareAndSet(doomed, null)) {
            TransactionSynchronizationRegistry registry =
                    InitialContext.doLookup("java:comp/TransactionSynchronizationRegistry");
            // Interposed: called after the persistence units have flushed at the commit, the job repository's
            // checkpoint included, and before the database commits.
            registry.registerInterposedSynchronization(new Synchronization() {
                @Override
                public void beforeCompletion() {
                    registry.setRollbackOnly();
                }

                @Override
                public void afterCompletion(int status) {}
            });
        }
    }
}
