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
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;

/** External lists kept in step by snapshots: added and removed as a diff, guarded against truncated files. */
class SuppressionSourceIT {

    private static Api.Answer upload(String source, String csv, boolean force) {
        return Api.send(
                INTEGRATION,
                "PUT",
                "/api/v1/suppression-sources/" + source + "/snapshot" + (force ? "?force=true" : ""),
                "text/csv",
                HttpRequest.BodyPublishers.ofString(csv));
    }

    private static JsonObject applied(Api.Answer answer) throws InterruptedException {
        JsonObject body = answer.expect(202).json();
        JsonObject execution = JobIT.awaitEnd(body.getJsonNumber("executionId").longValue());
        assertEquals("COMPLETED", execution.getString("status"), execution.toString());
        return body.getJsonObject("report");
    }

    private static int entries(String source) {
        return Api.get(AUDITOR, "/api/v1/suppressions?limit=1000&source=list:" + source)
                .expect(200)
                .json()
                .getJsonArray("items")
                .size();
    }

    private static String decide(String who, String purpose, String channel) {
        return Api.post(
                        CAMPAIGN,
                        "/api/v1/decisions",
                        Json.createObjectBuilder()
                                .add("contactId", who)
                                .add("purpose", purpose)
                                .add("channel", channel)
                                .build()
                                .toString())
                .expect(200)
                .json()
                .getString("rule");
    }

    @Test
    void aSnapshotIsAppliedAsADiffThatNeverTouchesOtherSourcesOrThePersonsOwnOptOut() throws Exception {
        String source = Api.uniqueKey("esp");
        String purpose = Api.uniqueKey("calls");
        Api.post(ADMIN, "/api/v1/purposes", """
                        {"key":"%s","kind":"PROSPECTING","channels":["EMAIL","PHONE"],"doubleOptIn":false,
                         "similarToPurchases":false,"names":{"en":"Offers"}}""".formatted(purpose)).expect(201);
        String email = Api.uniqueEmail();
        String phone = Api.uniqueFrenchMobile();
        String contact = Api.post(
                        INTEGRATION,
                        "/api/v1/contacts",
                        Json.createObjectBuilder()
                                .add("email", email)
                                .add("phone", phone)
                                .add("country", "FR")
                                .add("locale", "fr")
                                .add("audience", "B2C")
                                .add("customer", false)
                                .build()
                                .toString())
                .expect(201)
                .json()
                .getString("id");
        assertEquals("PHONE_OPT_OUT_REGIME", decide(contact, purpose, "PHONE"));

        String a = Api.uniqueEmail();
        String b = Api.uniqueEmail();
        String c = Api.uniqueEmail();
        String csv = "identifier,reason,date\n" + email.toUpperCase() + ",COMPLAINT,2026-10-01\n" + a
                + ",HARD_BOUNCE,\n"
                + b + ",UNSUBSCRIBED,2026-10-02T10:00:00Z\n" + c + ",UNSUBSCRIBED,\n" + phone + ",DNC_REGISTRY,\n"
                + "not-an-address,UNSUBSCRIBED,\n" + a + ",HARD_BOUNCE,\n";
        JsonObject report = applied(upload(source, csv, false));
        assertEquals(5, report.getInt("rows"));
        assertEquals(1, report.getInt("rejected"));
        assertTrue(report.getJsonArray("rejections").getString(0).startsWith("line 7"), report.toString());
        assertEquals(5, entries(source));
        assertEquals("SUPPRESSED_COMPLAINT", decide(contact, purpose, "EMAIL"));
        assertEquals("PHONE_DNC_LISTED", decide(contact, purpose, "PHONE"), "a consumer on the do-not-call list");

        // The person unsubscribes by themselves: that entry belongs to them, not to the list.
        String url = Api.post(CAMPAIGN, "/api/v1/unsubscribe-links", "{\"contactId\":\"" + contact + "\"}")
                .json()
                .getString("unsubscribeUrl");
        Recipients.post(url, java.util.Map.of("List-Unsubscribe", "One-Click"));

        // Another person leaves one purpose only: theirs to keep from us, not a reason for the network to stop all
        // mail.
        String partial = Api.uniqueEmail();
        String partialContact = Fixtures.contact(partial, "fr");
        String partialUrl = Api.post(
                        CAMPAIGN,
                        "/api/v1/unsubscribe-links",
                        "{\"contactId\":\"" + partialContact + "\",\"purpose\":\"" + purpose + "\"}")
                .json()
                .getString("unsubscribeUrl");
        Recipients.post(partialUrl, java.util.Map.of("List-Unsubscribe", "One-Click"));
        assertEquals("SUPPRESSED_UNSUBSCRIBED", decide(partialContact, purpose, "EMAIL"));

        String truncated = email + ",COMPLAINT,\n" + a + ",HARD_BOUNCE,\n";
        JsonObject refused = upload(source, truncated, false).problem(409);
        assertTrue(refused.getString("detail").contains("force=true"), refused.toString());
        assertEquals(5, entries(source), "a refused snapshot changes nothing");
        JsonObject unclear = Api.send(
                        INTEGRATION,
                        "PUT",
                        "/api/v1/suppression-sources/" + source + "/snapshot?force=yes",
                        "text/csv",
                        HttpRequest.BodyPublishers.ofString(truncated))
                .problem(422);
        assertEquals("force", unclear.getJsonArray("errors").getJsonObject(0).getString("field"));
        assertEquals(5, entries(source), "force=yes neither forces nor is read as no");

        String shrunk =
                a + ",HARD_BOUNCE,\n" + b + ",UNSUBSCRIBED,\n" + c + ",UNSUBSCRIBED,\n" + phone + ",DNC_REGISTRY,\n";
        JsonObject second = applied(upload(source, shrunk, true));
        assertEquals(1, second.getInt("removals"));
        assertEquals(4, entries(source));
        assertEquals(
                "SUPPRESSED_UNSUBSCRIBED",
                decide(contact, purpose, "EMAIL"),
                "the list dropped the complaint; the person's own opt-out stays");

        String outbound = Api.sendWithHeaders(
                        INTEGRATION,
                        "GET",
                        "/api/v1/suppression-sources/" + source + "/outbound?since=2000-01-01",
                        "",
                        "Accept",
                        "text/csv")
                .body();
        assertTrue(outbound.startsWith("identifier,reason,date\r\n"), outbound);
        assertTrue(
                outbound.contains(email + ",UNSUBSCRIBED"),
                "our own opt-outs go back to the list's owner: " + outbound);
        assertFalse(outbound.contains(b), "the list's own entries are not sent back");
        assertFalse(
                outbound.contains(partial),
                "an opt-out of one purpose is not sent to a list that stops every message: " + outbound);
    }

