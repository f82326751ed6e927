package eu.consent.web.retention;

import eu.consent.retention.Reactivation;
import eu.consent.shared.InvalidInputException;
import eu.consent.web.Roles;
import eu.consent.web.idempotency.Idempotent;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** {@code POST /api/v1/reactivation-links}: the signed "keep me" link of a re-permission message. */
@Path("api/v1/reactivation-links")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Retention")
public class ReactivationLinkResource {

    @Inject
    Reactivation reactivation;

    /** The answer: the link to put in the message. */
    public record Link(String url) {}

    @POST
    @Idempotent
    @RolesAllowed({Roles.ADMIN, Roles.CAMPAIGN})
    @Operation(
            summary = "A signed \"keep me\" link for a contact nearing the retention limit: GET /stay/{token} shows a"
                    + " page, POST /stay/{token} records the person's act and takes them off the reactivation list")
    public Link create(
            @RequestBody(
                            content =
                                    @Content(
                                            mediaType = "application/json",
                                            schema = @Schema(ref = "ReactivationLinkInput")))
                    JsonObject body) {
        if (body == null) {
            throw new InvalidInputException("contactId", "is required: the id of the contact");
        }
        for (String member : body.keySet()) {
            if (!member.equals("contactId")) {
                throw new InvalidInputException(member, "is not a member of this request");
            }
        }
        JsonValue id = body.get("contactId");
        if (id == null || id.getValueType() == JsonValue.ValueType.NULL) {
            throw new InvalidInputException("contactId", "is required: the id of the contact");
        }
        if (!(id instanceof JsonString text)) {
            // as every other body answers a member of the wrong JSON type (ShapeCheck)
            throw new InvalidInputException("contactId", "must be a UUID");
        }
        UUID contactId;
        try {
            contactId = UUID.fromString(text.getString());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("contactId", "must be a UUID");
        }
        return new Link(reactivation.linkFor(contactId));
    }
}
