package eu.consent.web.console;

import eu.consent.purpose.Channel;
import eu.consent.purpose.Purpose;
import eu.consent.purpose.PurposeChange;
import eu.consent.purpose.PurposeService;
import eu.consent.shared.DomainException;
import eu.consent.shared.InvalidInputException;
import eu.consent.shared.Jsons;
import eu.consent.shared.Page;
import eu.consent.web.problem.DomainExceptionMapper;
import eu.consent.web.purpose.NoticeRequest;
import eu.consent.web.purpose.PurposeRequest;
import eu.consent.web.validation.RequestChecks;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
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
import java.io.StringReader;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Purposes and their notices: everyone signed in reads them; the admin creates a purpose, renames it, publishes the
 * next version of a notice, retires a purpose (no longer offered nor sent; its history stays) or puts it back. The
 * same services as the API, so the same rules and the same audit entries.
 */
@Path("console/purposes")
@Produces(MediaType.TEXT_HTML)
public class PurposesPage {

    private static final String SELF = "/console/purposes";
    private static final String CREATE = SELF + "/create";
    private static final String RENAME = SELF + "/rename";
    private static final String NOTICE = SELF + "/notice";
    private static final String RETIRE = SELF + "/retire";

    @Inject
    Console console;

    @Inject
    PurposeService purposes;

    @Inject
    RequestChecks checks;

    @Context
    HttpServletRequest request;

    private static final java.util.Set<String> DONE =
            java.util.Set.of("created", "renamed", "published", "retired", "reinstated");

    @GET
    @Operation(hidden = true)
    public Response list(@jakarta.ws.rs.QueryParam("done") String done) {
        return list(200, null, done != null && DONE.contains(done) ? "purposes.done." + done : null, null, null);
    }

    /**
     * The page; after a refused change, {@code refused} names its form ({@code CREATE}, {@code RENAME}, {@code NOTICE})
     * and {@code typed} is what was posted, shown again in that form's fields: until 2026-12-07 the page came back with
     * the error and empty forms, a notice's long text lost with them (tester AL's F2).
     */
    private Response list(
            int status, List<String> errors, String done, String refused, MultivaluedMap<String, String> typed) {
        ConsoleUser user = console.user(request);
        ConsoleView view = console.view(request);
        Map<String, Object> model = new HashMap<>();
        model.put("self", SELF);
        List<Map<String, Object>> rows = new ArrayList<>();
        for (Purpose p : purposes.all()) {
            Map<String, Object> row = new HashMap<>();
            row.put("key", p.key());
            row.put("kind", p.kind().name());
            row.put("channels", p.channels().stream().map(Enum::name).collect(Collectors.joining(", ")));
            row.put("names", names(p));
            row.put("retired", p.isRetired());
            row.put("renameSelected", RENAME.equals(refused) && p.key().equals(typed.getFirst("key")));
            row.put("noticeSelected", NOTICE.equals(refused) && p.key().equals(typed.getFirst("key")));
            row.put(
                    "notices",
                    purposes.notices(p.key(), Page.MAX_LIMIT, null).items().stream()
                            .map(n -> n.locale() + " v" + n.version())
                            .collect(Collectors.joining(", ")));
            rows.add(row);
        }
        model.put("purposes", rows);
        model.put("none", rows.isEmpty());
        if (user.mayChange()) {
            model.put(
                    "admin",
                    Map.of(
                            "create", console.formToken(request, CREATE),
                            "rename", console.formToken(request, RENAME),
                            "notice", console.formToken(request, NOTICE),
                            "retire", console.formToken(request, RETIRE),
                            "channels",
                                    List.of(Channel.values()).stream()
                                            .map(c -> Map.of(
                                                    "name",
                                                    c.name(),
                                                    "checked",
                                                    CREATE.equals(refused)
                                                            && typed.getOrDefault("channels", List.of())
                                                                    .contains(c.name())))
                                            .toList()));
            if (refused != null) {
                // typedcreate, typedrename, typednotice: names the admin map (its form tokens) does not shadow.
                model.put("typed" + refused.substring(refused.lastIndexOf('/') + 1), typedValues(typed));
            }
        }
        if (errors != null) {
            model.put("errors", errors);
        }
        if (done != null) {
            model.put("done", view.text(done));
        }
        return console.page(request, view, status, "purposes", view.text("nav.purposes"), "purposes", model);
    }

