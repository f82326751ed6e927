package eu.consent.web.consent;

import eu.consent.consent.ConsentLedger;
import eu.consent.consent.ProjectionCheck;
import eu.consent.consent.Recorded;
import eu.consent.web.Roles;
import eu.consent.web.idempotency.Idempotent;
import eu.consent.web.validation.RequestChecks;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("api/v1/consents")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Consents")
public class ConsentResource {

    @Inject
    ConsentLedger ledger;

    @Inject
    RequestChecks checks;

    @POST
    @Idempotent
    @RolesAllowed({Roles.ADMIN, Roles.INTEGRATION})
    @Operation(
            summary = "Record a consent event (GRANT, WITHDRAW, OBJECT) with its proof; a GRANT names the notice"
                    + " shown, and for a double opt-in purpose stays PENDING until confirmed by email")
    @APIResponse(
            responseCode = "201",
            description = "Recorded; the answer holds the resulting state",
            content =
                    @Content(mediaType = "application/json", schema = @Schema(implementation = ConsentEventView.class)))
    public Response record(
            @RequestBody(content = @Content(schema = @Schema(ref = "ConsentInput"))) ConsentRequest input,
            @Context UriInfo uri) {
        Recorded recorded = ledger.recordFromClient(input.toCommand(checks));
        return Response.created(uri.getBaseUriBuilder()
                        .path("api/v1/contacts/{id}/consents/history")
                        .build(recorded.event().contactId()))
                .entity(ConsentEventView.of(
                        recorded.event(), recorded.notice(), recorded.state().name()))
                .build();
    }

    @GET
    @Path("projection/verify")
    @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
    @Operation(summary = "Fold every event again and compare with the current-state projection")
    @APIResponse(
            responseCode = "200",
            description = "valid, or the first differences",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "ProjectionCheck")))
    public ProjectionCheck verifyProjection() {
        return ledger.checkProjection();
    }
}