    @Test
    void aSnapshotUsesTheSeparatorOfItsFirstLineAndQuotes() throws Exception {
        String a = Api.uniqueEmail();
        String b = Api.uniqueEmail();
        String phone = Api.uniqueFrenchMobile();
        String semicolons = Api.uniqueKey("semicolons");
        String csv = "identifier;reason;date\r\n"
                + "\"" + a + "\";\"UNSUBSCRIBED\";\"" + Fixtures.dateDaysAgo(3) + "\"\r\n"
                + " " + phone + " ; dnc_registry ;\r\n"
                + "\"" + Api.uniqueEmail() + ";UNSUBSCRIBED;\r\n"
                + b + ",HARD_BOUNCE,\r\n";
        JsonObject report = applied(upload(semicolons, csv, false));
        assertEquals(2, report.getInt("rows"), report.toString());
        assertEquals(2, report.getInt("rejected"), report.toString());
        assertTrue(report.getJsonArray("rejections").getString(0).startsWith("line 4"), report.toString());
        assertTrue(
                report.getJsonArray("rejections").getString(1).startsWith("line 5"),
                "a comma line in a file of semicolons: " + report);
        assertEquals(2, entries(semicolons));

        String commas = Api.uniqueKey("commas");
        String quoted = "\"" + Api.uniqueEmail() + "\",\"complaint\",\n"
                + b + ",HARD_BOUNCE," + Fixtures.daysAgo(2) + "\n"
                + "\"" + Api.uniqueEmail() + "\"x,UNSUBSCRIBED,\n";
        JsonObject second = applied(upload(commas, quoted, false));
        assertEquals(2, second.getInt("rows"), second.toString());
        assertEquals(1, second.getInt("rejected"), second.toString());
        assertTrue(second.getJsonArray("rejections").getString(0).startsWith("line 3"), second.toString());
        assertEquals(2, entries(commas));
    }

