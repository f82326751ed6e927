package eu.consent.web.purpose;

import eu.consent.purpose.Notice;
import eu.consent.purpose.Purpose;
import eu.consent.purpose.PurposeService;
import eu.consent.shared.Page;
import eu.consent.web.PageView;
import eu.consent.web.Roles;
import eu.consent.web.idempotency.Idempotent;
import eu.consent.web.validation.RequestChecks;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("api/v1/purposes")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Purposes and notices")
public class PurposeResource {

    @Inject
    PurposeService purposes;

    @Inject
    RequestChecks checks;

    @POST
    @Idempotent
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Define a purpose; its key is [a-z0-9-]{2,64}")
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = PurposeView.class)))
    public Response create(
            @RequestBody(content = @Content(schema = @Schema(ref = "PurposeInput"))) PurposeRequest input,
            @Context UriInfo uri) {
        Purpose purpose = purposes.create(input.toCommand(checks));
        return Response.created(uri.getAbsolutePathBuilder().path(purpose.key()).build())
                .entity(PurposeView.of(purpose))
                .build();
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.INTEGRATION, Roles.CAMPAIGN, Roles.AUDITOR})
    @Operation(summary = "List purposes by key, paged")
    public PageView<PurposeView> list(@QueryParam("limit") String limit, @QueryParam("after") String after) {
        return PageView.of(purposes.list(Page.limit(limit), after), PurposeView::of);
    }

    @GET
    @Path("{key}")
    @RolesAllowed({Roles.ADMIN, Roles.INTEGRATION, Roles.CAMPAIGN, Roles.AUDITOR})
    @Operation(summary = "Read a purpose")
    public PurposeView get(@PathParam("key") String key) {
        return PurposeView.of(purposes.get(key));
    }

    @PATCH
    @Idempotent
    @Path("{key}")
    @Consumes("application/merge-patch+json")
    @RolesAllowed(Roles.ADMIN)
    @Operation(
            summary = "Rename or retire a purpose with a JSON merge patch (RFC 7396) of names and retired",
            description = "A retired purpose is no longer offered on the preference page and every decision for it is"
                    + " denied with rule PURPOSE_RETIRED; its consents, notices and opt-outs stay. key, kind, channels"
                    + " and the opt-in settings never change (422).")
    public PurposeView change(@PathParam("key") String key, JsonObject patch) {
        return PurposeView.of(purposes.change(key, PurposePatch.read(purposes.get(key), patch)));
    }

    @POST
    @Idempotent
    @Path("{key}/notices")
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Publish the next version of a purpose's notice in one locale; notices never change")
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = NoticeView.class)))
    public Response addNotice(
            @PathParam("key") String key,
            @RequestBody(content = @Content(schema = @Schema(ref = "NoticeInput"))) NoticeRequest input,
            @Context UriInfo uri) {
        purposes.get(key); // an unknown purpose is a 404 before any error of the body
        Notice notice = purposes.addNotice(key, input.toCommand(checks));
        return Response.created(uri.getAbsolutePathBuilder()
                        .path(notice.id().toString())
                        .build())
                .entity(NoticeView.of(notice))
                .build();
    }

    @GET
    @Path("{key}/notices/{id}")
    @RolesAllowed({Roles.ADMIN, Roles.INTEGRATION, Roles.CAMPAIGN, Roles.AUDITOR})
    @Operation(summary = "Read one notice of a purpose")
    public NoticeView notice(@PathParam("key") String key, @PathParam("id") String id) {
        return NoticeView.of(purposes.notice(key, id));
    }

    @GET
    @Path("{key}/notices")
    @RolesAllowed({Roles.ADMIN, Roles.INTEGRATION, Roles.CAMPAIGN, Roles.AUDITOR})
    @Operation(summary = "List a purpose's notices by locale and version, paged")
    public PageView<NoticeView> notices(
            @PathParam("key") String key, @QueryParam("limit") String limit, @QueryParam("after") String after) {
        return PageView.of(purposes.notices(key, Page.limit(limit), after), NoticeView::of);
    }
}
