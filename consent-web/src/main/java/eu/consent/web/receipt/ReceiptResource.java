package eu.consent.web.receipt;

import eu.consent.receipt.Receipts;
import eu.consent.shared.NotFoundException;
import eu.consent.web.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("api/v1/consents/{eventId}/receipt")
@RequestScoped
@Tag(name = "Consents")
public class ReceiptResource {

    @Inject
    Receipts receipts;

    @GET
    @Produces(Receipts.MEDIA_TYPE)
    @RolesAllowed({Roles.ADMIN, Roles.INTEGRATION, Roles.AUDITOR})
    @Operation(
            summary = "The event's signed receipt: a compact JWS (ES256, kid in the header) of its ISO/IEC TS 27560"
                    + " record, verifiable against /.well-known/jwks.json")
    public Response receipt(@PathParam("eventId") String eventId) {
        return Response.ok(receipts.signed(id(eventId)), Receipts.MEDIA_TYPE).build();
    }

    /** An id that is not even a UUID names no event: a 404 like any unknown id. */
    private static UUID id(String raw) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("consent event", raw);
        }
    }
}
