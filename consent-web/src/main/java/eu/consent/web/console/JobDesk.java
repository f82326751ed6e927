package eu.consent.web.console;

import eu.consent.batch.jobs.Job;
import eu.consent.batch.jobs.Jobs;
import eu.consent.imports.Imports;
import eu.consent.web.jobs.JobExecutionView;
import jakarta.annotation.security.RunAs;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The console's identity towards the batch runtime, and nothing more: the job operator authorizes its caller by the
 * batch roles, and a console request is authenticated by the console's own cookie, not by the container, so these
 * calls run as the admin (the {@code run-as} of the admin role, as the nightly schedule does). What a job is and how it
 * starts and restarts is {@link Jobs}'s, the same component the API uses; the console pages check the user's role
 * before calling anything that changes a job. No transaction of its own: an import's commits must follow each other
 * (see {@link Jobs#startImport}).
 */
@Stateless
@RunAs("admin")
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class JobDesk {

    @Inject
    Jobs jobs;

    /** The latest executions of each job an operator may start, newest first, of at most {@code perJob} runs each. */
    public List<JobExecutionView> latest(int perJob) {
        List<JobExecutionView> runs = new ArrayList<>();
        for (Job job : Job.values()) {
            if (job.operable()) {
                jobs.recent(job, perJob).stream()
                        .limit(perJob)
                        .map(r -> JobExecutionView.of(r.job(), r.steps()))
                        .forEach(runs::add);
            }
        }
        return runs;
    }

    public long start(String job) {
        return jobs.startAsked(
                Job.operable(job).orElseThrow(() -> new IllegalArgumentException("not a job of this service: " + job)),
                new Properties());
    }

    public void stop(long id) {
        jobs.stop(id);
    }

    public long restart(long id) {
        return jobs.restart(id);
    }

    /** Starts the contact-import job for an accepted upload and records it on the import; returns the execution. */
    public long startImport(Imports.Accepted accepted) {
        return jobs.startImport(accepted, null).execution();
    }

    /** The latest execution of the job instance that {@code firstExecution} began; empty before the job has one. */
    public Optional<JobExecutionView> latestOf(long firstExecution) {
        return jobs.latest(firstExecution).map(e -> {
            Jobs.Execution run = jobs.execution(e.getExecutionId());
            return JobExecutionView.of(run.job(), run.steps());
        });
    }
}
