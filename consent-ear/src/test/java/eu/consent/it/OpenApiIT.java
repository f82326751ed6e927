package eu.consent.it;

import static eu.consent.it.Api.User.ADMIN;
import static eu.consent.it.Api.User.AUDITOR;
import static eu.consent.it.Api.User.CAMPAIGN;
import static eu.consent.it.Api.User.INTEGRATION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import java.io.StringReader;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The published OpenAPI document against the server itself: every operation of the API names its roles, and each
 * role it leaves out really gets 403 (no credentials: 401); every one documents its problem answers; the recipients'
 * pages need no security.
 */
class OpenApiIT {

    private static final Set<String> VERBS = Set.of("get", "post", "put", "patch", "delete");
    private static final Map<String, Api.User> USERS = Map.of(
            "admin", Api.User.ADMIN,
            "integration", Api.User.INTEGRATION,
            "campaign", Api.User.CAMPAIGN,
            "auditor", Api.User.AUDITOR);

    @Test
    void everyOperationDocumentsItsRolesAndProblemsAndTheServerAgrees() {
        JsonObject document = document();
        JsonObject paths = document.getJsonObject("paths");
        assertNotNull(
                document.getJsonObject("components").getJsonObject("schemas").getJsonObject("Problem"));
        List<String> checked = new ArrayList<>();
        List<String> withoutExample = new ArrayList<>();
        paths.forEach((path, item) -> item.asJsonObject().forEach((verb, op) -> {
            if (!VERBS.contains(verb)) {
                return;
            }
            JsonObject operation = op.asJsonObject();
            String name = verb.toUpperCase(Locale.ROOT) + " " + path;
            checked.add(name);
            if (path.startsWith("/console")) {
                assertTrue(operation.containsKey("x-auth"), name + " says how the console signs in");
                return;
            }
            if (!path.startsWith("/api/")) {
                assertTrue(
                        operation.containsKey("security")
                                && operation.getJsonArray("security").isEmpty(),
                        name + " is a public page: security []");
                return;
            }
            JsonObject responses = operation.getJsonObject("responses");
            assertTrue(responses.keySet().stream().anyMatch(k -> k.startsWith("2")), name + " has its success");
            for (String status : List.of("401", "403", "500")) {
                assertTrue(responses.containsKey(status), name + " documents " + status);
            }
            responses.forEach((status, response) -> {
                JsonObject json = response.asJsonObject().getJsonObject("content") == null
                        ? null
                        : response.asJsonObject().getJsonObject("content").getJsonObject("application/json");
                if (status.startsWith("2") && json != null) {
                    assertTrue(
                            described(json.getJsonObject("schema")),
                            name + " " + status + " describes its JSON: " + json);
                }
                if (status.startsWith("4") || status.startsWith("5")) {
                    assertEquals(
                            Set.of("application/problem+json"),
                            types(response.asJsonObject()),
                            name + " " + status + " is a problem");
                }
            });
            if (operation.containsKey("requestBody")) {
                assertTrue(responses.containsKey("422") && responses.containsKey("415"), name + " reads a body");
                if (operation.getJsonObject("requestBody").getJsonObject("content").values().stream()
                        .noneMatch(m -> m.asJsonObject().containsKey("example"))) {
                    withoutExample.add(name + " (" + operation.getString("operationId", "?") + ")");
                }
            }
            if (path.contains("{")) {
                assertTrue(responses.containsKey("404"), name + " names something that may not exist");
            }
            List<String> roles = operation.getJsonArray("x-roles").getValuesAs(JsonString.class).stream()
                    .map(JsonString::getString)
                    .toList();
            assertFalse(roles.isEmpty(), name);
            String concrete = path.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
            String type = operation.containsKey("requestBody")
                    ? operation
                            .getJsonObject("requestBody")
                            .getJsonObject("content")
                            .keySet()
                            .iterator()
                            .next()
                    : null;
            assertEquals(401, call(Api.User.NOBODY, verb, concrete, type), name + " without credentials");
            // What every operation answers before it runs, documented and answered alike (tester AK's F3: until
            // 2026-12-07 the document left out 422 on most reads and 400/415 on the writes that take no body).
            Api.User allowed = USERS.get(roles.get(0));
            assertTrue(responses.containsKey("422"), name + " documents 422 (an unknown query parameter)");
            String unknown = concrete + (concrete.contains("?") ? "&" : "?") + "zz-unknown=1";
            int refused = call(allowed, verb, unknown, type);
            // A job's start takes the job's own parameters, so it finds the job first: a random name is 404.
            assertTrue(
                    refused == 422 || (refused == 404 && name.equals("POST /api/v1/jobs/{jobName}")),
                    name + " with an unknown query parameter: " + refused);
            if (!operation.containsKey("requestBody") && !verb.equals("get")) {
                assertTrue(responses.containsKey("400") && responses.containsKey("415"), name + " refuses a body");
                assertEquals(400, call(allowed, verb, concrete, "application/json", "{bad"), name + " malformed body");
                assertEquals(415, call(allowed, verb, concrete, "text/xml", "<a/>"), name + " body of another type");
            }
            USERS.forEach((role, user) -> {
                if (!roles.contains(role)) {
                    assertEquals(
                            403, call(user, verb, concrete, type), name + " as " + role + ", a role it does not name");
                }
            });
        }));
        assertTrue(checked.size() >= 60, "operations: " + checked.size());
        // A job's history names its job in the query: an unknown one is the 404 the document says (tester AM's F4).
        assertTrue(paths.getJsonObject("/api/v1/jobs/executions")
                .getJsonObject("get")
                .getJsonObject("responses")
                .containsKey("404"));
        assertEquals(404, call(Api.User.ADMIN, "get", "/api/v1/jobs/executions?job=no-such-job", null));
        // A body that names a contact nobody is: the 404 the server answers is in the document (tester BC's F3), and so
        // are the 503 of a database that does not answer and a keyed write's 410 after an erasure.
        String nobody = "{\"contactId\":\"" + java.util.UUID.randomUUID() + "\"}";
        for (String[] op : List.of(
                new String[] {"/api/v1/contacts/lookup", "{\"email\":\"" + Api.uniqueEmail() + "\"}"},
                new String[] {"/api/v1/unsubscribe-links", nobody},
                new String[] {"/api/v1/reactivation-links", nobody})) {
            JsonObject responses =
                    paths.getJsonObject(op[0]).getJsonObject("post").getJsonObject("responses");
            assertTrue(responses.containsKey("404") && responses.containsKey("503"), op[0] + ": " + responses.keySet());
            assertEquals(404, call(Api.User.ADMIN, "post", op[0], "application/json", op[1]), op[0]);
        }
        // A read's path the server will not decode, or a Content-Type that is no media type (tester BD's F10).
        JsonObject read = paths.getJsonObject("/api/v1/contacts/{id}")
                .getJsonObject("get")
                .getJsonObject("responses");
        assertTrue(
                read.containsKey("400") && read.containsKey("415"),
                read.keySet().toString());
        assertEquals(400, call(Api.User.ADMIN, "get", "/api/v1/contacts/%2F", null));
        JsonObject keyed =
                paths.getJsonObject("/api/v1/contacts").getJsonObject("post").getJsonObject("responses");
        assertTrue(keyed.containsKey("410"), keyed.keySet().toString());
        assertTrue(keyed.getJsonObject("201").getJsonObject("headers").containsKey("Idempotent-Replayed"));
        assertEquals(List.of(), withoutExample, "every request body has an example");
        assertTrue(checked.contains("POST /unsubscribe/{token}"));
        assertTrue(checked.contains("POST /api/v1/webhooks"));
    }

