package eu.consent.web.console;

import eu.consent.audit.AuditEntry;
import eu.consent.consent.ConsentAction;
import eu.consent.consent.ConsentState;
import eu.consent.consent.Evidence;
import eu.consent.consent.Proof;
import eu.consent.contact.Activity;
import eu.consent.contact.Contact;
import eu.consent.contact.ContactService;
import eu.consent.privacy.AccessExport;
import eu.consent.privacy.PrivacyService;
import eu.consent.shared.InvalidInputException;
import eu.consent.shared.NotFoundException;
import eu.consent.suppression.Suppression;
import eu.consent.web.contact.AccessExportView;
import eu.consent.web.contact.LookupRequest;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * A person's story, for the DPO: found by email, phone or external id through a POST form (no personal data in an
 * address or an access log), then one timeline of their consents (with proof and the exact notice text), suppressions,
 * activities and audit entries; the access export as a download; and, for the admin, erasure after a confirmation
 * that names what is deleted and what is kept as a hash.
 */
@Path("console/people")
@Produces(MediaType.TEXT_HTML)
public class PeoplePage {

    private static final String FIND = "/console/people";
    private static final String EXPORT = "/console/people/export";
    private static final String ERASE = "/console/people/erase";
    private static final String ERASE_CONFIRMED = "/console/people/erase/confirm";
    private static final int MAX_VALUE = 320;

    @Inject
    Console console;

    @Inject
    ContactService contacts;

    @Inject
    PrivacyService privacy;

    @Context
    HttpServletRequest request;

    @GET
    @Operation(hidden = true)
    public Response form() {
        console.reader(request);
        return search(200, null, null);
    }

