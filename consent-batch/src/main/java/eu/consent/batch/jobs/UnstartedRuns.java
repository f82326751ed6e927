package eu.consent.batch.jobs;

import eu.consent.operations.JobOutcomes;
import jakarta.annotation.Resource;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.JobInstance;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Runs that failed before their first step, restarted by the service itself. The batch runtime creates a step's
 * execution in the job's own thread, after the start has answered, in a job repository transaction of its own; on Derby
 * that row's id comes from an identity generator that gives up at once when another transaction holds its catalog row
 * (see {@link Jobs#retryingRollbacks}), and the run ended FAILED with no step and nothing done: two of four snapshot
 * resyncs started at once on a fresh test server (2026-12-06), one in two bursts of {@code JobBurstIT}. No step of
 * ours can fail before it has an execution, so a run without one failed in the runtime's bookkeeping, not in its work:
 * it is restarted (from its first step, with its own parameters) once the runtime has marked it FAILED, at most
 * {@link #AUTOMATIC_RESTARTS} times for one job instance, and only a run past that limit, or whose restart fails, is
 * reported as failed. Who started it follows it through {@link #follow} to the run that does the work. The same holds
 * of a run whose partitioned step failed because one of its partitions failed before its work began (the partition's
 * own execution row, {@link PartitionWork}), and of a run that failed with no step failed (between two steps): the
 * restart resumes each partition and step from its own checkpoint, as an operator's would.
 */
@ApplicationScoped
public class UnstartedRuns {

    /** Jobs, which uses this class: looked up when a failure is reported, not at creation. */
    @Inject
    Instance<Jobs> jobs;

    /** How many runs of one job instance that failed before their first step are restarted automatically. */
    static final int AUTOMATIC_RESTARTS = 3;

    /** How long a start waits for its run to have a step (or to end), in milliseconds. */
    static final long FOLLOW_MILLIS = 30_000;

    private static final Logger LOG = Logger.getLogger(UnstartedRuns.class.getName());

    /** Runs one of whose partitions failed before its work began, until the job listener takes them over. */
    private final Set<Long> partitionsUnbegun = ConcurrentHashMap.newKeySet();

    /** Runs one of whose partitions failed in its work: a genuine failure, whatever the other partitions did. */
    private final Set<Long> partitionsFailedInWork = ConcurrentHashMap.newKeySet();

    /** Runs whose restart was submitted and has not yet been asked of the runtime. */
    private final Set<Long> restarting = ConcurrentHashMap.newKeySet();

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ManagedExecutorService executor;

    @Inject
    JobOutcomes outcomes;

    /** A partition of {@code executionId} ended FAILED before its work began ({@link PartitionWork}). */
    void partitionFailedBeforeWork(long executionId) {
        partitionsUnbegun.add(executionId);
    }

    /** A partition of {@code executionId} ended FAILED in its work ({@link PartitionWork}). */
    void partitionFailedInWork(long executionId) {
        partitionsFailedInWork.add(executionId);
    }

    /**
     * Takes over a run that the runtime is ending FAILED (the job listener's {@code afterJob}): when it failed in the
     * runtime's bookkeeping (no step of it failed, or a partition failed before its work began) and its instance has
     * restarts left, restarts it in the background and answers true (the failure is not to be reported); otherwise
     * answers false.
     */
    public boolean restartIfUnstarted(String jobName, long executionId) {
        JobOperator operator = operator();
        // Both marks are taken: a partition that failed in its work makes the run's failure genuine, whatever another
        // partition's (the reviewer's point 6: an early bookkeeping failure hid it behind up to three restarts).
        boolean inWork = partitionsFailedInWork.remove(executionId);
        boolean unbegun = partitionsUnbegun.remove(executionId) && !inWork;
        if (inWork || !unbegun && !noStepFailed(operator, executionId)) {
            return false;
        }
        long earlier = failures(operator, executionId).stream()
                .filter(id -> id != executionId)
                .count();
        if (earlier >= AUTOMATIC_RESTARTS) {
            LOG.warning(jobName + " run " + executionId + " failed in the batch runtime's bookkeeping, after " + earlier
                    + " failed runs of the same work: no automatic restart left");
            return false;
        }
        restarting.add(executionId);
        try {
            executor.submit(() -> restartOnceFailed(jobName, executionId, unbegun));
        } catch (RuntimeException refused) {
            // The server is stopping, or the executor full: the failure is reported as any other (point 3).
            restarting.remove(executionId);
            LOG.log(Level.WARNING, jobName + " run " + executionId + " could not be restarted", refused);
            return false;
        }
        return true;
    }

    /**
     * Waits (a few seconds at most) while the service is restarting {@code executionId}, so that who reads the latest
     * run of its work next reads the restart rather than the failure the service is mending.
     */
    public void awaitRestart(long executionId) {
        long deadline = System.currentTimeMillis() + 5_000;
        while (restarting.contains(executionId) && System.currentTimeMillis() < deadline) {
            pause(10);
        }
    }

    private static boolean noStepFailed(JobOperator operator, long executionId) {
        return operator.getStepExecutions(executionId).stream()
                .noneMatch(s -> s.getBatchStatus() == BatchStatus.FAILED);
    }

    /**
     * The run that does the work {@code executionId} began: the latest of its job instance once it has a step or has
     * ended otherwise than FAILED before its first step with a restart to come; the latest so far after
     * {@link #FOLLOW_MILLIS}.
     */
    long follow(long executionId) {
        JobOperator operator = operator();
        long deadline = System.currentTimeMillis() + FOLLOW_MILLIS;
        for (int round = 0; ; round++) {
            Optional<JobExecution> latest = latest(operator, executionId);
            if (latest.isEmpty()) {
                return executionId;
            }
            JobExecution run = latest.get();
            if (settled(operator, run) || System.currentTimeMillis() > deadline) {
                return run.getExecutionId();
            }
            // Backing off to a quarter of a second, with a little jitter: eight starts at once on Derby, each
            // following its run every 50 ms, kept the runs themselves from starting until the followers gave up 30 s
            // later (JobBurstIT, 2026-12-06: created at 22:57:37, started at 22:58:05 all together, one upload's
            // connection dropped). The repository's readers and the runs' own first writes share its rows.
            pause(Math.min(250, 10 << Math.min(round, 5))
                    + java.util.concurrent.ThreadLocalRandom.current().nextInt(25));
        }
    }

    private boolean settled(JobOperator operator, JobExecution run) {
        BatchStatus status = run.getBatchStatus();
        boolean stepped = !operator.getStepExecutions(run.getExecutionId()).isEmpty();
        return settled(
                status,
                stepped,
                status == BatchStatus.FAILED && !stepped
                        ? failures(operator, run.getExecutionId()).size()
                        : 0);
    }

    /**
     * Whether the latest run of a piece of work is the one that does it: it has a step, or it ended otherwise than
     * FAILED before its first step with a restart to come ({@code failures}: the instance's runs that failed, this one
     * included).
     */
    static boolean settled(BatchStatus status, boolean stepped, int failures) {
        if (stepped) {
            return true;
        }
        return switch (status) {
            case STARTING, STARTED -> false;
            case FAILED -> failures > AUTOMATIC_RESTARTS;
            default -> true;
        };
    }

    /** Restarts the run once the runtime has recorded its end; reports it failed when it cannot. */
    private void restartOnceFailed(String jobName, long executionId, boolean unbegun) {
        JobOperator operator = operator();
        try {
            long deadline = System.currentTimeMillis() + FOLLOW_MILLIS;
            while (!ended(operator.getJobExecution(executionId))) {
                if (System.currentTimeMillis() > deadline) {
                    throw new IllegalStateException("the run was never marked FAILED");
                }
                pause(20);
            }
            Properties parameters = operator.getParameters(executionId);
            long restarted = Jobs.retryingRollbacks(
                    () -> operator.restart(executionId, parameters == null ? new Properties() : parameters),
                    UnstartedRuns::pause);
            String why = unbegun
                    ? "a partition failed before its work began"
                    : operator.getStepExecutions(executionId).isEmpty()
                            ? "failed before its first step"
                            : "failed between two steps";
            outcomes.restartedAutomatically(jobName, restarted, executionId, why);
            LOG.warning(jobName + " run " + executionId + ": " + why + " (its job repository transaction rolled back);"
                    + " restarted as run " + restarted);
        } catch (RuntimeException e) {
            if (restartedElsewhere(operator, executionId)) {
                // An operator (on this server or another of the cluster) restarted it first: the work goes on.
                LOG.info(jobName + " run " + executionId + " was restarted by an operator before the service did");
                return;
            }
            LOG.log(
                    Level.WARNING,
                    jobName + " run " + executionId + " failed in the batch runtime's bookkeeping and could not be"
                            + " restarted",
                    e);
            outcomes.failed(jobName, executionId, jobs.get().failureReport(executionId, "FAILED"));
        } finally {
            restarting.remove(executionId);
        }
    }

    /** Whether a later run of the same work exists (a restart someone else made). */
    private static boolean restartedElsewhere(JobOperator operator, long executionId) {
        try {
            return latest(operator, executionId)
                    .map(JobExecution::getExecutionId)
                    .filter(id -> id > executionId)
                    .isPresent();
        } catch (RuntimeException unreadable) {
            return false;
        }
    }

    private static boolean ended(JobExecution run) {
        return run.getBatchStatus() == BatchStatus.FAILED && run.getEndTime() != null;
    }

    /**
     * The runs of the instance {@code executionId} belongs to that ended FAILED, for whatever reason: which of them
     * failed in the bookkeeping is not kept, so every failure counts against the automatic restarts.
     */
    private static List<Long> failures(JobOperator operator, long executionId) {
        JobInstance instance = operator.getJobInstance(executionId);
        return operator.getJobExecutions(instance).stream()
                .filter(e -> e.getBatchStatus() == BatchStatus.FAILED)
                .map(JobExecution::getExecutionId)
                .toList();
    }

    private static Optional<JobExecution> latest(JobOperator operator, long executionId) {
        JobInstance instance = operator.getJobInstance(executionId);
        if (instance == null) {
            return Optional.empty();
        }
        return operator.getJobExecutions(instance).stream().max(Comparator.comparingLong(JobExecution::getExecutionId));
    }

    private static void pause(int millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while following a job run", e);
        }
    }

    private static JobOperator operator() {
        return BatchRuntime.getJobOperator();
    }
}