    /**
     * The bulk decision's examples, sent as the document shows them, are answered line by line with no error: until
     * 2026-12-06 its NDJSON example was bare addresses, each answered "malformed JSON".
     */
    @Test
    void theBulkDecisionsExamplesAreListsTheServerReads() {
        JsonObject content = document()
                .getJsonObject("paths")
                .getJsonObject("/api/v1/decisions/bulk")
                .getJsonObject("post")
                .getJsonObject("requestBody")
                .getJsonObject("content");
        String purpose = Fixtures.purpose(false);
        assertEquals(Set.of("application/x-ndjson", "text/csv", "text/plain"), content.keySet());
        content.forEach((type, media) -> {
            String example = media.asJsonObject().getString("example");
            String answer = Api.send(
                            CAMPAIGN,
                            "POST",
                            "/api/v1/decisions/bulk?purpose=" + purpose + "&channel=EMAIL",
                            type,
                            HttpRequest.BodyPublishers.ofString(example))
                    .expect(200)
                    .body();
            List<String> lines = answer.lines().toList();
            assertEquals(example.lines().count(), lines.size(), type + ": " + answer);
            lines.forEach(line -> assertFalse(line.contains("\"error\""), type + ": " + line));
        });
    }

    /**
     * The import's examples, one per media type, are each a file the server imports without a reject: until 2026-12-06
     * its NDJSON types showed the CSV example, refused with a 422 as not NDJSON.
     */
    @Test
    void theImportsExamplesAreFilesTheServerImports() {
        JsonObject content = document()
                .getJsonObject("paths")
                .getJsonObject("/api/v1/imports")
                .getJsonObject("post")
                .getJsonObject("requestBody")
                .getJsonObject("content");
        assertEquals(Set.of("text/csv", "application/x-ndjson", "application/ndjson", "text/plain"), content.keySet());
        content.forEach((type, media) -> {
            String example = media.asJsonObject().getString("example");
            String id = Api.send(
                            INTEGRATION, "POST", "/api/v1/imports", type, HttpRequest.BodyPublishers.ofString(example))
                    .expect(202)
                    .json()
                    .getString("id");
            JsonObject done = ImportIT.await(id);
            assertEquals("COMPLETED", done.getString("status"), type + ": " + done);
            assertEquals(0, done.getInt("rejected"), type + ": " + done);
            assertEquals(example.lines().count() - (type.contains("ndjson") ? 0 : 1), done.getInt("read"), type);
        });
    }

