package eu.consent.web.optout;

import eu.consent.contact.Contact;
import eu.consent.contact.ContactService;
import eu.consent.purpose.Channel;
import eu.consent.purpose.PurposeService;
import eu.consent.shared.Page;
import eu.consent.shared.Violations;
import eu.consent.suppression.Suppression;
import eu.consent.suppression.SuppressionFilter;
import eu.consent.suppression.SuppressionReason;
import eu.consent.suppression.SuppressionService;
import eu.consent.web.PageView;
import eu.consent.web.PathIds;
import eu.consent.web.QueryParams;
import eu.consent.web.Roles;
import eu.consent.web.idempotency.Idempotent;
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
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("api/v1/suppressions")
@RequestScoped
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Opt-out")
public class SuppressionResource {

    /**
     * One entry: any id but {@code lookup}, a POST-only path, so that another method there is the 405 naming POST
     * rather than "suppression lookup was not found" (tester BK's F9, until 2026-12-08).
     */
    private static final String ONE = "{id: (?!lookup$)[^/]+}";

    @Inject
    eu.consent.audit.BulkReads bulkReads;

    @Inject
    SuppressionService suppressions;

    @Inject
    ContactService contacts;

    @Inject
    PurposeService purposes;

    @Inject
    eu.consent.optout.OptOutService optOuts;

    @POST
    @Idempotent
    @RolesAllowed({Roles.ADMIN, Roles.INTEGRATION})
    @Operation(
            summary = "Suppress an email, a phone (international form) or a postal address on a channel, for all or"
                    + " one purpose")
    @APIResponse(
            responseCode = "201",
            description = "Created",
            content =
                    @Content(mediaType = "application/json", schema = @Schema(implementation = SuppressionView.class)))
    public Response add(
            @RequestBody(content = @Content(schema = @Schema(ref = "SuppressionInput"))) SuppressionRequest input,
            @Context SecurityContext principal,
            @Context UriInfo uri) {
        String caller = "api:" + principal.getUserPrincipal().getName();
        Suppression entry = optOuts.addForClient(input.toCommand(purposes::exists, caller), caller);
        return Response.created(
                        uri.getAbsolutePathBuilder().path(entry.id().toString()).build())
                .entity(view(entry))
                .build();
    }

    @GET
    @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
    @Operation(summary = "The suppression list, oldest first, paged; filters channel, reason, source")
    public PageView<SuppressionView> list(
            @QueryParam("channel") String channel,
            @QueryParam("reason") String reason,
            @QueryParam("source") String source,
            @QueryParam("limit") String limit,
            @QueryParam("after") String after) {
        Violations v = new Violations();
        SuppressionFilter filter = new SuppressionFilter(
                v.enumValue("channel", channel, Channel.class),
                v.enumValue("reason", reason, SuppressionReason.class),
                QueryParams.name("source", source));
        v.throwIfAny();
        Page<Suppression> page = suppressions.list(filter, Page.limit(limit), after);
        // a page names up to 1,000 people's addresses in clear: a bulk read of personal data, audited as the others
        Map<String, String> asked = new java.util.LinkedHashMap<>();
        asked.put("channel", channel);
        asked.put("reason", reason);
        asked.put("source", source == null ? null : eu.consent.contact.IdentifiersInText.masked(source));
        asked.put("limit", limit);
        asked.put("after", after);
        bulkReads.record("suppressions", "list", null, asked);
        Map<String, Contact> holders = contacts.byHashes(
                page.items().stream().map(Suppression::identifierHash).collect(Collectors.toSet()));
        return PageView.of(page, s -> SuppressionView.of(s, clear(s, holders.get(s.identifierHash()))));
    }

    /**
     * Every entry kept on one identifier, oldest first: how a data-protection officer shows that a person who writes
     * "you mailed me after I said stop" is blocked, and since when and why, also after that person's erasure, when the
     * entries are known only by the identifier's keyed hash and no contact holds it (tester BI's F1: until 2026-12-07
     * nothing matched an identifier against them). By POST, so that no address lands in a URL; audited as a read.
     */
    @POST
    @Path("lookup")
    @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
    @Operation(
            summary = "The entries kept on one email, phone (international form) or postal address, oldest first,"
                    + " found by its keyed hash: also those of a person erased since")
    public PageView<SuppressionView> lookup(
            @RequestBody(content = @Content(schema = @Schema(ref = "SuppressionLookup"))) SuppressionRequest input) {
        if (input == null) {
            throw new eu.consent.shared.InvalidInputException(
                    "email", "give exactly one of email, phone or postalAddress");
        }
        String identifier = input.lookedUp();
        List<Suppression> entries = suppressions.onIdentifier(identifier);
        bulkReads.record("suppressions", "lookup", null, Map.of("found", String.valueOf(entries.size())));
        Map<String, Contact> holders = contacts.byHashes(
                entries.stream().map(Suppression::identifierHash).collect(Collectors.toSet()));
        return new PageView<>(
                entries.stream()
                        .map(s -> SuppressionView.of(s, clear(s, holders.get(s.identifierHash()))))
                        .toList(),
                null);
    }

    @GET
    @Path(ONE)
    @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
    @Operation(summary = "One suppression entry")
    public SuppressionView get(@PathParam("id") String id) {
        return view(suppressions.get(id));
    }

    @DELETE
    @Idempotent
    @Path(ONE)
    @RolesAllowed(Roles.ADMIN)
    @Operation(summary = "Delete a MANUAL entry; any other (the person's opt-out, a bounce, a complaint) is a 409")
    public Response delete(@PathParam("id") String id) {
        // Not repeated when it is no id: a careless client puts the address there (tester AP's F9).
        suppressions.delete(PathIds.uuid("suppression", id).toString());
        return Response.noContent().build();
    }

    private SuppressionView view(Suppression s) {
        return SuppressionView.of(
                s, clear(s, contacts.byHash(s.identifierHash()).orElse(null)));
    }

    /** The identifier in clear, while a contact holds it. */
    private static String clear(Suppression s, Contact holder) {
        if (holder == null) {
            return null;
        }
        return switch (s.identifierKind()) {
            case EMAIL -> holder.email();
            case PHONE -> holder.phone();
            case POSTAL -> null; // an address is never echoed: the entry is about the envelope, not a login
        };
    }
}
