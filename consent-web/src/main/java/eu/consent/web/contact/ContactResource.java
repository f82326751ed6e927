package eu.consent.web.contact;

import eu.consent.consent.ConsentLedger;
import eu.consent.contact.Contact;
import eu.consent.contact.ContactService;
import eu.consent.preference.PreferenceService;
import eu.consent.privacy.PrivacyService;
import eu.consent.purpose.PurposeService;
import eu.consent.shared.NotFoundException;
import eu.consent.web.PathIds;
import eu.consent.web.Roles;
import eu.consent.web.consent.ConsentEventView;
import eu.consent.web.consent.ConsentStateView;
import eu.consent.web.idempotency.Idempotent;
import eu.consent.web.json.JsonBodyReader;
import eu.consent.web.validation.RequestChecks;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("api/v1/contacts")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Contacts")
public class ContactResource {

    /**
     * One contact: any id but {@code lookup}, a POST-only path, so that another method there is the 405 naming POST
     * rather than "contact lookup was not found".
     */
    private static final String ONE = "{id: (?!lookup$)[^/]+}";

    @Inject
    ContactService contacts;

    @Inject
    RequestChecks checks;

    @Inject
    PurposeService purposes;

    @Inject
    ConsentLedger ledger;

    @Inject
    PrivacyService privacy;

    @Inject
    PreferenceService preferences;

    @POST
    @Idempotent
    @RolesAllowed({Roles.ADMIN, Roles.INTEGRATION})
    @Operation(summary = "Create a contact; an email or phone already held is a 409 naming the holder")
    @APIResponse(
            responseCode = "201",
            description = "Created; Location names the contact",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = ContactView.class)))
    public Response create(
            @RequestBody(content = @Content(schema = @Schema(ref = "ContactInput"))) ContactRequest input,
            @jakarta.ws.rs.core.Context UriInfo uri) {
        Contact contact = contacts.create(input.toDetails());
        return Response.created(uri.getAbsolutePathBuilder()
                        .path(contact.id().toString())
                        .build())
                .entity(ContactView.of(contact))
                .build();
    }

    @GET
    @Path(ONE)
    @RolesAllowed({Roles.ADMIN, Roles.INTEGRATION, Roles.AUDITOR})
    @Operation(summary = "Read a contact")
    public ContactView get(@PathParam("id") String id) {
        return ContactView.of(contacts.get(PathIds.contact(id)));
    }

    @POST
    @Path("lookup")
    @RolesAllowed({Roles.ADMIN, Roles.INTEGRATION, Roles.AUDITOR})
    @Operation(summary = "Find a contact by email or phone (a POST, so that the identifier stays out of URLs)")
    public ContactView lookup(
            @RequestBody(content = @Content(schema = @Schema(ref = "LookupInput"))) LookupRequest input) {
        return contacts.lookup(input.toCommand())
                .map(ContactView::of)
                .orElseThrow(() -> new NotFoundException("no contact has this email or phone"));
    }

    @PATCH
    @Idempotent
    @Path(ONE)
    @Consumes("application/merge-patch+json")
    @RolesAllowed({Roles.ADMIN, Roles.INTEGRATION})
    @Operation(summary = "Change a contact with a JSON merge patch (RFC 7396)")
    public ContactView patch(@PathParam("id") String id, JsonObject patch) {
        return ContactView.of(
                contacts.patch(PathIds.contact(id), current -> MergePatch.apply(ContactRequest.of(current), patch)
                        .toDetails()));
    }

    @POST
    @Idempotent
    @Path("{id}/activities")
    @RolesAllowed({Roles.ADMIN, Roles.INTEGRATION})
    @Operation(summary = "Report an activity; active types move lastActiveAt forward, OPEN never does")
    public Response activity(
            @PathParam("id") String id,
            @RequestBody(content = @Content(schema = @Schema(ref = "ActivityInput"))) ActivityRequest input) {
        UUID contact = PathIds.contact(id);
        contacts.recordActivity(contact, input.checkedType(checks), input.occurredAt());
        return Response.noContent().build();
    }

    @GET
    @Path("{id}/consents")
    @RolesAllowed({Roles.ADMIN, Roles.INTEGRATION, Roles.AUDITOR})
    @Operation(summary = "The current consent state per purpose and channel")
    public List<ConsentStateView> consents(@PathParam("id") String id) {
        return ledger.current(PathIds.contact(id)).stream()
                .map(ConsentStateView::of)
                .toList();
    }

    @GET
    @Path("{id}/consents/history")
    @RolesAllowed({Roles.ADMIN, Roles.INTEGRATION, Roles.AUDITOR})
    @Operation(summary = "Every consent event, oldest first, with its proof and the notice shown")
    public List<ConsentEventView> history(@PathParam("id") String id) {
        return ledger.history(PathIds.contact(id)).stream()
                .map(ConsentEventView::of)
                .toList();
    }

    @GET
    @Path("{id}/export")
    @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
    @Operation(summary = "Access request (GDPR art. 15): everything held on the person in one document")
    public AccessExportView export(@PathParam("id") String id, @Context SecurityContext caller) {
        return AccessExportView.of(
                privacy.answerAccessRequest(PathIds.contact(id), "api"), caller.isUserInRole(Roles.ADMIN));
    }

    @DELETE
    @Idempotent
    @Path(ONE)
    @RolesAllowed({Roles.ADMIN, Roles.INTEGRATION})
    @Operation(
            summary = "Erasure (GDPR art. 17): personal data and consent history go; an opt-out the person had"
                    + " keeps blocking their identifiers as a keyed hash")
    public Response erase(@PathParam("id") String id) {
        privacy.erase(PathIds.contact(id));
        return Response.noContent().build();
    }

    @GET
    @Path("{id}/preferences")
    @RolesAllowed({Roles.ADMIN, Roles.INTEGRATION, Roles.AUDITOR})
    @Operation(summary = "Frequency caps per purpose, preferred channels and pause")
    public PreferencesView preferences(@PathParam("id") String id) {
        return PreferencesView.of(preferences.get(PathIds.contact(id)));
    }

    @PUT
    @Idempotent
    @Path("{id}/preferences")
    @RolesAllowed({Roles.ADMIN, Roles.INTEGRATION})
    @Operation(
            summary = "Change the preferences: each member sent replaces its value (frequency {} clears the caps,"
                    + " channels [] the channel preference, pausedUntil null lifts the pause), a member left out is"
                    + " kept, {} changes nothing. A change is audited and counts as a PREFERENCE_CHANGE activity")
    public PreferencesView replacePreferences(
            @PathParam("id") String id,
            @RequestBody(content = @Content(schema = @Schema(ref = "PreferencesInput"))) JsonObject body) {
        // read as an object first: JSON-B would make a member left out and a member sent as null the same
        PreferencesRequest input = (PreferencesRequest) JsonBodyReader.bind(body, PreferencesRequest.class);
        return PreferencesView.of(
                preferences.change(PathIds.contact(id), input.toCommand(checks, purposes::exists, body.keySet())));
    }
}