    @Test
    void writesNameTheirIdempotencyKeyAndCreationsTheirRealStatus() {
        JsonObject paths = document().getJsonObject("paths");
        JsonObject create = paths.getJsonObject("/api/v1/contacts").getJsonObject("post");
        JsonArray parameters = create.getJsonArray("parameters");
        assertTrue(
                parameters.stream()
                        .map(p -> p.asJsonObject())
                        .anyMatch(p -> p.getString("name").equals("Idempotency-Key")
                                && p.getString("in").equals("header")),
                create.toString());
        JsonObject responses = create.getJsonObject("responses");
        assertTrue(
                responses.containsKey("201") && !responses.containsKey("200"),
                responses.keySet().toString());
        assertTrue(responses.containsKey("409"), "an email already held");
        assertTrue(paths.getJsonObject("/api/v1/contacts/{id}")
                .getJsonObject("delete")
                .getJsonObject("responses")
                .containsKey("204"));
        assertTrue(
                paths.getJsonObject("/api/v1/decisions")
                        .getJsonObject("post")
                        .getJsonObject("responses")
                        .containsKey("503"),
                "decisions fail closed");
        for (String list : List.of("/api/v1/suppressions", "/api/v1/webhooks")) {
            JsonObject get = paths.getJsonObject(list).getJsonObject("get");
            List<String> names = get.getJsonArray("parameters").stream()
                    .map(p -> p.asJsonObject().getString("name"))
                    .toList();
            assertTrue(names.containsAll(List.of("limit", "after")), list + " is paged: " + names);
            assertTrue(get.getJsonObject("responses").containsKey("422"), list + ": a bad limit or cursor");
        }
    }