    /** A snapshot retried with its {@code Idempotency-Key} replays the first answer: one resync job, not two. */
    @Test
    void aSnapshotRetriedWithItsKeyReplaysItsFirstAnswer() throws Exception {
        String source = Api.uniqueKey("retried");
        String csv = Api.uniqueEmail() + ",UNSUBSCRIBED,\n";
        String key = Api.uniqueKey("snapshot");
        String path = "/api/v1/suppression-sources/" + source + "/snapshot";
        Api.Answer first = Api.send(
                INTEGRATION, "PUT", path, "text/csv", HttpRequest.BodyPublishers.ofString(csv), "Idempotency-Key", key);
        Api.Answer again = Api.send(
                INTEGRATION, "PUT", path, "text/csv", HttpRequest.BodyPublishers.ofString(csv), "Idempotency-Key", key);
        assertEquals(1, applied(first).getInt("rows"), first.body());
        again.expect(202);
        assertEquals("true", again.header("Idempotent-Replayed"));
        assertEquals(
                first.json().getJsonNumber("executionId").longValue(),
                again.json().getJsonNumber("executionId").longValue());
        Api.send(
                        INTEGRATION,
                        "PUT",
                        path,
                        "text/csv",
                        HttpRequest.BodyPublishers.ofString(csv + Api.uniqueEmail() + ",UNSUBSCRIBED,\n"),
                        "Idempotency-Key",
                        key)
                .problem(422);
        // the same body with another query is another request too
        Api.send(
                        INTEGRATION,
                        "PUT",
                        path + "?format=generic&force=true",
                        "text/csv",
                        HttpRequest.BodyPublishers.ofString(csv),
                        "Idempotency-Key",
                        key)
                .problem(422);
        assertEquals(1, entries(source));
    }

    @Test
    void badNamesAndRolesAreRefused() {
        upload("Bad_Name", "x@example.com,UNSUBSCRIBED,\n", false).problem(404);
        Api.send(
                        CAMPAIGN,
                        "PUT",
                        "/api/v1/suppression-sources/x/snapshot",
                        "text/csv",
                        HttpRequest.BodyPublishers.ofString("x@example.com,UNSUBSCRIBED,\n"))
                .problem(403);
    }

    /**
     * A person who unsubscribes while a list already holds the very same entry for their address keeps an entry of
     * their own: the list's next snapshot, without them, removes the list's entry and not their word.
     */
    @Test
    void aPersonsOptOutOutlivesTheListThatHeldTheSameEntry() throws Exception {
        String source = Api.uniqueKey("esp");
        String purpose = Fixtures.purpose(false);
        String email = Api.uniqueEmail();
        String contact = Api.post(INTEGRATION, "/api/v1/contacts", """
                        {"email":"%s","country":"FR","locale":"fr","audience":"B2B","customer":false}""".formatted(email))
                .expect(201)
                .json()
                .getString("id");
        assertEquals("B2B_OPT_OUT_REGIME", decide(contact, purpose, "EMAIL"));
        String other = Api.uniqueEmail();
        applied(upload(
                source, "identifier,reason,date\n" + email + ",UNSUBSCRIBED,\n" + other + ",UNSUBSCRIBED,\n", false));
        assertEquals("SUPPRESSED_UNSUBSCRIBED", decide(contact, purpose, "EMAIL"), "the list's entry");

        String url = Api.post(CAMPAIGN, "/api/v1/unsubscribe-links", "{\"contactId\":\"" + contact + "\"}")
                .expect(200)
                .json()
                .getString("unsubscribeUrl");
        Recipients.post(url, java.util.Map.of("List-Unsubscribe", "One-Click"));

        JsonObject report = applied(upload(source, "identifier,reason,date\n" + other + ",UNSUBSCRIBED,\n", true));
        assertEquals(1, report.getInt("removals"), report.toString());
        assertEquals(1, entries(source));
        assertEquals(
                "SUPPRESSED_UNSUBSCRIBED",
                decide(contact, purpose, "EMAIL"),
                "the list no longer names the address; the person's own unsubscribe stays");
        JsonObject export = Api.get(ADMIN, "/api/v1/contacts/" + contact + "/export")
                .expect(200)
                .json();
        assertTrue(
                export.getJsonArray("suppressions").stream()
                        .map(JsonObject.class::cast)
                        .anyMatch(s -> s.getString("source").equals("person:ONE_CLICK")),
                export.toString());
    }
}
