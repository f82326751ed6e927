package eu.consent.web.retention;

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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("api/v1/reactivation-candidates")
@RequestScoped
@Tag(name = "Retention")
public class ReactivationResource {

    private static final int CSV_PAGE = 1000;

    @Inject
    RetentionService retention;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN, Roles.AUDITOR})
    @Operation(summary = "Contacts nearing the retention limit, for a re-permission campaign; paged")
    public PageView<RetentionService.Candidate> list(
            @QueryParam("limit") String limit, @QueryParam("after") String after) {
        Page<RetentionService.Candidate> page = retention.candidates(Page.limit(limit), after);
        return new PageView<>(page.items(), page.next());
    }

    @GET
    @Produces("text/csv")
    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN, Roles.AUDITOR})
    @Operation(summary = "The whole re-permission list as CSV, streamed")
    public Response csv() {
        StreamingOutput stream = out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            w.write("contactId,email,phone,locale,lastActiveAt,purgeAfter\r\n");
            String after = null;
            do {
                Page<RetentionService.Candidate> page = retention.candidates(CSV_PAGE, after);
                for (RetentionService.Candidate c : page.items()) {
                    w.write(String.join(
                                    ",",
                                    c.contactId().toString(),
                                    Csv.cell(c.email()),
                                    Csv.cell(c.phone()),
                                    Csv.cell(c.locale()),
                                    c.lastActiveAt().toString(),
                                    c.purgeAfter().toString())
                            + "\r\n");
                }
                w.flush();
                after = page.next();
            } while (after != null);
            w.flush();
        };
        return Response.ok(stream, "text/csv; charset=UTF-8")
                .header("Content-Disposition", "attachment; filename=\"reactivation-candidates.csv\"")
                .build();
    }
}
