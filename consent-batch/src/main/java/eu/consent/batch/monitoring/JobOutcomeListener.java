package eu.consent.batch.monitoring;

import eu.consent.operations.JobOutcomes;
import jakarta.batch.api.listener.AbstractJobListener;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.logging.Level;
import java.util.logging.Logger;

/** Reports a failed run, whichever step failed: the job's status is final by the time this listener runs. */
@Named
@Dependent
public class JobOutcomeListener extends AbstractJobListener {

    private static final Logger LOG = Logger.getLogger(JobOutcomeListener.class.getName());

    @Inject
    JobContext job;

    @Inject
    JobOutcomes outcomes;

    @Override
    public void afterJob() {
        if (job.getBatchStatus() != BatchStatus.FAILED) {
            return;
        }
        try {
            outcomes.failed(job.getJobName(), job.getExecutionId(), job.getExitStatus());
        } catch (RuntimeException e) {
            // The run has failed already; a failure to report it must not hide the first one.
            LOG.log(Level.WARNING, "could not record the failure of " + job.getJobName(), e);
        }
    }
}
