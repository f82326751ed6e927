package eu.consent.web;

import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * A trivial authenticated endpoint: checks credentials and connectivity, and is the baseline the decision benchmark
 * measures against (same server, same authentication, same JSON, no database).
 */
@Path("api/v1/ping")
@RequestScoped
@Tag(name = "Operations")
public class PingResource {

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.INTEGRATION, Roles.CAMPAIGN, Roles.AUDITOR})
    @Operation(summary = "Answers ok to any authenticated caller")
    public String ping() {
        return "{\"ok\":true}";
    }
}