    /** The answers' words are in the document: a generated client knows every rule, basis and state. */
    @Test
    void theViewsNameTheValuesTheyHold() {
        JsonObject schemas = document().getJsonObject("components").getJsonObject("schemas");
        JsonObject decision = schemas.getJsonObject("DecisionView").getJsonObject("properties");
        List<String> rules = decision.getJsonObject("rule").getJsonArray("enum").getValuesAs(JsonString.class).stream()
                .map(JsonString::getString)
                .toList();
        java.util.Set<String> expected = new java.util.HashSet<>(Fixtures.EVERY_RULE);
        expected.add("OPT_OUT_REGIME"); // answered only once an operator activates the shipped US policy
        assertEquals(expected, Set.copyOf(rules), "the contract's 22 rules, and the US policy's");
        assertTrue(decision.getJsonObject("basis").getBoolean("nullable", false), "a refusal has no basis");
        JsonObject candidates = document()
                .getJsonObject("paths")
                .getJsonObject("/api/v1/reactivation-candidates")
                .getJsonObject("get");
        JsonObject byType = candidates.getJsonObject("x-roles-by-type");
        assertEquals(
                List.of("admin", "auditor", "campaign"),
                byType.getJsonArray("application/json").getValuesAs(JsonString.class).stream()
                        .map(JsonString::getString)
                        .toList(),
                candidates.toString());
        assertEquals(
                List.of("admin", "integration"),
                byType.getJsonArray("text/csv").getValuesAs(JsonString.class).stream()
                        .map(JsonString::getString)
                        .toList());
        assertEquals(
                Set.of("CONSENT", "SOFT_OPT_IN", "LEGITIMATE_INTEREST", "CONTRACT"),
                Set.copyOf(decision.getJsonObject("basis").getJsonArray("enum").getValuesAs(JsonString.class).stream()
                        .map(JsonString::getString)
                        .toList()));
        JsonObject state = schemas.getJsonObject("ConsentStateView")
                .getJsonObject("properties")
                .getJsonObject("state");
        assertEquals(
                Set.of("GRANTED", "PENDING", "WITHDRAWN", "OBJECTED", "NONE"),
                Set.copyOf(state.getJsonArray("enum").getValuesAs(JsonString.class).stream()
                        .map(JsonString::getString)
                        .toList()));
        // Typed since 2026-12-07 (tester AK's F3): a webhook's events by their wire names, a delivery's and a job's
        // status, a cap's period, an activity's type.
        assertEquals(
                Set.of(
                        "consent.changed",
                        "optout.recorded",
                        "suppression.added",
                        "suppression.removed",
                        "contact.erased",
                        "import.completed",
                        "job.failed"),
                Set.copyOf(words(schemas, "WebhookView", "events")));
        assertEquals(Set.of("PENDING", "DELIVERED", "FAILED"), Set.copyOf(words(schemas, "DeliveryView", "status")));
        assertEquals(Set.of("DAY", "WEEK", "MONTH"), Set.copyOf(words(schemas, "CapView", "per")));
        assertTrue(words(schemas, "ActivityView", "type").containsAll(List.of("CLICK", "OPEN", "PURCHASE")));
        assertTrue(words(schemas, "ImportView", "status").containsAll(List.of("STARTING", "COMPLETED", "FAILED")));
        assertTrue(words(schemas, "JobRunView", "status").contains("STOPPED"));
    }

    /** The enum a view's member (or its items, for a list) names in the document. */
    private static List<String> words(JsonObject schemas, String view, String member) {
        JsonObject property =
                schemas.getJsonObject(view).getJsonObject("properties").getJsonObject(member);
        JsonObject typed = property.containsKey("items") ? property.getJsonObject("items") : property;
        return typed.getJsonArray("enum").getValuesAs(JsonString.class).stream()
                .map(JsonString::getString)
                .toList();
    }

