package eu.consent.web.optout;

import eu.consent.audit.BulkReads;
import eu.consent.batch.jobs.Jobs;
import eu.consent.contact.Contact;
import eu.consent.contact.ContactService;
import eu.consent.contact.IdentifiersInText;
import eu.consent.optout.OutweighedOptOuts;
import eu.consent.purpose.IdentifierKind;
import eu.consent.shared.NotFoundException;
import eu.consent.shared.Utf8Text;
import eu.consent.suppression.Suppression;
import eu.consent.suppression.SuppressionService;
import eu.consent.suppression.sources.SnapshotReport;
import eu.consent.suppression.sources.SuppressionSources;
import eu.consent.suppression.sources.formats.EspFormat;
import eu.consent.suppression.sources.formats.OutboundFormats;
import eu.consent.web.Csv;
import eu.consent.web.QueryParams;
import eu.consent.web.Roles;
import eu.consent.web.idempotency.Idempotent;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("api/v1/suppression-sources/{name}")
@RequestScoped
@Tag(name = "Opt-out")
public class SuppressionSourceResource {

    private static final int HOLDERS_PER_QUERY = 500;

    @Inject
    SuppressionSources sources;

    @Inject
    SuppressionService suppressions;

    @Inject
    ContactService contacts;

    @Inject
    Jobs jobs;

    @Inject
    BulkReads bulkReads;

    @Inject
    OutweighedOptOuts outweighed;

    @Inject
    eu.consent.suppression.OutboundHolds holds;

    /** What an upload did: the report and the job applying it. */
    public record Accepted(SnapshotReport report, Long executionId) {}

    @PUT
    @Idempotent(streamed = true)
    @Path("snapshot")
    @Consumes({"text/csv", MediaType.TEXT_PLAIN, "application/x-ndjson"})
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({Roles.ADMIN, Roles.INTEGRATION})
    @Operation(
            summary =
                    "Upload the full list of an external source (CSV identifier,reason,date, or a provider's own export"
                            + " with format=ses|mailgun-unsubscribes|mailgun-bounces|sendgrid|postmark|brevo|mailchimp|bloctel);"
                            + " applied as a diff by"
                            + " the suppression-resync job; a snapshot removing more than the guard share is a 409 unless"
                            + " force=true")
    @APIResponse(
            responseCode = "202",
            description = "Staged; the suppression-resync job applies it; Location names its execution",
            content = @Content(mediaType = "application/json", schema = @Schema(implementation = Accepted.class)))
    public Response snapshot(
            @PathParam("name") String name,
            @QueryParam("force") @Parameter(schema = @Schema(type = SchemaType.BOOLEAN)) String force,
            @QueryParam("format") String format,
            @RequestBody(
                            description = "the whole list, in the format named by format",
                            content = {
                                @Content(mediaType = "text/csv", schema = @Schema(type = SchemaType.STRING)),
                                @Content(mediaType = "text/plain", schema = @Schema(type = SchemaType.STRING)),
                                @Content(mediaType = "application/x-ndjson", schema = @Schema(type = SchemaType.STRING))
                            })
                    InputStream body,
            @Context UriInfo uri) {
        // A snapshot creates its source: a name breaking the rule is a 422 naming it, not a 404.
        SuppressionSources.checkNewName(name);
        sources.refuseIdentifierAsNewName(name);
        boolean forced = QueryParams.bool("force", force);
        EspFormat espFormat = EspFormat.of(format);
        // Text as an import's is: a binary file or one that is not UTF-8 is refused (422), not read as lines.
        SnapshotReport report = sources.stage(name, espFormat, Utf8Text.reader(body), forced);
        long execution = jobs.startResync(name);
        // Location names the run, as an import's and a job's 202 do (until 2026-12-06 it had none).
        return Response.accepted(new Accepted(report, execution))
                .location(uri.getBaseUriBuilder()
                        .path("api/v1/jobs/executions/{id}")
                        .build(execution))
                .build();
    }

