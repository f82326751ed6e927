package eu.consent.container;

import eu.consent.batch.jobs.Job;
import eu.consent.batch.jobs.Jobs;
import jakarta.annotation.security.DeclareRoles;
import jakarta.annotation.security.RunAs;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.Metric;
import jakarta.batch.runtime.StepExecution;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Operates jobs through the {@link JobOperator} as the admin user (the run-as binding of
 * src/test/liberty/arquillian-application-bnd.xml): Liberty authorizes every call, and the tests run unauthenticated.
 */
@Stateless
@RunAs("admin")
@DeclareRoles("admin")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class Batch {

    private static final long TIMEOUT_MILLIS = 60_000;

    @Inject
    Jobs jobs;

    public long start(String job, Properties parameters) {
        return operator().start(job, parameters);
    }

    /** Starts the job as the service does it (the API, uploads and the nightly timers all go through {@link Jobs}). */
    public long startAsTheService(Job job, Properties parameters) {
        return jobs.start(job, parameters);
    }

    /** Restarts with the parameters of the execution it restarts. */
    public long restart(long execution) {
        return operator().restart(execution, operator().getParameters(execution));
    }

    public void stop(long execution) {
        operator().stop(execution);
    }

    /** Waits for the execution to end (COMPLETED, FAILED, STOPPED or ABANDONED) and returns it. */
    public JobExecution awaitEnd(long execution) throws InterruptedException {
        long deadline = System.currentTimeMillis() + TIMEOUT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            JobExecution e = operator().getJobExecution(execution);
            BatchStatus status = e.getBatchStatus();
            if (status != BatchStatus.STARTING && status != BatchStatus.STARTED && status != BatchStatus.STOPPING) {
                return e;
            }
            Thread.sleep(50);
        }
        throw new AssertionError("execution " + execution + " did not end in " + TIMEOUT_MILLIS + " ms");
    }

    /** The latest run of the work {@code firstExecution} began, as the service reads it for an import's progress. */
    public JobExecution latestAsTheService(long firstExecution) {
        return jobs.latest(firstExecution).orElseThrow();
    }

    /** Every execution of the job instance {@code execution} belongs to, oldest first. */
    public List<JobExecution> runsOf(long execution) {
        return operator().getJobExecutions(operator().getJobInstance(execution)).stream()
                .sorted(Comparator.comparingLong(JobExecution::getExecutionId))
                .toList();
    }

    /** The steps the execution ran (none when it failed before its first). */
    public List<StepExecution> steps(long execution) {
        return operator().getStepExecutions(execution);
    }

    /** The step's execution within the job execution. */
    public StepExecution step(long execution, String step) {
        return operator().getStepExecutions(execution).stream()
                .filter(s -> s.getStepName().equals(step))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no step " + step + " in execution " + execution));
    }

    /** The step's metrics, as counted by the batch runtime. */
    public StepMetrics metrics(long execution, String step) {
        Map<Metric.MetricType, Long> metrics = new EnumMap<>(Metric.MetricType.class);
        for (Metric m : step(execution, step).getMetrics()) {
            metrics.put(m.getType(), m.getValue());
        }
        return StepMetrics.of(metrics);
    }

    private static JobOperator operator() {
        return BatchRuntime.getJobOperator();
    }
}
