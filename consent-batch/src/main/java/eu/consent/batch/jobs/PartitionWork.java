package eu.consent.batch.jobs;

import jakarta.batch.api.partition.PartitionAnalyzer;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;

/**
 * Tells a partition that failed in the batch runtime's bookkeeping from one that failed in its work. On Derby each
 * partition's thread creates its own execution row, whose id comes from the identity generator that gives up at once
 * under contention ({@link Jobs#retryingRollbacks}): twelve partitioned imports uploaded at once failed six of them
 * that way on a development server (2026-12-06), every row unread, the run FAILED with a step, which
 * {@link UnstartedRuns} did not restart until then. A partition's reader marks it when its work begins
 * ({@link #began}: its exit status, which no API shows, only the top-level step's and job's); as the partitioned
 * step's analyzer, this hands the run of a partition that ended FAILED without that mark to {@link UnstartedRuns},
 * which restarts it.
 */
@Named
@Dependent
public class PartitionWork implements PartitionAnalyzer {

    /** A partition's exit status once its work began (kept if the work fails: the runtime only fills an unset one). */
    static final String BEGUN = "WORK_BEGUN";

    @Inject
    JobContext job;

    @Inject
    UnstartedRuns unstarted;

    /**
     * Marks the partition whose reader opens ({@code step} and {@code job}: the contexts of its own thread, which Liberty
     * gives each partition; the analyzer is handed the partition's exit status).
     */
    public static void began(StepContext step, JobContext job) {
        step.setExitStatus(BEGUN);
        job.setExitStatus(BEGUN);
    }

    @Override
    public void analyzeCollectorData(Serializable data) {
        // no collector: only the partitions' ends are analysed
    }

    @Override
    public void analyzeStatus(BatchStatus status, String exitStatus) {
        if (failedBeforeWork(status, exitStatus)) {
            unstarted.partitionFailedBeforeWork(job.getExecutionId());
        } else if (status == BatchStatus.FAILED) {
            unstarted.partitionFailedInWork(job.getExecutionId());
        }
    }

    static boolean failedBeforeWork(BatchStatus status, String exitStatus) {
        return status == BatchStatus.FAILED && !BEGUN.equals(exitStatus);
    }
}
