package eu.consent.web.console;

import eu.consent.audit.BulkReads;
import eu.consent.dashboard.DashboardQueries;
import eu.consent.imports.ImportFormat;
import eu.consent.imports.ImportProgress;
import eu.consent.imports.Imports;
import eu.consent.shared.DomainException;
import eu.consent.shared.InvalidInputException;
import eu.consent.web.jobs.JobExecutionView;
import eu.consent.web.problem.DomainExceptionMapper;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityPart;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Imports and suppression lists: upload a contact file (admin; up to {@code consent.api.max-body-bytes}, larger files
 * go through the API), follow its job on a page that refreshes itself (no script) until it ends, read the rejected
 * rows, restart a failed import; the external suppression lists with their last snapshot's report.
 */
@Path("console/imports")
@Produces(MediaType.TEXT_HTML)
public class ImportsPage {

    private static final String UPLOAD = "/console/imports";
    private static final String RESTART = "/console/imports/restart";
    private static final Set<String> RUNNING = Set.of("STARTING", "STARTED", "STOPPING");
    private static final int SHOWN_REJECTS = 100;

    @Inject
    Console console;

    @Inject
    Imports imports;

    @Inject
    DashboardQueries queries;

    @Inject
    JobDesk jobs;

    @Inject
    BulkReads bulkReads;

    @Context
    HttpServletRequest request;

    @GET
    @Operation(hidden = true)
    public Response list() {
        return list(200, null);
    }

    private Response list(int status, String error) {
        ConsoleUser user = console.reader(request);
        ConsoleView view = console.view(request);
        Map<String, Object> model = new HashMap<>();
        model.put("self", UPLOAD);
        if (user.mayChange()) {
            model.put("token", console.formToken(request, UPLOAD));
        }
        if (error != null) {
            model.put("error", error);
        }
        List<Map<String, Object>> runs = new ArrayList<>();
        for (DashboardQueries.ImportRun r : queries.recentImports(20)) {
            Map<String, Object> run = new HashMap<>();
            run.put("id", r.id());
            run.put("format", r.format());
            run.put("read", r.read());
            run.put("imported", r.imported());
            run.put("updated", r.updated());
            run.put("rejected", r.rejected());
            run.put("by", r.createdBy());
            run.put("at", r.createdAt().toString());
            runs.add(run);
        }
        model.put("imports", runs);
        model.put("noImports", runs.isEmpty());
        Table sources = new Table(
                view.text("imports.sources"),
                List.of(
                        view.text("imports.source"),
                        view.text("imports.snapshotAt"),
                        view.text("imports.rows"),
                        view.text("imports.rejectedRows"),
                        view.text("imports.appliedAt"),
                        view.text("imports.entries")));
        for (DashboardQueries.SourceRun s : queries.sources()) {
            sources.row(List.of(
                    s.name(),
                    s.snapshotAt() == null ? "–" : s.snapshotAt().toString(),
                    s.rows(),
                    s.rejected(),
                    s.appliedAt() == null ? "–" : s.appliedAt().toString(),
                    s.entries()));
        }
        model.put("sources", sources.model(view));
        return console.page(request, view, status, "imports", view.text("nav.imports"), "imports", model);
    }

    @POST
    @Operation(hidden = true)
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public Response upload(List<EntityPart> parts) throws IOException {
        Map<String, EntityPart> byName = new HashMap<>();
        for (EntityPart part : parts) {
            byName.putIfAbsent(part.getName(), part);
        }
        String token = byName.containsKey("form") ? byName.get("form").getContent(String.class) : null;
        ConsoleUser user = console.changer(request, token, UPLOAD);
        EntityPart file = byName.get("file");
        if (file == null) {
            return list(422, console.view(request).text("imports.noFile"));
        }
        String name = file.getFileName().orElse("").toLowerCase(Locale.ROOT);
        ImportFormat format =
                name.endsWith(".ndjson") || name.endsWith(".jsonl") ? ImportFormat.NDJSON : ImportFormat.CSV;
        Imports.Accepted accepted;
        try (InputStream content = file.getContent()) {
            accepted = imports.accept(content, -1, format, Map.of(), Map.of(), user.name());
        } catch (InvalidInputException e) {
            return list(
                    422,
                    e.errors().stream()
                            .map(f -> f.field() + ": " + f.message())
                            .reduce((a, b) -> a + "; " + b)
                            .orElse(""));
        }
        jobs.startImport(accepted);
        return Response.seeOther(
                        URI.create("/console/imports/" + accepted.id() + "?lang=" + ConsoleView.language(request)))
                .build();
    }

