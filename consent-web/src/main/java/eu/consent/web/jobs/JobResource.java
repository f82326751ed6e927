package eu.consent.web.jobs;

import eu.consent.shared.ConflictException;
import eu.consent.shared.NotFoundException;
import eu.consent.web.Roles;
import eu.consent.web.idempotency.Idempotent;
import jakarta.annotation.security.RolesAllowed;
import jakarta.batch.operations.JobExecutionAlreadyCompleteException;
import jakarta.batch.operations.JobExecutionNotRunningException;
import jakarta.batch.operations.JobOperator;
import jakarta.batch.operations.JobRestartException;
import jakarta.batch.operations.JobSecurityException;
import jakarta.batch.operations.JobStartException;
import jakarta.batch.operations.NoSuchJobExecutionException;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.JobExecution;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Operates the batch jobs; the job repository lives in the database, so executions survive a restart. */
@Path("api/v1/jobs")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Batch jobs")
public class JobResource {

    /** The jobs of consent-batch that may be started over REST. */
    public static final Set<String> JOBS =
            Set.of("audit-verify", "retention-purge", "reactivation-flag", "pending-expiry", "suppression-resync");

    /** The jobs that an integration's request starts (an upload), whose progress it may follow. */
    static final Set<String> INTEGRATION_JOBS = Set.of("contact-import", "suppression-resync");

    @Inject
    NightlySchedule schedule;

    @GET
    @Path("schedule")
    @Operation(summary = "The nightly schedule: each job's cron expression (UTC) and next run")
    public List<NightlySchedule.Scheduled> schedule() {
        return schedule.scheduled();
    }

    @POST
    @Idempotent
    @Path("{jobName}")
    @Operation(summary = "Start a job; query parameters become job parameters")
    public Response start(@PathParam("jobName") String jobName, @Context UriInfo uri) {
        if (!JOBS.contains(jobName)) {
            throw new NotFoundException("job", jobName);
        }
        Properties parameters = JobParameters.of(jobName, uri.getQueryParameters());
        long id = operator().start(jobName, parameters);
        return Response.accepted(Json.createObjectBuilder()
                        .add("executionId", id)
                        .build()
                        .toString())
                .location(uri.getBaseUriBuilder()
                        .path("api/v1/jobs/executions/{id}")
                        .build(id))
                .build();
    }

    /**
     * Integrations follow the jobs their own requests start (an import, the resync of an uploaded snapshot); the
     * executions of other jobs are not theirs to see and answer 404, as an unknown id would.
     */
    @GET
    @Path("executions/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.INTEGRATION})
    @Operation(summary = "Status, times and per-step metrics of an execution (integration: imports and resyncs)")
    public JobExecutionView execution(@PathParam("id") String id, @Context SecurityContext caller) {
        long executionId = executionId(id);
        try {
            JobExecution execution = operator().getJobExecution(executionId);
            if (!caller.isUserInRole(Roles.ADMIN) && !INTEGRATION_JOBS.contains(execution.getJobName())) {
                throw new NotFoundException("job execution", id);
            }
            return JobExecutionView.of(execution, operator().getStepExecutions(executionId));
        } catch (NoSuchJobExecutionException | JobSecurityException e) {
            throw new NotFoundException("job execution", id);
        }
    }

    @POST
    @Idempotent
    @Path("executions/{id}/restart")
    @Operation(summary = "Restart a failed or stopped execution from its last checkpoint, with its parameters")
    public Response restart(@PathParam("id") String id, @Context UriInfo uri) {
        long executionId = executionId(id);
        try {
            Properties previous = operator().getParameters(executionId);
            long restarted = operator().restart(executionId, previous == null ? new Properties() : previous);
            return Response.accepted(Json.createObjectBuilder()
                            .add("executionId", restarted)
                            .build()
                            .toString())
                    .location(uri.getBaseUriBuilder()
                            .path("api/v1/jobs/executions/{id}")
                            .build(restarted))
                    .build();
        } catch (NoSuchJobExecutionException e) {
            throw new NotFoundException("job execution", id);
        } catch (JobRestartException | JobStartException | JobExecutionAlreadyCompleteException e) {
            throw new ConflictException("execution " + id + " cannot be restarted: " + e.getMessage());
        }
    }

    @POST
    @Path("executions/{id}/stop")
    @Operation(summary = "Ask a running execution to stop at its next checkpoint")
    public Response stop(@PathParam("id") String id) {
        long executionId = executionId(id);
        try {
            operator().stop(executionId);
            return Response.accepted().build();
        } catch (NoSuchJobExecutionException e) {
            throw new NotFoundException("job execution", id);
        } catch (JobExecutionNotRunningException e) {
            throw new ConflictException("execution " + id + " is not running");
        }
    }

    private static JobOperator operator() {
        return BatchRuntime.getJobOperator();
    }

    private static long executionId(String raw) {
        try {
            return Long.parseLong(raw);
        } catch (NumberFormatException e) {
            throw new NotFoundException("job execution", raw);
        }
    }
}
