package eu.consent.web.eligibility;

import eu.consent.eligibility.DecisionService;
import eu.consent.operations.ServiceMetrics;
import eu.consent.optout.UnsubscribeLinks;
import eu.consent.web.Roles;
import jakarta.annotation.Resource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.InputStream;
import java.util.concurrent.CompletionStage;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * "May I send?", asked before every message: one instance for the application, not one per request (a request-scoped
 * resource is built and injected, its executor looked up in JNDI, for each decision). It keeps no request state: the
 * bulk answer's response comes as a parameter.
 */
@Path("api/v1/decisions")
@ApplicationScoped
@Tag(name = "Decisions")
public class DecisionResource {

    public static final String NDJSON = "application/x-ndjson";

    @Inject
    DecisionService decisions;

    @Inject
    UnsubscribeLinks links;

    @Inject
    ServiceMetrics metrics;

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ManagedExecutorService executor;

    /** The longest line of a list: an identifier fits in a few hundred characters, so more is a broken file. */
    @Inject
    @ConfigProperty(name = "consent.api.max-line-chars", defaultValue = "8192")
    int maxLineChars;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN})
    @Operation(summary = "May I send a message of this purpose on this channel to this contact, email or phone?")
    public CompletionStage<DecisionView> decide(
            @RequestBody(content = @Content(schema = @Schema(ref = "DecisionInput"))) DecisionRequest input) {
        long start = System.nanoTime();
        // Answered asynchronously: while the decision waits for the database's change probe, this thread serves
        // other requests (one probe then serves every decision that arrived while the last one was under way).
        return DecisionAnswer.of(decisions.decideOneAsync(input.toCommand()), metrics, start);
    }

    @POST
    @Path("bulk")
    @Consumes({NDJSON, "text/csv", MediaType.TEXT_PLAIN})
    @Produces(NDJSON)
    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN})
    @Operation(
            summary = "Decide for a whole list, streamed: NDJSON ({\"email\"}, {\"phone\"} or {\"contactId\"} per line)"
                    + " or one identifier per CSV line in; one NDJSON answer per line out, in order, with the"
                    + " unsubscribe headers of allowed email recipients; a malformed line gives an error line")
    public Response bulk(
            @QueryParam("purpose") String purpose,
            @QueryParam("channel") String channel,
            @Parameter(hidden = true) @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @Context HttpServletResponse response,
            @RequestBody(
                            description = "one identifier per line",
                            content = {
                                @Content(
                                        mediaType = "application/x-ndjson",
                                        schema = @Schema(type = SchemaType.STRING)),
                                @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)),
                                @Content(mediaType = "text/plain", schema = @Schema(type = SchemaType.STRING))
                            })
                    InputStream body) {
        DecisionService.Question question = decisions.question(purpose, channel);
        boolean csv = contentType != null
                && !contentType.toLowerCase(java.util.Locale.ROOT).startsWith(NDJSON);
        InputStream list = decodable(body);
        StreamingOutput stream = out -> new BulkStream(
                        decisions, links, question, csv, executor, response::flushBuffer, maxLineChars, metrics)
                .run(list, out);
        return Response.ok(stream, NDJSON).build();
    }

    /**
     * The body, its first byte read before the answer starts: a body that is not what its {@code Content-Encoding} says
     * (not compressed at all) is then a 400, as on every other endpoint, rather than a 200 whose one line said the
     * upload broke off (tester AN's F4, until 2026-12-07). A stream cut short later still ends the answer with that line.
     */
    private static InputStream decodable(InputStream body) {
        java.io.PushbackInputStream peeked = new java.io.PushbackInputStream(body, 1);
        try {
            int first = peeked.read();
            if (first >= 0) {
                peeked.unread(first);
            }
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return peeked;
    }
}