    @GET
    @Operation(hidden = true)
    @Path("{id}")
    public Response progress(@PathParam("id") String id) {
        ConsoleUser user = console.reader(request);
        ConsoleView view = console.view(request);
        UUID importId = uuid(id);
        ImportProgress p = imports.find(importId).orElseThrow(NotFoundException::new);
        JobExecutionView run =
                Optional.ofNullable(p.firstExecution()).flatMap(jobs::latestOf).orElse(null);
        String status = run == null ? "STARTING" : run.status();
        Map<String, Object> model = new HashMap<>();
        model.put("self", "/console/imports/" + importId);
        model.put("id", importId.toString());
        model.put("status", view.label("value", status));
        model.put("size", p.size());
        model.put("position", p.position());
        model.put("percent", p.size() == 0 ? 100 : Math.min(100, p.position() * 100 / p.size()));
        model.put("read", p.read());
        model.put("imported", p.imported());
        model.put("updated", p.updated());
        model.put("rejected", p.rejected());
        // What the API's answer lists in ignoredColumns: a misspelt header (emial) left a field out of every line
        // without a word on this page (tester AL's F1, until 2026-12-07).
        model.put("hasIgnored", !p.ignoredColumns().isEmpty());
        model.put("ignored", String.join(", ", p.ignoredColumns()));
        boolean running = RUNNING.contains(status);
        model.put("running", running);
        if (running) {
            model.put("refresh", 2);
        }
        if (!running && !"COMPLETED".equals(status) && user.mayChange() && run != null) {
            model.put(
                    "restart",
                    Map.of(
                            "token",
                            console.formToken(request, RESTART),
                            "execution",
                            run.executionId(),
                            "id",
                            importId));
        }
        // The rejected rows hold the lines as sent (emails, phones): like the API's rejects, for the admin only, once
        // the run has ended (not on every refresh), and each showing is an audited read of personal data.
        List<Map<String, Object>> rejects = new ArrayList<>();
        if (user.mayChange() && !running && p.rejected() > 0) {
            for (Imports.Reject r : imports.rejects(importId, 0, SHOWN_REJECTS)) {
                rejects.add(Map.of(
                        "line", r.line(),
                        "reason", r.reason(),
                        "detail", Optional.ofNullable(r.detail()).orElse(""),
                        "original", r.original()));
            }
            bulkReads.record("import-rejects", "import", importId.toString(), Map.of("via", "console"));
        }
        model.put("rejects", rejects);
        model.put("hasRejects", !rejects.isEmpty());
        return console.page(request, view, "imports", view.text("imports.progress"), "import", model);
    }

    @POST
    @Operation(hidden = true)
    @Path("restart")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    public Response restart(MultivaluedMap<String, String> form) {
        console.changer(request, form.getFirst("form"), RESTART);
        UUID importId = uuid(form.getFirst("id"));
        try {
            jobs.restart(Long.parseLong(String.valueOf(form.getFirst("execution"))));
        } catch (DomainException e) {
            return list(DomainExceptionMapper.status(e), console.view(request).text("jobs.refused", e.getMessage()));
        } catch (RuntimeException e) {
            return list(
                    409, console.view(request).text("jobs.refused", e.getClass().getSimpleName()));
        }
        return Response.seeOther(URI.create("/console/imports/" + importId + "?lang=" + ConsoleView.language(request)))
                .build();
    }

    private static UUID uuid(String raw) {
        try {
            return UUID.fromString(String.valueOf(raw));
        } catch (IllegalArgumentException e) {
            throw new NotFoundException();
        }
    }
}
