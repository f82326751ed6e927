package eu.consent.it;

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
                assertTrue(
                        responses
                                .getJsonObject(status)
                                .getJsonObject("content")
                                .containsKey("application/problem+json"),
                        name + " " + status + " is a problem");
            }
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
            USERS.forEach((role, user) -> {
                if (!roles.contains(role)) {
                    assertEquals(
                            403, call(user, verb, concrete, type), name + " as " + role + ", a role it does not name");
                }
            });
        }));
        assertTrue(checked.size() >= 60, "operations: " + checked.size());
        assertEquals(List.of(), withoutExample, "every request body has an example");
        assertTrue(checked.contains("POST /unsubscribe/{token}"));
        assertTrue(checked.contains("POST /api/v1/webhooks"));
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
