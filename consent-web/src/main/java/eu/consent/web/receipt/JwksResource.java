package eu.consent.web.receipt;

import eu.consent.receipt.Receipts;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The public keys that verify receipts, for anyone: a regulator, the person, a third party. */
@Path(".well-known/jwks.json")
@RequestScoped
@Tag(name = "Consents")
public class JwksResource {

    @Inject
    Receipts receipts;

    @GET
    @Produces({MediaType.APPLICATION_JSON, "application/jwk-set+json"})
    @Operation(summary = "The public keys of consent receipts (RFC 7517 JWK set); no login")
    public Response keys() {
        return Response.ok(receipts.publicKeys())
                .header("Cache-Control", "public, max-age=300")
                .build();
    }
}