    @GET
    @Path("outbound")
    @Produces({"text/csv", MediaType.TEXT_PLAIN})
    @RolesAllowed({Roles.ADMIN, Roles.INTEGRATION})
    @Operation(
            summary =
                    "Our own opt-outs since the source's last run (or ?since=), as CSV identifier,reason,date (or the file"
                            + " the provider named by format= imports), for the"
                            + " list's owner to apply too; addresses nobody holds any more are known only by hash and"
                            + " left out, unless consent.erasure.outbound-hold-days keeps an erased person's for a while")
    public Response outbound(
            @PathParam("name") String name, @QueryParam("since") String since, @QueryParam("format") String format) {
        SuppressionSources.checkName(name);
        EspFormat espFormat = EspFormat.of(format);
        if (!sources.known(name)) {
            // A list that was never set up has no "last run": answering every opt-out since 1970 would hand our
            // whole list of addresses to whoever types a new name.
            throw new NotFoundException("suppression source", name);
        }
        // An empty since= is no since (as an empty from= elsewhere): a script passing an unset variable got an empty
        // file, and believed its provider had every opt-out (until 2026-12-06).
        Instant from = since == null || since.isEmpty()
                ? sources.previousRun(name)
                : eu.consent.web.QueryParams.instant("since", since);
        // Audited once the request is read: a since= that is no date (an address typed in its place) is a 422 that
        // read nothing, and was on record as a read, its text kept for ever (until 2026-12-06).
        bulkReads.record(
                "outbound",
                "suppression-source",
                name,
                Collections.singletonMap("since", since == null ? null : IdentifiersInText.masked(since)));
        String own = SuppressionSources.PREFIX + name;
        holds.sweep();
        StreamingOutput stream = out -> {
            Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
            OutboundFormats.header(espFormat, w);
            for (IdentifierKind kind : OutboundFormats.kinds(espFormat)) {
                write(espFormat, kind, from, own, w);
            }
            w.flush();
        };
        return Response.ok(stream, OutboundFormats.mediaType(espFormat)).build();
    }

    /** The opt-outs on one kind of identifier, a page at a time: a period of a million is never held in memory. */
    private void write(EspFormat espFormat, IdentifierKind kind, Instant from, String own, Writer w)
            throws java.io.IOException {
        Suppression last = null;
        List<Suppression> page;
        do {
            page = suppressions.since(from, kind.name(), last, HOLDERS_PER_QUERY);
            if (!page.isEmpty()) {
                last = page.get(page.size() - 1);
            }
            java.util.function.Predicate<Suppression> sent = s -> s.isForProviders()
                    && OutboundFormats.carries(espFormat, s.reason())
                    && OutboundFormats.carries(espFormat, s.channel())
                    && !s.source().equals(own);
            List<Suppression> candidates = page.stream().filter(sent).toList();
            Map<String, Contact> holders = candidates.isEmpty()
                    ? Map.of()
                    : contacts.byHashes(
                            candidates.stream().map(Suppression::identifierHash).collect(Collectors.toSet()));
            // An unsubscribe from everything the person has answered since by a new opt-in of their own stays ours
            // to apply, as one from a single purpose does (tester AH's F5, until 2026-12-07); weighed before an
            // address's entries are made one line, so that it never hides a complaint or a later unsubscribe.
            java.util.function.Predicate<Suppression> ours =
                    sent.and(outweighed.test(holders).negate());
            // An address once in a provider's file; our own format keeps a line per reason (a bounce and an
            // unsubscribe are two facts), never the same twice.
            List<Suppression> part = suppressions.firstOfTheirKey(
                    candidates.stream().filter(ours).toList(),
                    from,
                    ours,
                    espFormat == EspFormat.GENERIC
                            ? s -> s.identifierHash() + "|" + s.reason()
                            : Suppression::identifierHash);
            // An address nobody holds any more: an erased person's, kept for the providers a while (OutboundHolds).
            Map<String, String> held = holds.identifiers(part.stream()
                    .map(Suppression::identifierHash)
                    .filter(h -> !holders.containsKey(h))
                    .collect(Collectors.toSet()));
            for (Suppression s : part) {
                Contact holder = holders.get(s.identifierHash());
                String identifier = holder == null
                        ? held.get(s.identifierHash())
                        : kind == IdentifierKind.EMAIL ? holder.email() : holder.phone();
                if (identifier != null) {
                    OutboundFormats.row(
                            espFormat,
                            new OutboundFormats.Row(identifier, s.reason(), s.createdAt()),
                            w,
                            SuppressionSourceResource::identifierCell);
                }
            }
        } while (page.size() == HOLDERS_PER_QUERY);
    }

    /**
     * An identifier in the generic outbound file: as the exports write a cell, but for a phone number, which goes as it
     * is: the file is loaded by SMS platforms, which took {@code '+33612345678} for no number (AD-F6, until 2026-12-06),
     * and a plus sign followed by digits alone is no formula a spreadsheet would run.
     */
    static String identifierCell(String identifier) {
        return INTERNATIONAL_NUMBER.matcher(identifier).matches() ? identifier : Csv.cell(identifier);
    }

    private static final java.util.regex.Pattern INTERNATIONAL_NUMBER =
            java.util.regex.Pattern.compile("\\+[0-9]{4,15}");
}