    /** What a refused form posted, by field name for the template ({@code name.fr} as {@code fr}; boxes as booleans). */
    private static Map<String, Object> typedValues(MultivaluedMap<String, String> typed) {
        Map<String, Object> values = new HashMap<>();
        for (String field : List.of("key", "locale", "text")) {
            values.put(field, Objects.requireNonNullElse(typed.getFirst(field), ""));
        }
        for (String language : ConsoleView.LANGUAGES) {
            values.put(language, Objects.requireNonNullElse(typed.getFirst("name." + language), ""));
        }
        values.put("service", "SERVICE".equals(typed.getFirst("kind")));
        values.put("doubleOptIn", "on".equals(typed.getFirst("doubleOptIn")));
        values.put("similar", "on".equals(typed.getFirst("similarToPurchases")));
        return values;
    }

    private static String names(Purpose p) {
        JsonObject names = Jsons.createReader(new StringReader(p.namesJson())).readObject();
        return names.entrySet().stream()
                .map(e -> e.getKey() + ": " + ((JsonString) e.getValue()).getString())
                .collect(Collectors.joining(" · "));
    }

    /** Runs one change; a broken rule comes back on the page with every field's message, nothing changed. */
    private Response change(MultivaluedMap<String, String> form, String scope, Runnable action, String done) {
        console.changer(request, form.getFirst("form"), scope);
        try {
            action.run();
        } catch (InvalidInputException e) {
            return list(
                    422,
                    e.errors().stream().map(f -> f.field() + ": " + f.message()).toList(),
                    null,
                    scope,
                    form);
        } catch (DomainException e) {
            return list(DomainExceptionMapper.status(e), List.of(e.getMessage()), null, scope, form);
        }
        return Response.seeOther(URI.create(SELF + "?done=" + done + "&lang=" + ConsoleView.language(request)))
                .build();
    }

    @POST
    @Path("create")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response create(MultivaluedMap<String, String> form) {
        return change(
                form,
                CREATE,
                () -> purposes.create(new PurposeRequest(
                                blankToNull(form.getFirst("key")),
                                blankToNull(form.getFirst("kind")),
                                form.get("channels") == null ? List.of() : form.get("channels"),
                                "on".equals(form.getFirst("doubleOptIn")),
                                "on".equals(form.getFirst("similarToPurchases")),
                                localeNames(form))
                        .toCommand(checks)),
                "created");
    }

    @POST
    @Path("rename")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response rename(MultivaluedMap<String, String> form) {
        Map<String, String> names = localeNames(form);
        return change(
                form, RENAME, () -> purposes.change(form.getFirst("key"), new PurposeChange(names, null)), "renamed");
    }

    @POST
    @Path("notice")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response notice(MultivaluedMap<String, String> form) {
        return change(
                form,
                NOTICE,
                () -> {
                    String key = form.getFirst("key");
                    purposes.get(key); // an unknown purpose first, as the API answers it
                    purposes.addNotice(
                            key,
                            new NoticeRequest(blankToNull(form.getFirst("locale")), blankToNull(form.getFirst("text")))
                                    .toCommand(checks));
                },
                "published");
    }

    @POST
    @Path("retire")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response retire(MultivaluedMap<String, String> form) {
        boolean retire = !"false".equals(form.getFirst("retired"));
        return change(
                form,
                RETIRE,
                () -> purposes.change(form.getFirst("key"), new PurposeChange(null, retire)),
                retire ? "retired" : "reinstated");
    }

    /** The names typed in the name.fr, name.en, ... fields; the blank ones are left out. */
    private static Map<String, String> localeNames(MultivaluedMap<String, String> form) {
        Map<String, String> names = new LinkedHashMap<>();
        for (String language : ConsoleView.LANGUAGES) {
            String name = form.getFirst("name." + language);
            if (name != null && !name.isBlank()) {
                names.put(language, name.strip());
            }
        }
        return names;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
