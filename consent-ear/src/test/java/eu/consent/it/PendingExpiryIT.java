package eu.consent.it;

import static eu.consent.it.Api.User.ADMIN;
import static eu.consent.it.Api.User.AUDITOR;
import static eu.consent.it.Api.User.CAMPAIGN;
import static eu.consent.it.Api.User.INTEGRATION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The nightly {@code pending-expiry} drops a double opt-in never confirmed (DESIGN): the pair is back where it was
 * before the grant, so the rule that applied without it applies again, and nobody is told the person withdrew.
 */
class PendingExpiryIT {

    @Test
    void anExpiredDoubleOptInPutsEachContactBackUnderTheRuleItHadBefore() throws Exception {
        String purpose = Api.uniqueKey("doisim");
        Api.post(ADMIN, "/api/v1/purposes", """
                        {"key":"%s","kind":"PROSPECTING","channels":["EMAIL","SMS"],"doubleOptIn":true,
                         "similarToPurchases":true,"names":{"fr":"Nos produits","en":"Our products"}}""".formatted(purpose)).expect(201);
        String notice = Fixtures.notice(purpose, "fr", "Oui, écrivez-moi");
        String b2b = contact("B2B", false, purpose);
        String customer = contact("B2C", true, purpose);
        String stranger = contact("B2C", false, purpose);
        String withdrew = contact("B2B", false, purpose);
        String recent = contact("B2B", false, purpose);
        List<String> everyone = List.of(b2b, customer, stranger, withdrew, recent);

        Map<String, String> before = Map.of(
                b2b, "B2B_OPT_OUT_REGIME",
                customer, "SOFT_OPT_IN",
                stranger, "NO_CONSENT",
                withdrew, "CONSENT_WITHDRAWN",
                recent, "B2B_OPT_OUT_REGIME");
        String withdrawal = Api.post(
                        INTEGRATION,
                        "/api/v1/consents",
                        Fixtures.event(withdrew, purpose, "EMAIL", "WITHDRAW", null, Fixtures.daysAgo(5)))
                .expect(201)
                .json()
                .getString("id");
        assertEquals(before, rules(everyone, purpose));

        // The person's web form three days ago, never confirmed; an integrating system's plain API grant alike.
        for (String contact : List.of(b2b, customer, withdrew)) {
            Api.post(
                            INTEGRATION,
                            "/api/v1/consents",
                            Fixtures.event(contact, purpose, "EMAIL", "GRANT", notice, Fixtures.daysAgo(3)))
                    .expect(201);
        }
        Api.post(INTEGRATION, "/api/v1/consents", """
                        {"contactId":"%s","purpose":"%s","channel":"EMAIL","action":"GRANT","source":"API",
                         "noticeId":"%s","occurredAt":"%s"}""".formatted(stranger, purpose, notice, Fixtures.daysAgo(3)))
                .expect(201);
        Api.post(INTEGRATION, "/api/v1/consents", Fixtures.event(recent, purpose, "EMAIL", "GRANT", notice, null))
                .expect(201);
        for (Map.Entry<String, String> rule : rules(everyone, purpose).entrySet()) {
            assertEquals("CONSENT_PENDING", rule.getValue(), rule.getKey());
        }

        // The wait counts from when the server received each grant and mailed its request, seconds ago, not from the
        // form's date three days back (until 2026-12-06 this run dropped them, their links still valid for days).
        assertEquals("COMPLETED", JobIT.awaitEnd(expire(2)).getString("status"));
        for (Map.Entry<String, String> rule : rules(everyone, purpose).entrySet()) {
            assertEquals(
                    "CONSENT_PENDING", rule.getValue(), "a request mailed seconds ago still waits: " + rule.getKey());
        }

        // No wait at all: every request received before the run is dropped.
        String link = confirmLinkOf(b2b);
        assertEquals("COMPLETED", JobIT.awaitEnd(expire(0)).getString("status"));
        // Its link has lapsed: the expired page, not "already confirmed, or withdrawn since" (tester AQ's F4).
        assertEquals(410, Recipients.get(link).statusCode());
        assertEquals(before, rules(everyone, purpose), "each is back under the rule it had before the grant");
        JsonObject allowed = Recipients.decision(b2b, purpose, "EMAIL");
        assertTrue(allowed.getBoolean("allowed"), allowed.toString());
        assertEquals("LEGITIMATE_INTEREST", allowed.getString("basis"));
        assertEquals(
                "SOFT_OPT_IN", Recipients.decision(customer, purpose, "EMAIL").getString("basis"));

        // The state reads NONE since the expiry, naming it; the history keeps it, as the system's act.
        JsonObject state = consents(b2b).get(0).asJsonObject();
        assertEquals("NONE", state.getString("state"), state.toString());
        assertTrue(state.isNull("basis"), state.toString());
        JsonObject expiry = last(Recipients.history(b2b));
        assertEquals(expiry.getString("id"), state.getString("eventId"));
        assertEquals("WITHDRAW", expiry.getString("action"));
        assertEquals("ADMIN", expiry.getString("source"));
        assertEquals("pending-expiry", expiry.getJsonObject("proof").getString("agentId"));
        assertEquals("NONE", expiry.getString("state"), expiry.toString());
        assertEquals("dpv:ConsentExpired", receipt(expiry.getString("id")).getString("status"));
        // Who had withdrawn before is withdrawn still, by their own act, not by the expiry.
        assertEquals("WITHDRAWN", consents(withdrew).get(0).asJsonObject().getString("state"));
        assertEquals(withdrawal, consents(withdrew).get(0).asJsonObject().getString("eventId"));
        assertEquals(
                "NO_CONSENT",
                Recipients.decision(stranger, purpose, "EMAIL").getString("rule"),
                "a system's grant a week ago is no opt-out");

        JsonObject check =
                Api.get(ADMIN, "/api/v1/consents/projection/verify").expect(200).json();
        assertTrue(check.getBoolean("valid"), check.toString());
        // An export of those without consent on the purpose counts the dropped ones in.
        String none = Api.get(
                        AUDITOR,
                        "/api/v1/exports/contacts?format=ndjson&state=NONE&purpose=" + purpose + "&attr.batch="
                                + purpose)
                .expect(200)
                .body();
        assertTrue(none.contains(b2b) && none.contains(stranger) && none.contains(recent), none);
        assertFalse(none.contains(withdrew), none);
    }

