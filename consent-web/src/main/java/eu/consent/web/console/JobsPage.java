package eu.consent.web.console;

import eu.consent.shared.DomainException;
import eu.consent.web.jobs.JobExecutionView;
import eu.consent.web.problem.DomainExceptionMapper;
import jakarta.batch.operations.BatchRuntimeException;
import jakarta.ejb.EJBException;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;

/** The batch jobs: their latest runs with metrics (auditor, admin); start, stop and restart (admin). */
@Path("console/jobs")
@Produces(MediaType.TEXT_HTML)
public class JobsPage {

    private static final String ACT = "/console/jobs";
    private static final int RUNS_PER_JOB = 5;

    @Inject
    Console console;

    @Inject
    JobDesk jobs;

    @Context
    HttpServletRequest request;

    /**
     * The page; {@code started}, the run a start or restart just began (the redirect after it), is named in its
     * message.
     */
    @GET
    @Operation(hidden = true)
    public Response list(@QueryParam("started") String started) {
        ConsoleView view = console.view(request);
        return list(200, started != null && started.matches("[0-9]{1,18}") ? view.text("jobs.started", started) : null);
    }

    private Response list(int status, String message) {
        ConsoleUser user = console.reader(request);
        ConsoleView view = console.view(request);
        List<JobExecutionView> runs = jobs.latest(RUNS_PER_JOB);
        Map<String, Object> model = new HashMap<>();
        model.put("self", ACT);
        model.put("table", DashboardPage.jobTable(view, runs).model(view));
        if (message != null) {
            model.put("message", message);
        }
        if (user.mayChange()) {
            String token = console.formToken(request, ACT);
            List<Map<String, Object>> actions = new ArrayList<>();
            for (JobExecutionView run : runs) {
                boolean running = run.status().equals("STARTED") || run.status().equals("STARTING");
                boolean restartable =
                        run.status().equals("FAILED") || run.status().equals("STOPPED");
                if (running || restartable) {
                    actions.add(Map.of(
                            "id", run.executionId(), "job", run.jobName(), "stop", running, "restart", restartable));
                }
            }
            model.put(
                    "admin",
                    Map.of("token", token, "jobs", eu.consent.batch.jobs.Job.operableNames(), "actions", actions));
        }
        return console.page(request, view, status, "jobs", view.text("nav.jobs"), "jobs", model);
    }

    @POST
    @Operation(hidden = true)
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response act(MultivaluedMap<String, String> form) {
        console.changer(request, form.getFirst("form"), ACT);
        ConsoleView view = console.view(request);
        try {
            String action = String.valueOf(form.getFirst("action"));
            switch (action) {
                case "start" -> {
                    String job = String.valueOf(form.getFirst("job"));
                    if (!eu.consent.batch.jobs.Job.operableNames().contains(job)) {
                        return list(422, view.text("jobs.refused", job));
                    }
                    return done(jobs.start(job));
                }
                case "stop" -> {
                    jobs.stop(Long.parseLong(form.getFirst("id")));
                    return done(null);
                }
                case "restart" -> {
                    return done(jobs.restart(Long.parseLong(form.getFirst("id"))));
                }
                default -> {
                    return list(422, view.text("jobs.refused", action));
                }
            }
        } catch (DomainException e) {
            // the API's own words: a restart refused says why ("it is COMPLETED", or the later run to restart)
            return list(DomainExceptionMapper.status(e), view.text("jobs.refused", e.getMessage()));
        } catch (NumberFormatException e) {
            // The API's answer to the same id; until 2026-12-06 the page named the Java exception, as a 409.
            return list(404, view.text("jobs.refused", eu.consent.web.jobs.JobResource.NOT_A_NUMBER));
        } catch (BatchRuntimeException | EJBException e) {
            return list(409, view.text("jobs.refused", e.getClass().getSimpleName()));
        }
    }

    /**
     * What a start, restart or stop that was done answers: a redirect to the page (naming the run begun), as the other
     * console forms do, so that reloading the page shows it again and never posts the form twice. Until 2026-12-06 the
     * page was answered to the POST itself, and a reload (the browser asks, then re-sends) started the job again: a
     * second purge, say.
     */
    private Response done(Long started) {
        return Response.seeOther(URI.create(ACT + "?" + (started == null ? "" : "started=" + started + "&") + "lang="
                        + ConsoleView.language(request)))
                .build();
    }
}
