package eu.consent.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.consent.batch.jobs.Job;
import eu.consent.batch.jobs.Jobs;
import eu.consent.batch.jobs.UnstartedRuns;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Properties;
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
 * A run that fails before its first step is restarted by the service, and its starter is answered the run that does
 * the work. The batch runtime creates the first step's execution in the job's own thread, after the start has returned;
 * on Derby its id comes from an identity generator that fails at once when another transaction holds its catalog row.
 * Here another transaction holds the step executions' generator's row, and that generator is made to need a new
 * range, while the service starts a job: its first run must fail before its first step; the lock goes when the
 * service restarts that run, and the start must answer a run that completes, with no failure reported. Without the restart the start answered the run that failed, and its failure was audited and sent as the
 * {@code job.failed} webhook.
 */
@ExtendWith(ArquillianExtension.class)
class UnstartedRunIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.batch("unstarted-run");
    }

    @Inject
    Batch batch;

    @Inject
    Tx tx;

    @Test
    void aRunThatFailedBeforeItsFirstStepIsRestartedAndItsStarterGivenTheRestart() throws Exception {
        String[] product = new String[1];
        tx.jdbc(c -> product[0] = c.getMetaData().getDatabaseProductName());
        Assumptions.assumeTrue(
                product[0].contains("Derby"), "PostgreSQL's sequences never refuse a value: the conflict is Derby's");
        // Liberty creates the repository's tables at the server's first job: make sure they exist.
        batch.awaitEnd(batch.start(Job.AUDIT_VERIFY.xmlName(), new Properties()));
        tx.jdbc(c -> IdentityGenerators.needNewRange(c, "STEPTHREADEXECUTION"));
        DataSource consent = InitialContext.doLookup("jdbc/consent");

        CountDownLatch locked = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ManagedExecutorService executor = InitialContext.doLookup("java:comp/DefaultManagedExecutorService");
        Future<Integer> holder =
                executor.submit(() -> IdentityGenerators.holdRow(consent, "STEPTHREADEXECUTION", locked, release));
        if (!locked.await(10, TimeUnit.SECONDS)) {
            holder.get(1, TimeUnit.SECONDS); // the holder's own failure, if it failed
            throw new AssertionError("the generator's row was not locked");
        }

        Handler onRecovery = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel() == Level.WARNING) {
                    release.countDown();
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        List<Logger> loggers =
                List.of(Logger.getLogger(UnstartedRuns.class.getName()), Logger.getLogger(Jobs.class.getName()));
        loggers.forEach(log -> log.addHandler(onRecovery));
        long execution;
        JobExecution ended;
        try {
            execution = batch.startAsTheService(Job.AUDIT_VERIFY, new Properties());
            ended = batch.awaitEnd(execution);
        } finally {
            loggers.forEach(log -> log.removeHandler(onRecovery));
            release.countDown();
        }
        assertEquals(1, holder.get(10, TimeUnit.SECONDS), "the generator's row was held");

        assertEquals(BatchStatus.COMPLETED, ended.getBatchStatus(), "the run the start answered");
        assertFalse(batch.steps(execution).isEmpty(), "the run the start answered has its step");
        List<JobExecution> runs = batch.runsOf(execution);
        assertEquals(execution, runs.get(runs.size() - 1).getExecutionId(), "the latest run of the work is answered");
        List<JobExecution> failed = runs.subList(0, runs.size() - 1);
        assertFalse(failed.isEmpty(), "no run failed before its first step: the test proved nothing");
        for (JobExecution run : failed) {
            assertEquals(BatchStatus.FAILED, run.getBatchStatus(), "run " + run.getExecutionId());
            assertTrue(batch.steps(run.getExecutionId()).isEmpty(), "run " + run.getExecutionId() + " had a step");
            assertEquals(0, reportedFailures(run.getExecutionId()), "run " + run.getExecutionId() + " was reported");
        }
        // Each restart is in the proof, marked as the service's own.
        String restart = restartEntry(failed.get(failed.size() - 1).getExecutionId());
        assertTrue(restart.contains("\"executionId\":" + execution + ","), restart);
        assertTrue(restart.contains("\"automatic\":true"), restart);
    }

    /** The details of the JOB_RESTARTED entry of a restart of {@code restartOf} (fails when there is none). */
    private String restartEntry(long restartOf) {
        return detailsOf("JOB_RESTARTED").stream()
                .filter(details -> details.contains("\"restartOf\":" + restartOf + ","))
                .reduce((first, second) -> second)
                .orElseThrow(() -> new AssertionError("no JOB_RESTARTED entry for the restart of run " + restartOf));
    }

    /** The JOB_FAILED audit entries (each also a job.failed webhook) of one execution. */
    private int reportedFailures(long execution) {
        return (int) detailsOf("JOB_FAILED").stream()
                .filter(details -> details.contains("\"executionId\":" + execution + ","))
                .count();
    }

    /** The details of the audit entries of one action about this test's job. */
    private List<String> detailsOf(String action) {
        List<String> found = new java.util.ArrayList<>();
        tx.jdbc(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT details FROM audit_entry WHERE action = ?"
                    + " AND subject_type = 'job' AND subject_id = 'audit-verify'")) {
                s.setString(1, action);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        found.add(r.getString(1));
                    }
                }
            }
        });
        return found;
    }
}
