package eu.consent.web.optout;

import eu.consent.optout.EspEvents;
import eu.consent.shared.Jsons;
import eu.consent.web.Roles;
import eu.consent.web.idempotency.Idempotent;
import eu.consent.web.validation.RequestChecks;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("api/v1/esp-events")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Opt-out")
public class EspEventResource {

    @Inject
    EspEvents events;

    @Inject
    RequestChecks checks;

    @Inject
    Clock clock;

    @POST
    @Idempotent
    @RolesAllowed({Roles.ADMIN, Roles.INTEGRATION})
    @Operation(
            summary = "Bounces, complaints and unsubscribes from the email platform: hard bounces and complaints"
                    + " suppress at once, soft bounces after a threshold in a window; a bad event refuses the batch")
    @APIResponse(
            responseCode = "202",
            description = "Accepted",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "CountAccepted")))
    public Response report(
            @RequestBody(content = @Content(mediaType = "application/json", schema = @Schema(ref = "EspEventBatch")))
                    List<EspEventRequest> batch) {
        int applied = events.apply(EspEventRequest.toCommands(batch, checks, clock));
        return Response.accepted(Jsons.createObjectBuilder()
                        .add("accepted", applied)
                        .build()
                        .toString())
                .build();
    }
}
