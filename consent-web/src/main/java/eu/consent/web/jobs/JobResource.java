package eu.consent.web.jobs;

import eu.consent.batch.jobs.Job;
import eu.consent.batch.jobs.Jobs;
import eu.consent.shared.Cursor;
import eu.consent.shared.InvalidInputException;
import eu.consent.shared.Jsons;
import eu.consent.shared.NotFoundException;
import eu.consent.shared.Page;
import eu.consent.web.PageView;
import eu.consent.web.Roles;
import eu.consent.web.idempotency.Idempotent;
import eu.consent.web.query.TakesQuery;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Operates the batch jobs; the job repository lives in the database, so executions survive a restart. */
@Path("api/v1/jobs")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Batch jobs")
public class JobResource {

    /** The jobs that an integration's request starts (an upload), whose progress it may follow. */
    static final Set<Job> INTEGRATION_JOBS = Set.of(Job.CONTACT_IMPORT, Job.SUPPRESSION_RESYNC);

    @Inject
    NightlySchedule schedule;

    @Inject
    Jobs jobs;

    @GET
    @Path("schedule")
    @Operation(summary = "The nightly schedule: each job's cron expression (UTC) and next run")
    public List<NightlySchedule.Scheduled> schedule() {
        return schedule.scheduled();
    }

