package eu.consent.web.imports;

import eu.consent.audit.BulkReads;
import eu.consent.batch.jobs.Jobs;
import eu.consent.imports.ImportFormat;
import eu.consent.imports.ImportProgress;
import eu.consent.imports.Imports;
import eu.consent.shared.ConflictException;
import eu.consent.shared.InvalidInputException;
import eu.consent.shared.NotFoundException;
import eu.consent.web.Csv;
import eu.consent.web.PathIds;
import eu.consent.web.Roles;
import eu.consent.web.idempotency.IdempotencyFilter;
import eu.consent.web.idempotency.Idempotent;
import eu.consent.web.query.TakesQuery;
import jakarta.annotation.security.RolesAllowed;
import jakarta.batch.runtime.JobExecution;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("api/v1/imports")
@RequestScoped
@Tag(name = "Imports and exports")
public class ImportResource {

    private static final int REJECTS_PAGE = 1000;
    private static final int MAX_CHUNK = 2000;
    /** The import job's own bound (each partition parses the whole file). */
    private static final int MAX_PARTITIONS = 16;

    @Inject
    Imports imports;

    @Inject
    Jobs jobs;

    @Inject
    BulkReads bulkReads;

    @Context
    UriInfo uri;

    @Context
    SecurityContext security;

    @POST
    @Idempotent(streamed = true)
    @Consumes({"text/csv", "application/x-ndjson", "application/ndjson", MediaType.TEXT_PLAIN})
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.INTEGRATION})
    @Operation(
            summary = "Upload a CSV (comma or semicolon, UTF-8, BOM allowed) or NDJSON file of contacts with consent"
                    + " evidence; 202 and the contact-import job runs it. Query: format=csv|ndjson (else from the"
                    + " Content-Type), map.<field>=<column> to read a field from another column, default.<field>=value"
                    + " for rows that leave it empty, chunkSize (rows per transaction, 1000), partitions (writers at"
                    + " once, 1 to 16: default 1 on Derby, the server's cores on PostgreSQL)")
    @APIResponse(
            responseCode = "202",
            description = "Accepted; the contact-import job runs it",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ImportView.class)))
    @Parameter(
            name = "format",
            in = ParameterIn.QUERY,
            description = "csv or ndjson (else from the Content-Type)",
            schema = @Schema(type = SchemaType.STRING))
    @Parameter(
            name = "chunkSize",
            in = ParameterIn.QUERY,
            description = "rows per transaction, 1 to 2000 (1000)",
            schema = @Schema(type = SchemaType.INTEGER))
    @Parameter(
            name = "partitions",
            in = ParameterIn.QUERY,
            description = "writers at once, 1 to 16, each taking whole persons (1 on Derby, the cores on PostgreSQL)",
            schema = @Schema(type = SchemaType.INTEGER))
    @TakesQuery(prefixes = {"map.", "default."})
    public Response upload(
            @Parameter(hidden = true) @HeaderParam("Content-Type") String contentType,
            @Parameter(hidden = true) @HeaderParam("Content-Length") String length,
            @Parameter(hidden = true) @HeaderParam(IdempotencyFilter.HEADER) String idempotencyKey,
            @RequestBody(
                            description =
                                    "the file: a header line and one contact per line (CSV), or one JSON object per line",
                            content = {
                                @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)),
                                @Content(
                                        mediaType = "application/x-ndjson",
                                        schema = @Schema(type = SchemaType.STRING)),
                                @Content(mediaType = "application/ndjson", schema = @Schema(type = SchemaType.STRING)),
                                @Content(mediaType = "text/plain", schema = @Schema(type = SchemaType.STRING))
                            })
                    InputStream body) {
        MultivaluedMap<String, String> query = uri.getQueryParameters();
        ImportFormat format = format(query.getFirst("format"), contentType);
        Map<String, String> mapping = prefixed(query, "map.");
        Map<String, String> defaults = prefixed(query, "default.");
        String chunkSize = query.getFirst("chunkSize");
        // Capped: past a few thousand row locks in one table, Derby locks the whole table for the chunk.
        if (chunkSize != null && (!chunkSize.matches("[1-9][0-9]{0,3}") || Integer.parseInt(chunkSize) > MAX_CHUNK)) {
            throw new InvalidInputException("chunkSize", "must be a number from 1 to " + MAX_CHUNK);
        }
        String partitions = query.getFirst("partitions");
        if (partitions != null
                && (!partitions.matches("[1-9][0-9]?") || Integer.parseInt(partitions) > MAX_PARTITIONS)) {
            throw new InvalidInputException("partitions", "must be a number from 1 to " + MAX_PARTITIONS);
        }
        Jobs.StartedImport started = jobs.startImport(
                body,
                declared(length),
                format,
                mapping,
                defaults,
                security.getUserPrincipal().getName(),
                chunkSize,
                partitions,
                // The filter reserved this scope before the upload ran (a replay never reaches here).
                idempotencyKey == null
                        ? null
                        : IdempotencyFilter.scopeOf(
                                security.getUserPrincipal(), "POST", uri.getPath(), idempotencyKey));
        Imports.Accepted accepted = started.accepted();
        ImportView view = ImportView.of(imports.progress(accepted.id()), "STARTING", started.execution());
        return Response.accepted(view)
                .location(URI.create("/api/v1/imports/" + accepted.id()))
                .build();
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.INTEGRATION})
    @Operation(
            summary = "An import's progress: read = imported + updated + rejected, position of size bytes, and the"
                    + " status of its latest job execution")
    public ImportView get(@PathParam("id") String id) {
        UUID importId = PathIds.uuid("import", id);
        ImportProgress before = imports.progress(importId);
        String status = "STARTING";
        Long executionId = null;
        if (before.firstExecution() != null) {
            JobExecution latest = jobs.latest(before.firstExecution()).orElse(null);
            if (latest != null) {
                status = latest.getBatchStatus().name();
                executionId = latest.getExecutionId();
            }
        }
        // The counts are read again after the status: a run that ended between the two reads must never be shown
        // COMPLETED with the counts of a chunk before its end (they are committed before the job completes).
        return ImportView.of(imports.progress(importId), status, executionId);
    }

    @POST
    @Idempotent
    @Path("{id}/restart")
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.INTEGRATION})
    @Operation(
            summary = "Resume a failed or stopped import after the last chunk that committed (each row is imported"
                    + " once); 202 with its progress, 409 when it is not failed or stopped")
    @APIResponse(
            responseCode = "202",
            description = "Accepted; the import resumes",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ImportView.class)))
    public Response restart(@PathParam("id") String id) {
        ImportView current = get(id);
        if (current.executionId() == null) {
            throw new ConflictException("the import is " + current.status() + ", not FAILED or STOPPED");
        }
        long execution = jobs.restartLatest(current.executionId(), "the import");
        return Response.accepted(current.startedAgain(execution)).build();
    }

    @GET
    @Path("{id}/rejects")
    @Produces("text/csv")
    @RolesAllowed({Roles.ADMIN, Roles.INTEGRATION})
    @Operation(summary = "The rejected rows as CSV: line, original (the row as it was), reason, detail; streamed")
    public Response rejects(@PathParam("id") String id) {
        UUID importId = PathIds.uuid("import", id);
        if (imports.find(importId).isEmpty()) {
            throw new NotFoundException("import", importId);
        }
        bulkReads.record("import-rejects", "import", importId.toString(), Map.of());
        StreamingOutput stream = out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write("line,original,reason,detail\r\n");
            long after = 0;
            while (true) {
                List<Imports.Reject> page = imports.rejects(importId, after, REJECTS_PAGE);
                for (Imports.Reject r : page) {
                    w.write(r.line() + "," + Csv.cell(r.original()) + "," + r.reason() + "," + Csv.cell(r.detail())
                            + "\r\n");
                    after = r.line();
                }
                w.flush();
                if (page.size() < REJECTS_PAGE) {
                    break;
                }
            }
        };
        return Response.ok(stream, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"import-" + importId + "-rejects.csv\"")
                .build();
    }

    private static ImportFormat format(String format, String contentType) {
        if (format != null) {
            try {
                return ImportFormat.valueOf(format.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidInputException("format", "must be csv or ndjson");
            }
        }
        return contentType != null && contentType.toLowerCase(Locale.ROOT).contains("ndjson")
                ? ImportFormat.NDJSON
                : ImportFormat.CSV;
    }

    private static Map<String, String> prefixed(MultivaluedMap<String, String> query, String prefix) {
        Map<String, String> values = new LinkedHashMap<>();
        query.forEach((name, list) -> {
            if (name.startsWith(prefix) && !list.isEmpty()) {
                values.put(name.substring(prefix.length()), list.get(0));
            }
        });
        return values;
    }

    /** The declared length of the upload, -1 when it is not declared (chunked) or not a number. */
    private static long declared(String length) {
        try {
            return length == null ? -1 : Long.parseLong(length.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
