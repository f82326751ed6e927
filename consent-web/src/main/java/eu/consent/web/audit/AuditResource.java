package eu.consent.web.audit;

import eu.consent.audit.AuditTrail;
import eu.consent.audit.AuditVerification;
import eu.consent.shared.InvalidInputException;
import eu.consent.shared.Page;
import eu.consent.web.PageView;
import eu.consent.web.QueryParams;
import eu.consent.web.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("api/v1/audit")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Audit")
public class AuditResource {

    @Inject
    AuditTrail trail;

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
    @Operation(summary = "Audit entries in chain order, paged; filter by contact and by time [from, to)")
    public PageView<AuditEntryView> list(
            @QueryParam("contactId") String contactId,
            @Parameter(description = "the same filter as contactId, under the contract's word (\"filter by contact\")")
                    @QueryParam("contact")
                    String contact,
            @QueryParam("from") String from,
            @QueryParam("to") String to,
            @QueryParam("limit") String limit,
            @QueryParam("after") String after) {
        if (contactId != null && contact != null && !contactId.equals(contact)) {
            throw new InvalidInputException("contact", "names another contact than contactId: give one of the two");
        }
        return PageView.of(
                trail.list(
                        contactId != null
                                ? QueryParams.uuid("contactId", contactId)
                                : QueryParams.uuid("contact", contact),
                        QueryParams.instant("from", from),
                        QueryParams.instant("to", to),
                        Page.limit(limit),
                        after),
                AuditEntryView::of);
    }

    @GET
    @Path("verify")
    @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
    @Operation(summary = "Recompute the hash chain; says where it breaks, if it does")
    @APIResponse(
            responseCode = "200",
            description = "valid, or where the chain breaks",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "AuditVerification")))
    public AuditVerification verify() {
        return trail.verify();
    }
}