    @POST
    @Idempotent
    @Path("{jobName}")
    @Operation(
            summary = "Start a job; query parameters become job parameters (each job takes its own; any other is a 422"
                    + " naming it)")
    @APIResponse(
            responseCode = "202",
            description = "Accepted; Location names the execution",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "ExecutionStarted")))
    @Parameter(
            name = "chunkSize",
            in = ParameterIn.QUERY,
            description = "items per transaction (1 to 10000; every job)",
            schema = @Schema(type = SchemaType.INTEGER))
    @Parameter(
            name = "fetchSize",
            in = ParameterIn.QUERY,
            description =
                    "rows read per query (1 to 10000; audit-verify, retention-purge, reactivation-flag, pending-expiry)",
            schema = @Schema(type = SchemaType.INTEGER))
    @Parameter(
            name = "retentionMonths",
            in = ParameterIn.QUERY,
            description = "retention-purge: months of inactivity before purge (6 to 1200)",
            schema = @Schema(type = SchemaType.INTEGER))
    @Parameter(
            name = "importKeepDays",
            in = ParameterIn.QUERY,
            description = "retention-purge: days imports are kept (0 to 3650)",
            schema = @Schema(type = SchemaType.INTEGER))
    @Parameter(
            name = "expiryDays",
            in = ParameterIn.QUERY,
            description = "pending-expiry: days a double opt-in may wait (0 to 365; 0 drops every request received"
                    + " before the run)",
            schema = @Schema(type = SchemaType.INTEGER))
    @Parameter(
            name = "partitions",
            in = ParameterIn.QUERY,
            description = "retention-purge: id ranges purged side by side (1 to 32)",
            schema = @Schema(type = SchemaType.INTEGER))
    @Parameter(
            name = "full",
            in = ParameterIn.QUERY,
            description = "audit-verify: true verifies from the first entry",
            schema = @Schema(type = SchemaType.BOOLEAN))
    @Parameter(
            name = "source",
            in = ParameterIn.QUERY,
            description = "suppression-resync: one source (else every staged one)",
            schema = @Schema(type = SchemaType.STRING))
    @TakesQuery(checksNames = true)
    public Response start(@PathParam("jobName") String jobName, @Context UriInfo uri) {
        Job job = Job.operable(jobName)
                .orElseThrow(() -> Job.named(jobName).isPresent()
                        ? new NotFoundException("job " + jobName + " is not started by name: an upload starts it"
                                + " (POST /api/v1/imports), which its progress and restarts then follow")
                        : new NotFoundException("job", jobName));
        Properties parameters = JobParameters.of(jobName, uri.getQueryParameters());
        long id = jobs.startAsked(job, parameters);
        return Response.accepted(Jsons.createObjectBuilder()
                        .add("executionId", id)
                        .build()
                        .toString())
                .location(uri.getBaseUriBuilder()
                        .path("api/v1/jobs/executions/{id}")
                        .build(id))
                .build();
    }

    /**
     * A job's history, newest instance first, each instance with its executions, {@code limit} executions a page (a
     * page may end inside an instance restarted several times; until 2026-12-06 a page held {@code limit} whole
     * instances, so more executions than asked). The cursor names the next page's first execution and its instance by
     * their ids, so runs started between two pages never push one already read onto the next (until 2026-12-07 it
     * counted instances from the newest, tester AK's F1). Shows which member of a cluster ran each nightly expiration,
     * and that none ran twice.
     */
    @GET
    @Path("executions")
    @Operation(summary = "The executions of one job (?job=name), newest first, with their parameters; paged")
    public PageView<JobRunView> executions(
            @QueryParam("job") String jobName, @QueryParam("limit") String limit, @QueryParam("after") String after) {
        if (jobName == null || jobName.isBlank()) {
            throw new InvalidInputException("job", "name the job, e.g. ?job=retention-purge");
        }
        Job job = Job.named(jobName).orElseThrow(() -> new NotFoundException("job", jobName));
        int size = Page.limit(limit);
        String list = "jobs/" + jobName;
        String key = Cursor.decode(list, after, k -> k.matches("i\\d{1,18}:\\d{1,18}"));
        Long instance = key == null ? null : Long.valueOf(key.substring(1, key.indexOf(':')));
        Long execution = key == null ? null : Long.valueOf(key.substring(key.indexOf(':') + 1));
        List<Jobs.Run> runs = jobs.runsFrom(job, instance, execution, size + 1);
        List<JobRunView> items = runs.stream().limit(size).map(JobRunView::of).toList();
        String next = null;
        if (runs.size() > size) {
            Jobs.Run following = runs.get(size);
            next = Cursor.encode(
                    list,
                    "i" + following.instanceId() + ":" + following.execution().getExecutionId());
        }
        return new PageView<>(items, next);
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
        Jobs.Execution execution = jobs.execution(executionId(id));
        boolean theirs = Job.named(execution.job().getJobName())
                .filter(INTEGRATION_JOBS::contains)
                .isPresent();
        if (!caller.isUserInRole(Roles.ADMIN) && !theirs) {
            // As an id that exists nowhere (review 45: the two 404s differed, and told which executions exist).
            throw new NotFoundException("job execution", executionId(id));
        }
        return JobExecutionView.of(execution.job(), execution.steps());
    }

    @POST
    @Idempotent
    @Path("executions/{id}/restart")
    @Operation(summary = "Restart a failed or stopped execution from its last checkpoint, with its parameters")
    @APIResponse(
            responseCode = "202",
            description = "Accepted; Location names the execution",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "ExecutionStarted")))
    public Response restart(@PathParam("id") String id, @Context UriInfo uri) {
        long restarted = jobs.restart(executionId(id));
        return Response.accepted(Jsons.createObjectBuilder()
                        .add("executionId", restarted)
                        .build()
                        .toString())
                .location(uri.getBaseUriBuilder()
                        .path("api/v1/jobs/executions/{id}")
                        .build(restarted))
                .build();
    }

    @POST
    @Idempotent
    @Path("executions/{id}/stop")
    @Operation(summary = "Ask a running execution to stop at its next checkpoint")
    public Response stop(@PathParam("id") String id) {
        jobs.stop(executionId(id));
        return Response.accepted().build();
    }

    /** The 404's words for an execution id that is no number, which it does not repeat. */
    public static final String NOT_A_NUMBER = "no job execution has this id, which is not a number";

    private static long executionId(String raw) {
        // Digits only: Long.parseLong reads "+33612345678", a phone number a careless client put there (AR's F7).
        if (raw == null || raw.isEmpty() || raw.length() > 18 || !raw.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new NotFoundException(NOT_A_NUMBER);
        }
        return Long.parseLong(raw);
    }
}