    /**
     * The recipients' pages list what their code answers besides the page itself, each in the type it comes in (HTML
     * for what the page renders; a redirect has no body).
     */
    @Test
    void everyRecipientsPageDocumentsItsAnswers() {
        JsonObject paths = document().getJsonObject("paths");
        List<String> pages = new ArrayList<>();
        paths.forEach((path, item) -> {
            if (path.startsWith("/api/") || path.startsWith("/console") || path.startsWith("/.well-known")) {
                return;
            }
            item.asJsonObject().forEach((verb, op) -> {
                if (!VERBS.contains(verb)) {
                    return;
                }
                String name = verb.toUpperCase(Locale.ROOT) + " " + path;
                pages.add(name);
                JsonObject responses = op.asJsonObject().getJsonObject("responses");
                assertTrue(responses.size() > 1, name + " answers more than its page: " + responses.keySet());
                assertTrue(responses.containsKey("500"), name);
                responses.forEach((status, response) -> assertTrue(
                        status.startsWith("3")
                                || !types(response.asJsonObject()).isEmpty(),
                        name + " " + status + " names its media type"));
            });
        });
        assertTrue(
                pages.containsAll(List.of(
                        "GET /unsubscribe/{token}",
                        "POST /unsubscribe/{token}",
                        "GET /preferences/{token}",
                        "POST /preferences/{token}",
                        "GET /preferences",
                        "POST /preferences",
                        "GET /confirm/{token}",
                        "POST /confirm/{token}",
                        "GET /stay/{token}",
                        "POST /stay/{token}")),
                pages.toString());

        JsonObject save = operation(paths, "post", "/preferences/{token}");
        for (String status : List.of("200", "403", "404", "406", "409", "410", "413", "415", "422")) {
            assertEquals(Set.of("text/html"), types(save, status), "POST /preferences/{token} " + status);
        }
        JsonObject redirect = save.getJsonObject("responses").getJsonObject("303");
        assertNotNull(redirect, "a saved form redirects to the page");
        assertTrue(redirect.getJsonObject("headers").containsKey("Location"), redirect.toString());
        for (String verb : List.of("get", "post")) {
            JsonObject confirm = operation(paths, verb, "/confirm/{token}");
            assertEquals(Set.of("text/html"), types(confirm, "409"), verb + " of a used confirmation link");
            assertEquals(Set.of("text/html"), types(confirm, "410"), verb + " of an expired confirmation link");
            for (String page :
                    List.of("/unsubscribe/{token}", "/preferences/{token}", "/confirm/{token}", "/stay/{token}")) {
                JsonObject responses = operation(paths, verb, page).getJsonObject("responses");
                assertTrue(responses.containsKey("404") && responses.containsKey("410"), verb + " " + page);
            }
        }
        JsonObject oneClick = operation(paths, "post", "/unsubscribe/{token}").getJsonObject("responses");
        assertTrue(oneClick.containsKey("403"), oneClick.keySet().toString());
        assertFalse(
                oneClick.containsKey("406") || oneClick.containsKey("413") || oneClick.containsKey("415"),
                "the one-click takes any body type, size and Accept: " + oneClick.keySet());
        JsonObject request = operation(paths, "post", "/preferences").getJsonObject("responses");
        assertTrue(
                request.containsKey("403") && request.containsKey("422"),
                request.keySet().toString());
        // The "keep me" page's errors are pages too, as on every recipients' page.
        assertEquals(Set.of("text/html"), types(operation(paths, "post", "/stay/{token}"), "415"));
    }

