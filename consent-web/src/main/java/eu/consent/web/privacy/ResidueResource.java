package eu.consent.web.privacy;

import eu.consent.privacy.ResidueScan;
import eu.consent.web.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Proves an erasure complete: every table and column of the database searched for the person's identifiers. */
@Path("api/v1/privacy/residue")
@RequestScoped
@Tag(name = "Contacts")
public class ResidueResource {

    /** The texts to look for (an email, a phone, an address line), in the body so that no URL or log holds them. */
    public record ResidueQuery(List<String> texts) {}

    @Inject
    ResidueScan scan;

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Search every column of every table for these texts (1 to 20, at least 4 characters each, case"
                    + " ignored) and list where they occur: after an erasure, the list must be empty. Reads every row:"
                    + " slow on a large database; audited without the texts")
    @APIResponse(
            responseCode = "200",
            description = "where the texts were found: no hit after an erasure",
            content = @Content(mediaType = "application/json", schema = @Schema(ref = "ResidueScan")))
    public ResidueScan.Result scan(ResidueQuery query) {
        return scan.scan(query == null ? null : query.texts());
    }
}
