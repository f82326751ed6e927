package eu.consent.web.eligibility;

import eu.consent.contact.ContactService;
import eu.consent.preference.PreferenceService;
import eu.consent.purpose.PurposeService;
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

@Path("api/v1/sends")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Decisions")
public class SendResource {

    @Inject
    PreferenceService preferences;

    @Inject
    ContactService contacts;

    @Inject
    PurposeService purposes;

    @Inject
    RequestChecks checks;

    @Inject
    Clock clock;

    @POST
    @Idempotent
    @RolesAllowed({Roles.ADMIN, Roles.INTEGRATION, Roles.CAMPAIGN})
    @Operation(summary = "Report sent messages: what frequency caps count; a bad send refuses the batch")
    @APIResponse(
            responseCode = "202",
            description = "Accepted",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "CountAccepted")))
    public Response report(
            @RequestBody(content = @Content(mediaType = "application/json", schema = @Schema(ref = "SendBatch")))
                    List<SendRequest> sends) {
        int recorded = preferences.recordSends(SendRequest.toCommands(
                sends,
                checks,
                clock,
                new SendRequest.Known(contacts::exists, purposes::exists, channelsOfEachPurposeOnce())));
        return Response.accepted(Jsons.createObjectBuilder()
                        .add("accepted", recorded)
                        .build()
                        .toString())
                .build();
    }

    /** A purpose's channels, read once per batch however many of its sends it holds. */
    private java.util.function.Function<String, java.util.Set<eu.consent.purpose.Channel>> channelsOfEachPurposeOnce() {
        java.util.Map<String, java.util.Set<eu.consent.purpose.Channel>> read = new java.util.HashMap<>();
        return key -> read.computeIfAbsent(key, k -> purposes.get(k).channels());
    }
}