    /**
     * What the pages answer, asked of the server with a real person's links, is in the document with the type it came
     * in: the document cannot leave out an answer a page gives.
     */
    @Test
    void whatThePagesAnswerIsWhatTheDocumentSays() {
        JsonObject paths = document().getJsonObject("paths");
        Recipients.Person p = Recipients.granted("en");
        JsonObject links = Recipients.links(p.contact(), p.purpose());
        String preferences = links.getString("preferencesUrl");
        String unsubscribe = links.getString("unsubscribeUrl");
        String stay = Api.post(CAMPAIGN, "/api/v1/reactivation-links", "{\"contactId\":\"" + p.contact() + "\"}")
                .expect(200)
                .json()
                .getString("url");

        String prefs = "/preferences/{token}";
        documented(paths, "get", prefs, 200, page("GET", preferences, null, null));
        documented(paths, "get", prefs, 406, page("GET", preferences, null, null, "Accept", "application/json"));
        documented(paths, "get", prefs, 404, page("GET", Api.BASE + "/preferences/nothing", null, null));
        String token = Recipients.formToken(Recipients.get(preferences).body());
        String bad =
                form("form", token, "action", "save", p.purpose() + ".notice", p.notice(), p.purpose() + ".max", "0");
        documented(paths, "post", prefs, 422, page("POST", preferences, FORM, bad));
        String good = form("form", token, "action", "save", p.purpose() + ".notice", p.notice());
        documented(paths, "post", prefs, 303, page("POST", preferences, FORM, good));
        documented(paths, "post", prefs, 403, page("POST", preferences, FORM, good, "Sec-Fetch-Site", "cross-site"));
        documented(paths, "post", prefs, 415, page("POST", preferences, "application/xml", "<form/>"));

        String unsub = "/unsubscribe/{token}";
        documented(paths, "get", unsub, 200, page("GET", unsubscribe, null, null));
        documented(paths, "get", unsub, 406, page("GET", unsubscribe, null, null, "Accept", "application/json"));
        // A body larger than any form of the page: the link's one-click all the same (tester AO's F2).
        documented(paths, "post", unsub, 200, page("POST", unsubscribe, FORM, "comment=" + "x".repeat(64 * 1024)));
        documented(paths, "post", unsub, 404, page("POST", Api.BASE + "/unsubscribe/nothing", FORM, ONE_CLICK));
        documented(paths, "post", unsub, 200, page("POST", unsubscribe, FORM, ONE_CLICK, "Accept", "application/json"));

        for (String verb : List.of("GET", "POST")) {
            String v = verb.toLowerCase(Locale.ROOT);
            String empty = verb.equals("GET") ? null : "";
            documented(paths, v, "/confirm/{token}", 404, page(verb, Api.BASE + "/confirm/nothing", FORM, empty));
            documented(paths, v, "/stay/{token}", 404, page(verb, Api.BASE + "/stay/nothing", FORM, empty));
            documented(
                    paths,
                    v,
                    "/preferences",
                    406,
                    page(verb, Api.BASE + "/preferences", FORM, empty, "Accept", "application/json"));
        }
        documented(paths, "get", "/stay/{token}", 200, page("GET", stay, null, null));
        documented(paths, "get", "/stay/{token}", 406, page("GET", stay, null, null, "Accept", "application/json"));
        documented(paths, "post", "/stay/{token}", 415, page("POST", stay, "application/xml", "<form/>"));

        String request = Api.BASE + "/preferences";
        String requestToken = Recipients.formToken(Recipients.get(request).body());
        documented(
                paths,
                "post",
                "/preferences",
                422,
                page("POST", request, FORM, form("form", requestToken, "email", "nope")));
        documented(
                paths,
                "post",
                "/preferences",
                403,
                page("POST", request, FORM, form("email", "x@example.com"), "Sec-Fetch-Site", "cross-site"));
        documented(paths, "post", "/preferences", 415, page("POST", request, "application/xml", "<form/>"));
    }

