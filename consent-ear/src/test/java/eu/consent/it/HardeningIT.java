package eu.consent.it;

import static eu.consent.it.Api.User.ADMIN;
import static eu.consent.it.Api.User.AUDITOR;
import static eu.consent.it.Api.User.CAMPAIGN;
import static eu.consent.it.Api.User.INTEGRATION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** What a security review asked of the API: browsers of other sites kept out, exact inputs, errors that say why. */
class HardeningIT {

    private static final String CONTACT = """
            {"email":"%s","country":"FR","locale":"fr","audience":"B2C","customer":false}""";

    @Test
    void aPageOfAnotherSiteCannotUseTheCredentialsABrowserCached() {
        JsonObject bySite = Api.send(
                        ADMIN, "GET", "/api/v1/purposes", null, BodyPublishers.noBody(), "Sec-Fetch-Site", "cross-site")
                .problem(403);
        assertTrue(bySite.getString("detail").contains("another site"), bySite.toString());
        String email = Api.uniqueEmail();
        Api.send(
                        INTEGRATION,
                        "POST",
                        "/api/v1/contacts",
                        "application/json",
                        BodyPublishers.ofString(CONTACT.formatted(email)),
                        "Origin",
                        "https://evil.example")
                .problem(403);
        Api.post(INTEGRATION, "/api/v1/contacts/lookup", "{\"email\":\"" + email + "\"}")
                .problem(404);

        // The same origin, a browser's own navigation and a server without these headers all pass.
        Api.send(ADMIN, "GET", "/api/v1/purposes", null, BodyPublishers.noBody(), "Sec-Fetch-Site", "same-origin")
                .expect(200);
        Api.send(ADMIN, "GET", "/api/v1/purposes", null, BodyPublishers.noBody(), "Sec-Fetch-Site", "none")
                .expect(200);
        Api.send(ADMIN, "GET", "/api/v1/purposes", null, BodyPublishers.noBody(), "Origin", Api.BASE)
                .expect(200);
        // The recipients' pages are reached from messages, on any site.
        Api.send(ADMIN, "GET", "/preferences", null, BodyPublishers.noBody(), "Sec-Fetch-Site", "cross-site")
                .expect(200);
    }

    @Test
    void aFormCannotStartAJobAndJobParametersAreBounded() {
        for (String type : new String[] {"application/x-www-form-urlencoded", "text/plain", "multipart/form-data"}) {
            JsonObject problem = Api.send(
                            ADMIN, "POST", "/api/v1/jobs/audit-verify", type, BodyPublishers.ofString("a=b"))
                    .problem(415);
            assertTrue(problem.getString("detail").contains(type), problem.toString());
        }
        // Harmless values beyond the bounds: were they accepted, nothing would be purged.
        assertNamed(
                Api.post(ADMIN, "/api/v1/jobs/retention-purge?retentionMonths=100000", "")
                        .problem(422),
                "retentionMonths");
        assertNamed(
                Api.post(ADMIN, "/api/v1/jobs/retention-purge?importKeepDays=-1&retentionMonths=1200", "")
                        .problem(422),
                "importKeepDays");
        assertNamed(Api.post(ADMIN, "/api/v1/jobs/audit-verify?chunkSize=0", "").problem(422), "chunkSize");
        assertNamed(
                Api.post(ADMIN, "/api/v1/jobs/audit-verify?fetchSize=50000000", "")
                        .problem(422),
                "fetchSize");
        assertNamed(Api.post(ADMIN, "/api/v1/jobs/audit-verify?fulll=true", "").problem(422), "fulll");
    }

