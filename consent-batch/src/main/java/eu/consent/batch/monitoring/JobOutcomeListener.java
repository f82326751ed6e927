package eu.consent.batch.monitoring;

import eu.consent.batch.jobs.Jobs;
import eu.consent.batch.jobs.UnstartedRuns;
import eu.consent.operations.JobOutcomes;
import eu.consent.operations.ServiceMetrics;
import jakarta.batch.api.listener.AbstractJobListener;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Duration;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Counts every run and its duration, and reports a failed run whichever step failed: the job's status is final by the
 * time this listener runs. A run that failed before its first step is restarted instead ({@link UnstartedRuns}) and
 * neither counted nor reported: its restart is.
 */
@Named
@Dependent
public class JobOutcomeListener extends AbstractJobListener {

    private static final Logger LOG = Logger.getLogger(JobOutcomeListener.class.getName());

    @Inject
    JobContext job;

    @Inject
    JobOutcomes outcomes;

    @Inject
    ServiceMetrics metrics;

    @Inject
    UnstartedRuns unstarted;

    @Inject
    Jobs jobs;

    private long started;

    @Override
    public void beforeJob() {
        started = System.nanoTime();
    }

    @Override
    public void afterJob() {
        BatchStatus status = job.getBatchStatus();
        if (status == BatchStatus.FAILED && restarted()) {
            return;
        }
        metrics.jobEnded(job.getJobName(), outcome(status), Duration.ofNanos(System.nanoTime() - started));
        if (status != BatchStatus.FAILED) {
            return;
        }
        try {
            outcomes.failed(
                    job.getJobName(),
                    job.getExecutionId(),
                    jobs.failureReport(job.getExecutionId(), job.getExitStatus()));
        } catch (RuntimeException e) {
            // The run has failed already; a failure to report it must not hide the first one.
            LOG.log(Level.WARNING, "could not record the failure of " + job.getJobName(), e);
        }
    }

    private boolean restarted() {
        try {
            return unstarted.restartIfUnstarted(job.getJobName(), job.getExecutionId());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not tell whether " + job.getJobName() + " failed before its first step", e);
            return false;
        }
    }

    /** A run that did not fail or stop completed: its status still reads STARTED while the listeners run. */
    private static String outcome(BatchStatus status) {
        return switch (status) {
            case FAILED -> "FAILED";
            case STOPPING, STOPPED -> "STOPPED";
            default -> "COMPLETED";
        };
    }
}
