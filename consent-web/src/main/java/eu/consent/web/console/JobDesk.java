package eu.consent.web.console;

import eu.consent.web.jobs.JobExecutionView;
import eu.consent.web.jobs.JobResource;
import jakarta.annotation.security.RunAs;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.NoSuchJobException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.JobInstance;
import jakarta.ejb.Stateless;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;

/**
 * The console's window on the batch runtime. The job operator authorizes its caller by the batch roles, and a console
 * request is authenticated by the console's own cookie, not by the container: so these calls run as the admin (the
 * {@code run-as} of the admin role, as the nightly schedule does), and the console pages check the user's role
 * before calling anything that changes a job.
 */
@Stateless
@RunAs("admin")
public class JobDesk {

    /** The latest executions of each known job, newest first, at most {@code perJob} each. */
    public List<JobExecutionView> latest(int perJob) {
        JobOperator operator = BatchRuntime.getJobOperator();
        List<JobExecutionView> runs = new ArrayList<>();
        for (String job : new TreeSet<>(JobResource.JOBS)) {
            runs.addAll(latest(operator, job, perJob));
        }
        return runs;
    }

    private static List<JobExecutionView> latest(JobOperator operator, String job, int count) {
        List<JobExecutionView> runs = new ArrayList<>();
        try {
            for (JobInstance instance : operator.getJobInstances(job, 0, count)) {
                for (JobExecution e : operator.getJobExecutions(instance)) {
                    runs.add(JobExecutionView.of(e, operator.getStepExecutions(e.getExecutionId())));
                }
            }
        } catch (NoSuchJobException e) {
            return List.of();
        }
        runs.sort(Comparator.comparingLong(JobExecutionView::executionId).reversed());
        return runs.size() > count ? runs.subList(0, count) : runs;
    }

    public JobExecutionView execution(long id) {
        JobOperator operator = BatchRuntime.getJobOperator();
        return JobExecutionView.of(operator.getJobExecution(id), operator.getStepExecutions(id));
    }

    public long start(String job) {
        if (!JobResource.JOBS.contains(job)) {
            throw new IllegalArgumentException("not a job of this service: " + job);
        }
        return BatchRuntime.getJobOperator().start(job, new Properties());
    }

    public void stop(long id) {
        BatchRuntime.getJobOperator().stop(id);
    }

    public long restart(long id) {
        JobOperator operator = BatchRuntime.getJobOperator();
        Properties previous = operator.getParameters(id);
        return operator.restart(id, previous == null ? new Properties() : previous);
    }

    /** Starts the contact-import job for an accepted upload; returns the execution. */
    public long startImport(java.util.UUID importId) {
        Properties parameters = new Properties();
        parameters.setProperty("importId", importId.toString());
        return BatchRuntime.getJobOperator().start("contact-import", parameters);
    }

    /** The latest execution of the job instance that {@code firstExecution} began, or null. */
    public JobExecutionView latestOf(long firstExecution) {
        JobOperator operator = BatchRuntime.getJobOperator();
        JobInstance instance = operator.getJobInstance(firstExecution);
        if (instance == null) {
            return null;
        }
        return operator.getJobExecutions(instance).stream()
                .max(Comparator.comparingLong(JobExecution::getExecutionId))
                .map(e -> JobExecutionView.of(e, operator.getStepExecutions(e.getExecutionId())))
                .orElse(null);
    }
}