    /**
     * An API operation the server refuses for an {@code Accept} it cannot serve documents that 406; a list served as
     * JSON and, by another method, as CSV documents both types.
     */
    @Test
    void everyNotAcceptableOfTheApiIsDocumented() {
        JsonObject paths = document().getJsonObject("paths");
        List<String> refused = new ArrayList<>();
        paths.forEach((path, item) -> {
            JsonObject get = item.asJsonObject().getJsonObject("get");
            if (!path.startsWith("/api/") || get == null) {
                return;
            }
            String concrete = path.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
            Api.Answer answer = Api.send(
                    Api.User.ADMIN, "GET", concrete, null, HttpRequest.BodyPublishers.noBody(), "Accept", "image/png");
            if (answer.status() == 406) {
                refused.add(path);
                documented(paths, "get", path, 406, "406 " + answer.contentType());
            }
        });
        assertTrue(
                refused.containsAll(List.of(
                        "/api/v1/consents/{eventId}/receipt",
                        "/api/v1/exports/contacts",
                        "/api/v1/reactivation-candidates",
                        "/api/v1/contacts/{id}")),
                refused.toString());

        String receipt = "/api/v1/consents/" + UUID.randomUUID() + "/receipt";
        documented(
                paths,
                "get",
                "/api/v1/consents/{eventId}/receipt",
                406,
                accepting(INTEGRATION, receipt, "application/json"));
        documented(
                paths,
                "get",
                "/api/v1/exports/contacts",
                406,
                accepting(AUDITOR, "/api/v1/exports/contacts", "application/json"));
        String candidates = "/api/v1/reactivation-candidates";
        documented(paths, "get", candidates, 200, accepting(ADMIN, candidates, "text/csv"));
        documented(paths, "get", candidates, 200, accepting(CAMPAIGN, candidates, "application/json"));
        assertEquals(Set.of("application/json", "text/csv"), types(operation(paths, "get", candidates), "200"));
        JsonObject ok =
                operation(paths, "get", candidates).getJsonObject("responses").getJsonObject("200");
        assertTrue(
                ok.containsKey("headers") && ok.getJsonObject("headers").containsKey("Link"),
                "the CSV names its next page in Link (tester AW's F2): " + ok);
        for (String path : List.of("/api/v1/contacts/{id}", "/api/v1/suppressions/{id}")) {
            assertTrue(
                    operation(paths, "delete", path).getJsonObject("responses").containsKey("406"), "DELETE " + path);
        }
    }

    private static final String FORM = "application/x-www-form-urlencoded";
    private static final String ONE_CLICK = "List-Unsubscribe=One-Click";