    private Response search(int status, String error, Map<String, Object> story) {
        ConsoleView view = console.view(request);
        Map<String, Object> model = new HashMap<>();
        model.put("self", FIND);
        model.put("token", console.formToken(request, FIND));
        if (error != null) {
            model.put("error", view.text(error));
        }
        if (story != null) {
            model.put("story", story);
        }
        return console.page(request, view, status, "people", view.text("nav.people"), "people", model);
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response find(MultivaluedMap<String, String> form) {
        console.readerPosting(request, form.getFirst("form"), FIND);
        String kind = String.valueOf(form.getFirst("kind"));
        String value = Optional.ofNullable(form.getFirst("value")).orElse("").strip();
        if (value.isEmpty() || value.length() > MAX_VALUE) {
            return search(422, "people.invalid", null);
        }
        List<Contact> found;
        try {
            found = switch (kind) {
                case "email" ->
                    contacts.lookup(new LookupRequest(value, null).toCommand()).stream()
                            .toList();
                case "phone" ->
                    contacts.lookup(new LookupRequest(null, value).toCommand()).stream()
                            .toList();
                // A CRM's id need not be unique: every contact holding it is named, so that none is missed.
                case "externalId" -> contacts.byExternalId(value);
                case "id" -> byId(value).stream().toList();
                default -> throw new InvalidInputException("kind", "must be email, phone, externalId or id");
            };
        } catch (InvalidInputException e) {
            return search(422, "people.invalid", null);
        }
        if (found.isEmpty()) {
            return search(404, "people.notFound", null);
        }
        Map<String, Object> story = story(found.get(0).id());
        if (found.size() > 1) {
            story.put(
                    "shared",
                    found.stream()
                            .skip(1)
                            .map(c -> Map.of("id", c.id().toString()))
                            .toList());
            story.put("sharedCount", found.size());
        }
        return search(200, null, story);
    }

    private Optional<Contact> byId(String value) {
        try {
            UUID id = UUID.fromString(value);
            return contacts.exists(id) ? Optional.of(contacts.get(id)) : Optional.empty();
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("value", "is not a contact id");
        }
    }

    private Map<String, Object> story(UUID id) {
        ConsoleView view = console.view(request);
        ConsoleUser user = console.user(request);
        AccessExport e = privacy.export(id);
        Contact c = e.contact();
        Map<String, Object> story = new HashMap<>();
        story.put("id", id.toString());
        story.put("email", c.email());
        story.put("phone", c.phone());
        story.put("externalId", c.externalId());
        story.put("locale", c.locale());
        story.put("country", c.country());
        story.put("audience", c.audience().name());
        story.put("customer", c.isCustomer());
        story.put("createdAt", time(c.createdAt()));
        story.put("lastActiveAt", c.lastActiveAt() == null ? "–" : time(c.lastActiveAt()));
        Table states = new Table(
                view.text("people.current"),
                List.of(
                        view.text("column.purpose"),
                        view.text("column.channel"),
                        view.text("column.state"),
                        view.text("column.basis"),
                        view.text("column.date")));
        e.consents()
                .forEach(s -> states.row(List.of(
                        s.purposeKey(),
                        s.channel().name(),
                        view.label("value", s.state().name()),
                        s.basis() == null ? "–" : view.label("value", s.basis().name()),
                        time(s.since()))));
        story.put("states", states.model(view));
        story.put("timeline", timeline(view, e));
        story.put("exportToken", console.formToken(request, EXPORT));
        if (user.mayChange()) {
            story.put("eraseToken", console.formToken(request, ERASE));
        }
        return story;
    }

    /** One line of the timeline: when, what kind of fact, a heading, details, and the notice text if any. */
    private record Line(Instant at, String kind, String what, List<String> details, String notice) {}

    private static List<Map<String, Object>> timeline(ConsoleView view, AccessExport e) {
        List<Line> lines = new ArrayList<>();
        for (Evidence ev : e.history()) {
            var event = ev.event();
            List<String> details = new ArrayList<>();
            details.add(view.text("people.source") + ": "
                    + view.label("value", event.source().name()));
            if (event.origin() != null) {
                // How an imported event was first collected, as the API's history gives it (tester AM's F8: until
                // 2026-12-07 the console said "import" for the paper form and the web form alike).
                details.add(view.text("people.origin") + ": "
                        + view.label("value", event.origin().name()));
            }
            details.add(view.text("column.basis") + ": "
                    + view.label("value", event.basis().name()));
            details.add(view.text("people.stateLeft") + ": "
                    + (ev.stateLeft() == ConsentState.NONE
                            ? "—"
                            : view.label("value", ev.stateLeft().name())));
            Proof p = event.proof();
            if (p != null) {
                addIf(details, "IP", p.ip());
                addIf(details, view.text("people.userAgent"), p.userAgent());
                addIf(details, view.text("people.formUrl"), p.formUrl());
                addIf(details, view.text("people.agent"), p.agentId());
                addIf(details, view.text("people.script"), p.scriptRef());
            }
            String notice = null;
            if (ev.notice() != null) {
                details.add(view.text(
                        "people.notice",
                        ev.notice().version(),
                        ev.notice().locale(),
                        ev.notice().sha256()));
                notice = ev.notice().text();
            }
            lines.add(new Line(
                    event.countsAt(), // where it counts, as the history lists it: never after a later opt-out
                    view.text("people.kind.consent"),
                    view.label("value", event.action().name()) + " · " + event.purposeKey() + " · "
                            + event.channel().name(),
                    details,
                    notice));
        }
        for (Suppression s : e.suppressions()) {
            lines.add(new Line(
                    s.createdAt(),
                    view.text("people.kind.suppression"),
                    view.label("value", s.reason().name()) + " · " + s.channel().name()
                            + (s.purposeKey() == null ? "" : " · " + s.purposeKey()),
                    List.of(view.text("people.source") + ": " + view.source(s.source())),
                    null));
        }
        for (Activity a : e.activities()) {
            lines.add(new Line(
                    a.occurredAt(),
                    view.text("people.kind.activity"),
                    view.label("value", a.type().name()),
                    List.of(),
                    null));
        }
        for (AuditEntry a : e.audit()) {
            lines.add(new Line(
                    a.occurredAt(),
                    view.text("people.kind.audit"),
                    view.label("audit", a.action()),
                    List.of(view.text("people.actor") + ": " + a.actor()),
                    null));
        }
        lines.sort(Comparator.comparing(Line::at).reversed());
        List<Map<String, Object>> model = new ArrayList<>();
        for (Line l : lines) {
            Map<String, Object> m = new HashMap<>();
            m.put("at", time(l.at()));
            m.put("kind", l.kind());
            m.put("what", l.what());
            m.put("details", l.details());
            m.put("hasDetails", !l.details().isEmpty());
            if (l.notice() != null) {
                m.put("notice", l.notice());
            }
            model.add(m);
        }
        return model;
    }

    private static void addIf(List<String> details, String label, String value) {
        if (value != null && !value.isBlank()) {
            details.add(label + ": " + value);
        }
    }

    private static String time(Instant t) {
        return t == null ? "–" : t.toString().replace('T', ' ').replaceAll("\\.\\d+Z$", "Z");
    }

    @POST
    @Path("export")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Response export(MultivaluedMap<String, String> form) {
        console.readerPosting(request, form.getFirst("form"), EXPORT);
        UUID id = id(form);
        boolean mayAct = console.user(request).mayChange();
        return Response.ok(
                        AccessExportView.of(privacy.answerAccessRequest(id, "console"), mayAct),
                        MediaType.APPLICATION_JSON_TYPE)
                .header("Content-Disposition", "attachment; filename=\"access-export-" + id + ".json\"")
                .header("Cache-Control", "no-store")
                .build();
    }

    @POST
    @Path("erase")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response confirmErasure(MultivaluedMap<String, String> form) {
        console.changer(request, form.getFirst("form"), ERASE);
        UUID id = id(form);
        AccessExport e = privacy.export(id);
        ConsoleView view = console.view(request);
        boolean optedOut = e.history().stream()
                        .anyMatch(ev -> ev.event().action() == ConsentAction.WITHDRAW
                                || ev.event().action() == ConsentAction.OBJECT)
                || !e.suppressions().isEmpty();
        Map<String, Object> model = new HashMap<>();
        model.put("self", FIND);
        model.put("id", id.toString());
        model.put("events", e.history().size());
        model.put("states", e.consents().size());
        model.put("activities", e.activities().size());
        model.put("kept", optedOut);
        model.put("token", console.formToken(request, ERASE_CONFIRMED));
        return console.page(request, view, "people", view.text("people.erase.title"), "erase", model);
    }

    @POST
    @Path("erase/confirm")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response erase(MultivaluedMap<String, String> form) {
        console.changer(request, form.getFirst("form"), ERASE_CONFIRMED);
        UUID id = id(form);
        privacy.erase(id);
        ConsoleView view = console.view(request);
        return console.page(
                request,
                view,
                "people",
                view.text("people.erased.title"),
                "message",
                Map.of("body", view.text("people.erased.body"), "self", FIND));
    }

    private static UUID id(MultivaluedMap<String, String> form) {
        try {
            return UUID.fromString(String.valueOf(form.getFirst("id")));
        } catch (IllegalArgumentException e) {
            throw new NotFoundException("no contact has this id, which is not a UUID");
        }
    }
}
