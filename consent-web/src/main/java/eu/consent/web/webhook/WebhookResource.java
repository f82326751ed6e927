package eu.consent.web.webhook;

import eu.consent.shared.Page;
import eu.consent.web.PageView;
import eu.consent.web.PathIds;
import eu.consent.web.Roles;
import eu.consent.web.idempotency.Idempotent;
import eu.consent.webhook.Webhooks;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("api/v1/webhooks")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
@Tag(name = "Webhooks")
public class WebhookResource {

    @Inject
    Webhooks webhooks;

    /** A rotated secret: the new one, shown once, and until when the previous one still signs too. */
    public record RotatedView(String id, String secret, Instant previousSecretValidUntil) {}

    @POST
    @Idempotent
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Subscribe a URL to events; the answer holds the signing secret, shown this once")
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = WebhookView.class)))
    public Response subscribe(WebhookInput input, @Context UriInfo uri) {
        Webhooks.Created created =
                webhooks.subscribe(input.url(), input.events(), Boolean.TRUE.equals(input.includeIdentifiers()));
        return Response.created(uri.getAbsolutePathBuilder()
                        .path(created.subscription().id().toString())
                        .build())
                .entity(WebhookView.of(created.subscription(), created.secret()))
                .build();
    }

    @GET
    @Operation(summary = "The subscriptions, oldest first, paged, with their state (a disabled one says why)")
    public PageView<WebhookView> list(@QueryParam("limit") String limit, @QueryParam("after") String after) {
        return PageView.of(webhooks.list(Page.limit(limit), after), s -> WebhookView.of(s, null));
    }

    @GET
    @Path("{id}")
    @Operation(summary = "One subscription")
    public WebhookView get(@PathParam("id") String id) {
        return WebhookView.of(webhooks.get(id(id)), null);
    }

    @DELETE
    @Idempotent
    @Path("{id}")
    @Operation(summary = "Delete a subscription and what is queued for it")
    public Response delete(@PathParam("id") String id) {
        webhooks.delete(id(id));
        return Response.noContent().build();
    }

    @POST
    @Idempotent
    @Path("{id}/secret/rotate")
    @Operation(summary = "A new signing secret; the previous one keeps signing during the overlap")
    public RotatedView rotate(@PathParam("id") String id) {
        Webhooks.Rotated rotated = webhooks.rotateSecret(id(id));
        return new RotatedView(id, rotated.secret(), rotated.previousSecretUntil());
    }

    @POST
    @Idempotent
    @Path("{id}/enable")
    @Operation(summary = "Enable a subscription that failing deliveries disabled")
    public WebhookView enable(@PathParam("id") String id) {
        return WebhookView.of(webhooks.enable(id(id)), null);
    }

    @GET
    @Path("{id}/deliveries")
    @Operation(summary = "Deliveries, newest first: status, attempts with HTTP status and duration, next try")
    public PageView<DeliveryView> deliveries(
            @PathParam("id") String id, @QueryParam("limit") String limit, @QueryParam("after") String after) {
        return PageView.of(webhooks.deliveries(id(id), Page.limit(limit), after), DeliveryView::of);
    }

    @POST
    @Idempotent
    @Path("{id}/deliveries/{deliveryId}/redeliver")
    @Operation(summary = "Send a delivered or given-up message again")
    public Response redeliver(@PathParam("id") String id, @PathParam("deliveryId") String deliveryId) {
        var message = webhooks.redeliver(id(id), PathIds.uuid("delivery", deliveryId));
        return Response.accepted(DeliveryView.of(new Webhooks.Delivery(message, java.util.List.of(), null)))
                .build();
    }

    private static UUID id(String raw) {
        return PathIds.uuid("webhook", raw);
    }
}
