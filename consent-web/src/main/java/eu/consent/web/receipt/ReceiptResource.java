package eu.consent.web.receipt;

import eu.consent.receipt.Receipts;
import eu.consent.web.PathIds;
import eu.consent.web.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
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
        return Response.ok(receipts.signed(PathIds.uuid("consent event", eventId)), Receipts.MEDIA_TYPE)
                .build();
    }
}
