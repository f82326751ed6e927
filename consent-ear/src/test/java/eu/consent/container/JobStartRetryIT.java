package eu.consent.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.consent.batch.jobs.Job;
import eu.consent.batch.jobs.Jobs;
import jakarta.batch.runtime.JobExecution;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.naming.InitialContext;
import javax.sql.DataSource;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A job start that meets a locked identity generator on Derby is tried again, not lost. Derby gives each new job
 * instance and execution its id from an identity generator, which now and then writes a new range of ids to its row of
 * {@code SYS.SYSSEQUENCES} in a nested transaction that does not wait: when another transaction holds that row, the
 * insert fails at once ("A lock could not be obtained"), the repository's transaction rolls back, and the start used
 * to answer 500 (an upload, once in a whole test run). Here another transaction holds every generator's row, and the
 * generators are made to need a new range, while the service starts a job: the first attempt must fail, the lock is
 * released when the service says it tries again, and the start must then succeed.
 */
@ExtendWith(ArquillianExtension.class)
class JobStartRetryIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.batch("job-start-retry");
    }

    @Inject
    Batch batch;

    @Inject
    Tx tx;

    @Test
    void aStartRolledBackByALockedIdentityGeneratorIsTriedAgainAndSucceeds() throws Exception {
        String[] product = new String[1];
        tx.jdbc(c -> product[0] = c.getMetaData().getDatabaseProductName());
        Assumptions.assumeTrue(
                product[0].contains("Derby"), "PostgreSQL's sequences never refuse a value: the conflict is Derby's");
        // Liberty creates the repository's tables at the server's first job: make sure they exist.
        batch.awaitEnd(batch.start(Job.AUDIT_VERIFY.xmlName(), new Properties()));
        needNewIdRanges();
        DataSource consent = InitialContext.doLookup("jdbc/consent");

        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ManagedExecutorService executor = InitialContext.doLookup("java:comp/DefaultManagedExecutorService");
        Future<Integer> holder = executor.submit(() -> IdentityGenerators.holdRows(consent, locked, release));
        assertTrue(locked.await(10, TimeUnit.SECONDS), "the generators' rows were not locked");

        List<String> retries = new CopyOnWriteArrayList<>();
        Logger log = Logger.getLogger(Jobs.class.getName());
        Handler onRetry = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel() == Level.WARNING && record.getMessage().contains("rolled back")) {
                    retries.add(record.getMessage());
                    release.countDown();
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        log.addHandler(onRetry);
        long execution;
        try {
            execution = batch.startAsTheService(Job.AUDIT_VERIFY, new Properties());
        } finally {
            log.removeHandler(onRetry);
            release.countDown();
        }

        assertTrue(holder.get(10, TimeUnit.SECONDS) > 0, "the holder read the generators' rows");
        assertFalse(retries.isEmpty(), "the start never met the locked generator: the test proved nothing");
        assertTrue(retries.get(0).contains("attempt 1 of 5"), retries.get(0));
        JobExecution ended = batch.awaitEnd(execution);
        assertEquals("audit-verify", ended.getJobName());
    }

    /**
     * Restarts the identity of the job repository's execution table at the next unused value: DDL empties Derby's cache
     * of preallocated ids, so the next instance or execution must write a new range to the generator's row.
     */
    private void needNewIdRanges() {
        tx.jdbc(c -> IdentityGenerators.needNewRange(c, "JOBEXECUTION"));
    }
}
