package eu.consent.web.retention;

import eu.consent.audit.BulkReads;
import eu.consent.retention.RetentionService;
import eu.consent.shared.Page;
import eu.consent.web.Csv;
import eu.consent.web.PageView;
import eu.consent.web.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The re-permission list. Each role gets the least it needs: a campaign plans by contact id (and asks for each one's
 * "keep me" link), so the paged list carries no email or phone; the file with the identifiers goes to the sending
 * system (integration) or an administrator only, and every download of it is audited.
 */
@Path("api/v1/reactivation-candidates")
@RequestScoped
@Tag(name = "Retention")
public class ReactivationResource {

    private static final int CSV_PAGE = 1000;

    /** A candidate without its identifiers. */
    public record CandidateView(UUID contactId, String locale, Instant lastActiveAt, Instant purgeAfter) {
        static CandidateView of(RetentionService.Candidate c) {
            return new CandidateView(c.contactId(), c.locale(), c.lastActiveAt(), c.purgeAfter());
        }
    }

    @Inject
    RetentionService retention;

    @Inject
    BulkReads bulkReads;

    @Context
    UriInfo uri;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN, Roles.AUDITOR})
    @Operation(summary = "Contacts nearing the retention limit, for a re-permission campaign; paged, ids only")
    public PageView<CandidateView> list(@QueryParam("limit") String limit, @QueryParam("after") String after) {
        Page<RetentionService.Candidate> page = retention.candidates(Page.limit(limit), after);
        return new PageView<>(page.items().stream().map(CandidateView::of).toList(), page.next());
    }

    @GET
    @Produces("text/csv")
    @RolesAllowed({Roles.ADMIN, Roles.INTEGRATION})
    @Operation(
            summary = "The re-permission list with email and phone as CSV, streamed; audited. Takes the JSON form's"
                    + " limit and after, read the same way: the rows after the cursor, at most limit of them (no"
                    + " limit: to the end of the list); a page cut short by limit names the next one in its Link"
                    + " header")
    @APIResponse(
            responseCode = "200",
            description = "as JSON, the page {items, next}; as CSV, contactId,email,phone,locale,lastActiveAt,"
                    + "purgeAfter, email and phone written as they are for the sending system",
            headers =
                    @Header(
                            name = "Link",
                            description = "only when limit cut the list short: <this request with after=the next"
                                    + " page's cursor>; rel=\"next\" (a reference on the request's host); absent on"
                                    + " the last page and without limit",
                            schema = @Schema(type = SchemaType.STRING)))
    public Response csv(@QueryParam("limit") String limit, @QueryParam("after") String after) {
        int most = limit == null || limit.isEmpty() ? Integer.MAX_VALUE : Page.limit(limit);
        // read before the answer starts, so that a cursor of another list is a 422, not a CSV cut short; with a limit
        // (at most 1000, one page) this is the whole answer, and its cursor goes in the headers
        Page<RetentionService.Candidate> first = retention.candidates(Math.min(CSV_PAGE, most), after);
        bulkReads.record("reactivation-candidates", "list", null, Map.of());
        StreamingOutput stream = out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write("contactId,email,phone,locale,lastActiveAt,purgeAfter\r\n");
            Page<RetentionService.Candidate> page = first;
            int written = 0;
            while (true) {
                for (RetentionService.Candidate c : page.items()) {
                    // The identifiers as they are: the file is for the sending system, which mails and texts them
                    // (tester AW's F3: until 2026-12-07 '+33… reached no phone and '-x@… another address).
                    w.write(String.join(
                                    ",",
                                    c.contactId().toString(),
                                    Csv.identifier(c.email()),
                                    Csv.identifier(c.phone()),
                                    Csv.cell(c.locale()),
                                    c.lastActiveAt().toString(),
                                    c.purgeAfter().toString())
                            + "\r\n");
                }
                w.flush();
                written += page.items().size();
                if (page.next() == null || written >= most) {
                    break;
                }
                page = retention.candidates(Math.min(CSV_PAGE, most - written), page.next());
            }
        };
        Response.ResponseBuilder answer = Response.ok(stream, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"reactivation-candidates.csv\"");
        if (most != Integer.MAX_VALUE && first.next() != null) {
            // The sending system may not read the JSON form, which carries `next`: without this a page cut by limit
            // had no way on (tester AW's F2, until 2026-12-07).
            answer.header("Link", "<" + nextPage(first.next()) + ">; rel=\"next\"");
        }
        return answer.build();
    }

    /** This request with {@code after} set to {@code cursor}: its path and query, on the host the client called. */
    private String nextPage(String cursor) {
        URI next = uri.getRequestUriBuilder().replaceQueryParam("after", cursor).build();
        return next.getRawPath() + "?" + next.getRawQuery();
    }
}
