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
import java.net.http.HttpRequest.BodyPublishers;
import org.junit.jupiter.api.Test;

/** PATCH /api/v1/purposes/{key}: names and retirement; a retired purpose is neither offered nor sent. */
class PurposeRetirementIT {

    private static JsonObject decision(String contact, String purpose) {
        return Recipients.decision(contact, purpose, "EMAIL");
    }

    @Test
    void aRetiredPurposeIsDeniedLeavesThePreferencePageAndKeepsItsHistory() {
        Recipients.Person p = Recipients.granted("en");
        String other = Fixtures.purpose(false);
        assertEquals("CONSENT_GRANTED", decision(p.contact(), p.purpose()).getString("rule"));
        String page = Recipients.get(Recipients.preferencesUrl(p.contact())).body();
        assertTrue(page.contains("id=\"" + p.purpose() + ".EMAIL\""), page);

        String changedFrom = java.time.Instant.now()
                .minusSeconds(2)
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .toString();
        JsonObject retired = Api.patch(ADMIN, "/api/v1/purposes/" + p.purpose(), "{\"retired\":true}")
                .expect(200)
                .json();
        assertTrue(retired.getBoolean("retired"));
        assertFalse(retired.getString("retiredAt").isBlank());
        assertEquals("PROSPECTING", retired.getString("kind"), "nothing else changed");

        JsonObject d = decision(p.contact(), p.purpose());
        assertFalse(d.getBoolean("allowed"));
        assertEquals("PURPOSE_RETIRED", d.getString("rule"));
        String bulk = Api.send(
                        CAMPAIGN,
                        "POST",
                        "/api/v1/decisions/bulk?purpose=" + p.purpose() + "&channel=EMAIL",
                        "application/x-ndjson",
                        BodyPublishers.ofString("{\"email\":\"" + p.email() + "\"}\n"))
                .expect(200)
                .body();
        assertTrue(bulk.contains("\"rule\":\"PURPOSE_RETIRED\""), bulk);
        assertTrue(bulk.contains("\"allowed\":false"), bulk);
        assertEquals(
                "UNKNOWN_CONTACT",
                Api.post(CAMPAIGN, "/api/v1/decisions", """
                                {"email":"%s","purpose":"%s","channel":"EMAIL"}""".formatted(Api.uniqueEmail(), p.purpose()))
                        .expect(200)
                        .json()
                        .getString("rule"),
                "a stranger is still unknown first");

        page = Recipients.get(Recipients.preferencesUrl(p.contact())).body();
        assertFalse(page.contains(p.purpose()), "no longer offered: " + page);
        assertEquals("GRANTED", Recipients.state(p.contact(), p.purpose(), "EMAIL"), "its history stays");
        assertEquals(1, Recipients.history(p.contact()).size());
        assertEquals(
                200,
                Api.get(AUDITOR, "/api/v1/purposes/" + p.purpose() + "/notices/" + p.notice())
                        .status());
        // Read the audit since the change only: the suite's shared database holds far more than one page.
        assertTrue(Api.get(AUDITOR, "/api/v1/audit?limit=1000&from=" + changedFrom)
                .body()
                .contains("PURPOSE_CHANGED"));
        assertEquals("NO_CONSENT", decision(p.contact(), other).getString("rule"), "other purposes are untouched");

        Api.patch(ADMIN, "/api/v1/purposes/" + p.purpose(), "{\"retired\":true}")
                .expect(200);
        assertEquals(
                retired.getString("retiredAt"),
                Api.get(AUDITOR, "/api/v1/purposes/" + p.purpose()).json().getString("retiredAt"),
                "retiring again keeps the first date");
        Api.patch(ADMIN, "/api/v1/purposes/" + p.purpose(), "{\"retired\":false}")
                .expect(200);
        assertEquals("CONSENT_GRANTED", decision(p.contact(), p.purpose()).getString("rule"), "reinstated");
    }

    @Test
    void aRetiredServicePurposeIsNotSentEither() {
        String service = Recipients.servicePurpose();
        String contact = Api.createContact(Api.uniqueEmail());
        assertEquals("SERVICE_MESSAGE", decision(contact, service).getString("rule"));
        Api.patch(ADMIN, "/api/v1/purposes/" + service, "{\"retired\":true}").expect(200);
        assertEquals("PURPOSE_RETIRED", decision(contact, service).getString("rule"));
    }