    private static long expire(int days) {
        return Api.post(ADMIN, "/api/v1/jobs/pending-expiry?expiryDays=" + days, "")
                .expect(202)
                .json()
                .getJsonNumber("executionId")
                .longValue();
    }

    /** A French contact of this test's batch (an attribute, so that an export can find the test's own). */
    private static String contact(String audience, boolean customer, String batch) {
        return Api.post(INTEGRATION, "/api/v1/contacts", """
                        {"email":"%s","country":"FR","locale":"fr","audience":"%s","customer":%s,
                         "attributes":{"batch":"%s"}}""".formatted(Api.uniqueEmail(), audience, customer, batch))
                .expect(201)
                .json()
                .getString("id");
    }

    /**
     * The rule of each contact's single decision, checked against the bulk list's answer for the same contact: a
     * single and a bulk decision never disagree.
     */
    private static Map<String, String> rules(List<String> contacts, String purpose) {
        StringBuilder list = new StringBuilder();
        contacts.forEach(c -> list.append("{\"contactId\":\"").append(c).append("\"}\n"));
        Map<String, String> bulk = new HashMap<>();
        for (String line : Api.send(
                        CAMPAIGN,
                        "POST",
                        "/api/v1/decisions/bulk?purpose=" + purpose + "&channel=EMAIL",
                        "application/x-ndjson",
                        HttpRequest.BodyPublishers.ofString(list.toString()))
                .expect(200)
                .body()
                .strip()
                .split("\n")) {
            JsonObject answer = Json.createReader(new StringReader(line)).readObject();
            bulk.put(answer.getString("contactId"), answer.getString("rule"));
        }
        Map<String, String> single = new HashMap<>();
        for (String contact : contacts) {
            single.put(contact, Recipients.decision(contact, purpose, "EMAIL").getString("rule"));
        }
        assertEquals(single, bulk, "single and bulk decisions agree");
        return single;
    }

    private static jakarta.json.JsonArray consents(String contact) {
        return Api.get(AUDITOR, "/api/v1/contacts/" + contact + "/consents")
                .structure()
                .asJsonArray();
    }

    private static JsonObject last(jakarta.json.JsonArray history) {
        return history.getJsonObject(history.size() - 1);
    }

    private static JsonObject receipt(String eventId) {
        String jws = Api.get(INTEGRATION, "/api/v1/consents/" + eventId + "/receipt")
                .expect(200)
                .body();
        return Json.createReader(new StringReader(
                        new String(Base64.getUrlDecoder().decode(jws.strip().split("\\.")[1]), StandardCharsets.UTF_8)))
                .readObject();
    }

    /** The confirmation link of a contact's request, as the admin's access export shows the mail queued for it. */
    private static String confirmLinkOf(String contact) {
        String body = Api.get(Api.User.ADMIN, "/api/v1/contacts/" + contact + "/export")
                .expect(200)
                .json()
                .getJsonArray("messages")
                .getJsonObject(0)
                .getString("body");
        java.util.regex.Matcher m =
                java.util.regex.Pattern.compile("(http://\\S+/confirm/\\S+)").matcher(body);
        assertTrue(m.find(), body);
        return m.group(1);
    }
}