    /** Calls a page as a browser or mail client would; the answer as "status content-type". */
    private static String page(String method, String url, String type, String body, String... headers) {
        Api.Answer answer = Api.send(
                Api.User.NOBODY,
                method,
                url,
                body == null ? null : type,
                body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body),
                headers);
        return answer.status() + " " + answer.contentType();
    }

    /** An API read with this {@code Accept}; the answer as "status content-type". */
    private static String accepting(Api.User user, String path, String accept) {
        Api.Answer answer = Api.send(user, "GET", path, null, HttpRequest.BodyPublishers.noBody(), "Accept", accept);
        return answer.status() + " " + answer.contentType();
    }

    /**
     * Asserts that the server answered {@code status} ({@code answered} is "status type"), and that the document lists
     * that status for the operation, with the type it came in (a redirect has no body to type).
     */
    /**
     * A JSON answer's schema says what it holds: a reference, members, items or a map's values (a bare {@code object}
     * is what the scanner writes for a class it cannot see, such as a domain record outside the web module).
     */
    private static boolean described(JsonObject schema) {
        return schema != null
                && (schema.containsKey("$ref")
                        || schema.containsKey("properties")
                        || schema.containsKey("items")
                        || schema.containsKey("additionalProperties")
                        || schema.containsKey("oneOf")
                        || schema.containsKey("allOf")
                        || !"object".equals(schema.getString("type", "object")));
    }

    private static void documented(JsonObject paths, String verb, String path, int status, String answered) {
        String name = verb.toUpperCase(Locale.ROOT) + " " + path;
        String[] parts = answered.split(" ", 2);
        assertEquals(Integer.toString(status), parts[0], name + " answered " + answered);
        Set<String> types = types(operation(paths, verb, path), parts[0]);
        if (status / 100 != 3) {
            assertTrue(
                    types.contains(parts[1]),
                    name + " " + status + " came as " + parts[1] + ", documented as " + types);
        }
    }

    private static String form(String... fields) {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i + 1 < fields.length; i += 2) {
            body.append(body.isEmpty() ? "" : "&")
                    .append(java.net.URLEncoder.encode(fields[i], java.nio.charset.StandardCharsets.UTF_8))
                    .append('=')
                    .append(java.net.URLEncoder.encode(fields[i + 1], java.nio.charset.StandardCharsets.UTF_8));
        }
        return body.toString();
    }

    private static JsonObject operation(JsonObject paths, String verb, String path) {
        JsonObject item = paths.getJsonObject(path);
        assertNotNull(item, path);
        JsonObject operation = item.getJsonObject(verb);
        assertNotNull(operation, verb + " " + path);
        return operation;
    }

    /** The media types an operation documents for a status; empty if it documents none (or not the status). */
    private static Set<String> types(JsonObject operation, String status) {
        JsonObject response = operation.getJsonObject("responses").getJsonObject(status);
        assertNotNull(response, operation.getString("operationId", "?") + " documents " + status);
        return types(response);
    }

    private static Set<String> types(JsonObject response) {
        JsonObject content = response.getJsonObject("content");
        return content == null ? Set.of() : content.keySet();
    }

    /**
     * Every list an answer holds says what its items are, and every object its members (but the free ones: a contact's
     * attributes, a proof, a purpose's names, an audit entry's details): the access export's sends, messages and
     * disclosures, the statistics' buckets and a purpose's channels were untyped until 2026-12-06, which a generated
     * client reads as bare objects.
     */
    @Test
    void everyListAndRecordOfAnAnswerIsTyped() {
        JsonObject schemas = document().getJsonObject("components").getJsonObject("schemas");
        java.util.Set<String> free = java.util.Set.of(
                "ContactInput.attributes",
                "ContactView.attributes",
                "ContactView.postalAddress",
                "ConsentEventView.proof",
                "PurposeView.names",
                "AuditEntryView.details");
        List<String> untyped = new ArrayList<>();
        schemas.forEach((name, schema) -> {
            JsonObject properties = schema.asJsonObject().getJsonObject("properties");
            if (properties == null) {
                return;
            }
            properties.forEach((member, value) -> {
                JsonObject p = value.asJsonObject();
                JsonObject items = p.getJsonObject("items");
                boolean bare = "array".equals(p.getString("type", ""))
                        ? items == null || (!items.containsKey("type") && !items.containsKey("$ref"))
                        : "object".equals(p.getString("type", ""))
                                && !p.containsKey("properties")
                                && !p.containsKey("additionalProperties");
                if (bare && !free.contains(name + "." + member)) {
                    untyped.add(name + "." + member);
                }
            });
        });
        assertEquals(List.of(), untyped);
        JsonObject channel = schemas.getJsonObject("PurposeView")
                .getJsonObject("properties")
                .getJsonObject("channels")
                .getJsonObject("items");
        assertTrue(channel.getJsonArray("enum").toString().contains("\"EMAIL\""), channel.toString());
        JsonObject preferred = schemas.getJsonObject("PreferencesView")
                .getJsonObject("properties")
                .getJsonObject("channels")
                .getJsonObject("items");
        assertTrue(preferred.getJsonArray("enum").toString().contains("\"SMS\""), preferred.toString());
    }

    private static JsonObject document() {
        String body = Api.send(
                        Api.User.NOBODY,
                        "GET",
                        "/openapi?format=JSON",
                        null,
                        HttpRequest.BodyPublishers.noBody(),
                        "Accept",
                        "application/json")
                .expect(200)
                .body();
        return Json.createReader(new StringReader(body)).readObject();
    }

    /** Calls an operation with an empty document of the type it reads: only the role check can answer first. */
    /** The status of a request with {@code body} sent as {@code type}. */
    private static int call(Api.User user, String verb, String path, String type, String body) {
        return Api.send(user, verb.toUpperCase(Locale.ROOT), path, type, HttpRequest.BodyPublishers.ofString(body))
                .status();
    }

    private static int call(Api.User user, String verb, String path, String type) {
        return Api.send(
                        user,
                        verb.toUpperCase(Locale.ROOT),
                        path,
                        type,
                        type == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}"))
                .status();
    }
}