    @Test
    void namesAreMergedLocaleByLocale() {
        String key = Fixtures.purpose(false);
        JsonObject renamed = Api.patch(
                        ADMIN,
                        "/api/v1/purposes/" + key,
                        "{\"names\":{\"en\":\"Best deals\",\"de\":\"Angebote\",\"fr\":null}}")
                .expect(200)
                .json();
        JsonObject names = renamed.getJsonObject("names");
        assertEquals("Best deals", names.getString("en"));
        assertEquals("Angebote", names.getString("de"));
        assertFalse(names.containsKey("fr"), names.toString());
        assertFalse(renamed.getBoolean("retired"));
        assertEquals(names, Api.get(CAMPAIGN, "/api/v1/purposes/" + key).json().getJsonObject("names"));
        Api.patch(ADMIN, "/api/v1/purposes/" + key, "{\"kind\":\"PROSPECTING\",\"key\":\"" + key + "\"}")
                .expect(200);
    }

    @Test
    void keyKindAndSettingsNeverChange() {
        String key = Fixtures.purpose(false);
        String path = "/api/v1/purposes/" + key;
        JsonObject kind = Api.patch(ADMIN, path, "{\"kind\":\"SERVICE\"}").problem(422);
        assertEquals("kind", kind.getJsonArray("errors").getJsonObject(0).getString("field"));
        JsonObject renamed =
                Api.patch(ADMIN, path, "{\"key\":\"other-" + key + "\"}").problem(422);
        assertEquals("key", renamed.getJsonArray("errors").getJsonObject(0).getString("field"));
        assertEquals(
                "channels",
                Api.patch(ADMIN, path, "{\"channels\":[\"EMAIL\"]}")
                        .problem(422)
                        .getJsonArray("errors")
                        .getJsonObject(0)
                        .getString("field"));
        String errors = Api.patch(ADMIN, path, "{\"retired\":\"yes\",\"emial\":1,\"names\":{\"en\":\"\"}}")
                .problem(422)
                .getJsonArray("errors")
                .toString();
        assertTrue(errors.contains("\"retired\"") && errors.contains("\"emial\""), errors);
        Api.patch(ADMIN, path, "{\"names\":{\"fr\":null,\"en\":null}}").problem(422);
        Api.patch(ADMIN, path, "{\"names\":null}").problem(422);
        Api.patch(ADMIN, path, "{\"retired\":").problem(400);
        Api.patch(ADMIN, "/api/v1/purposes/no-such-" + key, "{\"retired\":true}")
                .problem(404);
        Api.sendWithHeaders(ADMIN, "PATCH", path, "{\"retired\":true}").problem(415);
        Api.patch(CAMPAIGN, path, "{\"retired\":true}").problem(403);
        Api.patch(INTEGRATION, path, "{\"retired\":true}").problem(403);
        Api.patch(Api.User.NOBODY, path, "{\"retired\":true}").problem(401);
        JsonObject unchanged = Api.get(AUDITOR, path).json();
        assertFalse(unchanged.getBoolean("retired"));
        assertEquals("PROSPECTING", unchanged.getString("kind"));
        assertEquals("Good deals", unchanged.getJsonObject("names").getString("en"));

        // A client may patch back the document it read, with a new name: what never changes is sent unchanged.
        JsonObject read = Api.get(ADMIN, path).json();
        JsonArray reversed = jakarta.json.Json.createArrayBuilder().build();
        for (int i = read.getJsonArray("channels").size() - 1; i >= 0; i--) {
            reversed = jakarta.json.Json.createArrayBuilder(reversed)
                    .add(read.getJsonArray("channels").get(i))
                    .build();
        }
        JsonObject back = jakarta.json.Json.createObjectBuilder(read)
                .add("channels", reversed)
                .add("names", jakarta.json.Json.createObjectBuilder().add("en", "Better deals"))
                .build();
        JsonObject patched = Api.patch(ADMIN, path, back.toString()).expect(200).json();
        assertEquals("Better deals", patched.getJsonObject("names").getString("en"));
        assertEquals(read.getJsonArray("channels"), patched.getJsonArray("channels"));
        JsonObject changedOptIn = Api.patch(
                        ADMIN,
                        path,
                        "{\"doubleOptIn\":" + !read.getBoolean("doubleOptIn") + ",\"similarToPurchases\":"
                                + read.getBoolean("similarToPurchases") + "}")
                .problem(422);
        assertEquals(1, changedOptIn.getJsonArray("errors").size(), changedOptIn.toString());
        assertEquals(
                "doubleOptIn",
                changedOptIn.getJsonArray("errors").getJsonObject(0).getString("field"));
    }
}
