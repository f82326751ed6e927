package eu.consent.web.contact;

import eu.consent.contact.ActivityInput;
import eu.consent.contact.Contact;
import eu.consent.contact.ContactInput;
import eu.consent.contact.ContactService;
import eu.consent.contact.LookupInput;
import eu.consent.shared.NotFoundException;
import eu.consent.web.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("api/v1/contacts")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Contacts")
public class ContactResource {

    @Inject
    ContactService contacts;

    @POST
    @RolesAllowed({Roles.ADMIN, Roles.INTEGRATION})
    @Operation(summary = "Create a contact; an email or phone already held is a 409 naming the holder")
    public Response create(
            @RequestBody(content = @Content(schema = @Schema(ref = "ContactInput"))) ContactInput input,
            @jakarta.ws.rs.core.Context UriInfo uri) {
        Contact contact = contacts.create(input);
        return Response.created(uri.getAbsolutePathBuilder()
                        .path(contact.id().toString())
                        .build())
                .entity(ContactView.of(contact))
                .build();
    }

    @GET
    @Path("{id}")
    @RolesAllowed({Roles.ADMIN, Roles.INTEGRATION, Roles.AUDITOR})
    @Operation(summary = "Read a contact")
    public ContactView get(@PathParam("id") String id) {
        return ContactView.of(contacts.get(Ids.contact(id)));
    }

    @POST
    @Path("lookup")
    @RolesAllowed({Roles.ADMIN, Roles.INTEGRATION, Roles.AUDITOR})
    @Operation(summary = "Find a contact by email or phone (a POST, so that the identifier stays out of URLs)")
    public ContactView lookup(
            @RequestBody(content = @Content(schema = @Schema(ref = "LookupInput"))) LookupInput input) {
        return contacts.lookup(input)
                .map(ContactView::of)
                .orElseThrow(() -> new NotFoundException("contact", "with this identifier"));
    }

    @PATCH
    @Path("{id}")
    @Consumes("application/merge-patch+json")
    @RolesAllowed({Roles.ADMIN, Roles.INTEGRATION})
    @Operation(summary = "Change a contact with a JSON merge patch (RFC 7396)")
    public ContactView patch(@PathParam("id") String id, JsonObject patch) {
        return ContactView.of(contacts.patch(Ids.contact(id), current -> MergePatch.apply(current, patch)));
    }

    @POST
    @Path("{id}/activities")
    @RolesAllowed({Roles.ADMIN, Roles.INTEGRATION})
    @Operation(summary = "Report an activity; active types move lastActiveAt forward, OPEN never does")
    public Response activity(
            @PathParam("id") String id,
            @RequestBody(content = @Content(schema = @Schema(ref = "ActivityInput"))) ActivityInput input) {
        contacts.recordActivity(Ids.contact(id), input);
        return Response.noContent().build();
    }
}
