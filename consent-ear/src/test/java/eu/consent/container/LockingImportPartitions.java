package eu.consent.container;

import jakarta.annotation.Priority;
import jakarta.batch.api.partition.PartitionMapper;
import jakarta.batch.api.partition.PartitionPlan;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.interceptor.Interceptor;
import java.sql.Connection;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.naming.InitialContext;
import javax.sql.DataSource;

/**
 * Test code only: wraps the import's partition mapper of the test archive and, once armed, makes the step executions'
 * identity generator need a new range and holds its row after mapping, so that every partition's thread fails to
 * create its own execution row, before its work begins (as concurrent jobs made it fail on Derby). The row is held
 * until {@link #release()}. Exists only in the archive of {@link ImportRestartIT}.
 */
@Decorator
@Priority(Interceptor.Priority.APPLICATION)
public abstract class LockingImportPartitions implements PartitionMapper {

    private static final AtomicBoolean ARMED = new AtomicBoolean();
    private static volatile CountDownLatch release = new CountDownLatch(0);
    private static volatile CountDownLatch mapped = new CountDownLatch(0);
    private static volatile Future<Integer> holder;

    @Inject
    @Delegate
    @Named("importPartitions")
    PartitionMapper mapper;

    /** The next mapping holds the generator's row until {@link #release()}. */
    static void armOnce() {
        release = new CountDownLatch(1);
        mapped = new CountDownLatch(1);
        ARMED.set(true);
    }

    /**
     * Waits until the armed mapping is done with its DDL: a query about step executions compiled meanwhile may deadlock
     * with it over Derby's catalog (the test's reading of the run was once chosen as the victim).
     */
    static boolean awaitMapped() throws InterruptedException {
        return mapped.await(30, TimeUnit.SECONDS);
    }

    static void release() {
        release.countDown();
    }

    /** How many generator rows the armed mapping held (1), once released. */
    static int held() throws Exception {
        return holder.get(30, TimeUnit.SECONDS);
    }

    @Override
    public PartitionPlan mapPartitions() throws Exception {
        PartitionPlan plan = mapper.mapPartitions();
        if (ARMED.compareAndSet(true, false)) {
            DataSource consent = InitialContext.doLookup("jdbc/consent");
            ManagedExecutorService executor = InitialContext.doLookup("java:comp/DefaultManagedExecutorService");
            CountDownLatch locked = new CountDownLatch(1);
            CountDownLatch until = release;
            // Outside the step's thread: no transaction of the runtime's sees the DDL or the lock.
            holder = executor.submit(() -> {
                try (Connection c = consent.getConnection()) {
                    IdentityGenerators.needNewRange(c, "STEPTHREADEXECUTION");
                }
                return IdentityGenerators.holdRow(consent, "STEPTHREADEXECUTION", locked, until);
            });
            try {
                if (!locked.await(10, TimeUnit.SECONDS)) {
                    holder.get(1, TimeUnit.SECONDS); // the holder's own failure, if it failed
                    throw new IllegalStateException("the generator's row was not locked");
                }
            } finally {
                mapped.countDown();
            }
        }
        return plan;
    }
}