    @Test
    void unknownMembersAreNamedAndNothingIsCreated() {
        String email = Api.uniqueEmail();
        assertNamed(
                Api.post(INTEGRATION, "/api/v1/contacts", """
                                {"emial":"%s","country":"FR","locale":"fr","audience":"B2C","customer":false}""".formatted(email)).problem(422), "emial");
        Api.post(INTEGRATION, "/api/v1/contacts/lookup", "{\"email\":\"" + email + "\"}")
                .problem(404);
        assertNamed(
                Api.post(INTEGRATION, "/api/v1/contacts", """
                                {"email":"%s","country":"FR","locale":"fr","audience":"B2C","customer":false,
                                 "postalAddress":{"lines":["1 rue X"],"postcode":"75001","city":"Paris",
                                 "country":"FR","floor":"2"}}""".formatted(email)).problem(422), "postalAddress.floor");

        String id = Api.createContact(email);
        assertNamed(
                Api.patch(INTEGRATION, "/api/v1/contacts/" + id, "{\"custmer\":true}")
                        .problem(422),
                "custmer");
        assertFalse(
                Api.get(AUDITOR, "/api/v1/contacts/" + id).json().getBoolean("customer"), "the typo changed nothing");
    }

    @Test
    void aPatchThatChangesNothingWritesNoAuditEntry() {
        String id = Api.createContact(Api.uniqueEmail());
        Api.patch(INTEGRATION, "/api/v1/contacts/" + id, "{\"customer\":false,\"locale\":\"fr\"}")
                .expect(200);
        JsonArray entries = Api.get(AUDITOR, "/api/v1/audit?contactId=" + id)
                .expect(200)
                .json()
                .getJsonArray("items");
        assertEquals(1, entries.size(), entries.toString());
        assertEquals("CONTACT_CREATED", entries.getJsonObject(0).getString("action"));
    }

    @Test
    void errorsSayWhatWasWrong() throws Exception {
        String id = Api.createContact(Api.uniqueEmail());
        String detail = Api.send(
                        INTEGRATION,
                        "PATCH",
                        "/api/v1/contacts/" + id,
                        "application/json",
                        BodyPublishers.ofString("{\"customer\":true}"))
                .problem(415)
                .getString("detail");
        assertTrue(
                detail.contains("received application/json") && detail.contains("application/merge-patch+json"),
                detail);
        detail = Api.send(
                        INTEGRATION,
                        "POST",
                        "/api/v1/contacts",
                        "text/plain",
                        BodyPublishers.ofString(CONTACT.formatted(Api.uniqueEmail())))
                .problem(415)
                .getString("detail");
        assertTrue(detail.contains("received text/plain") && detail.contains("accepts application/json"), detail);

        HttpResponse<String> refused = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(Api.BASE + "/api/v1/purposes"))
                                .header(
                                        "Authorization",
                                        "Basic "
                                                + Base64.getEncoder()
                                                        .encodeToString("admin:wrong".getBytes(StandardCharsets.UTF_8)))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(401, refused.statusCode());
        assertTrue(refused.body().contains("credentials were refused"), refused.body());
        assertTrue(Api.get(Api.User.NOBODY, "/api/v1/purposes")
                .problem(401)
                .getString("detail")
                .contains("required"));

        detail = Api.post(CAMPAIGN, "/api/v1/contacts", CONTACT.formatted(Api.uniqueEmail()))
                .problem(403)
                .getString("detail");
        assertTrue(detail.contains("admin") && detail.contains("integration"), detail);

        for (String[] call : new String[][] {
            {"/api/v1/contacts/lookup", "{\"phone\":\"06 12 34 56 78\"}"},
            {"/api/v1/suppressions", "{\"phone\":\"06 12 34 56 78\",\"channel\":\"SMS\",\"reason\":\"MANUAL\"}"}
        }) {
            JsonObject problem = Api.post(INTEGRATION, call[0], call[1]).problem(422);
            String message = problem.getJsonArray("errors").getJsonObject(0).getString("message");
            assertFalse(message.contains("country"), call[0] + " takes no country: " + message);
            assertTrue(message.contains("+"), message);
        }
    }

    private static void assertNamed(JsonObject problem, String field) {
        JsonArray errors = problem.getJsonArray("errors");
        for (int i = 0; i < errors.size(); i++) {
            if (errors.getJsonObject(i).getString("field").equals(field)) {
                return;
            }
        }
        throw new AssertionError("no error names " + field + ": " + problem);
    }
}
