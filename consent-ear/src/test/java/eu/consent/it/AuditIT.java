package eu.consent.it;

import static eu.consent.it.Api.User.ADMIN;
import static eu.consent.it.Api.User.AUDITOR;
import static eu.consent.it.Api.User.INTEGRATION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AuditIT {

    /**
     * Sends reported count against frequency caps: the report is audited in the reporter's name, one entry for the
     * batch that each person's audit lists, so a refusal for FREQUENCY_CAP can be traced to who reported what.
     */
    @Test
    void reportedSendsAreAuditedInTheReportersNameAndListedInEachPersonsAudit() {
        String purpose = Fixtures.purpose(false);
        String one = Api.createContact(Api.uniqueEmail());
        String other = Api.createContact(Api.uniqueEmail());
        String at = java.time.Instant.now().minusSeconds(60).toString();
        String send = "{\"contactId\":\"%s\",\"purpose\":\"" + purpose + "\",\"channel\":\"EMAIL\",\"sentAt\":\"" + at
                + "\"}";
        Api.post(
                        Api.User.CAMPAIGN,
                        "/api/v1/sends",
                        "[" + send.formatted(one) + "," + send.formatted(one) + "," + send.formatted(other) + "]")
                .expect(202);
        for (String contact : List.of(one, other)) {
            List<JsonObject> reported = Api.pages(AUDITOR, "/api/v1/audit?contactId=" + contact).stream()
                    .filter(e -> e.getString("action").equals("SENDS_REPORTED"))
                    .toList();
            assertEquals(1, reported.size(), reported::toString);
            JsonObject entry = reported.get(0);
            assertEquals("campaign", entry.getString("actor"), entry::toString);
            assertEquals(3, entry.getJsonObject("details").getInt("sends"), entry::toString);
            assertEquals(2, entry.getJsonObject("details").getInt("contacts"), entry::toString);
            assertEquals(
                    3, entry.getJsonObject("details").getJsonObject("purposes").getInt(purpose), entry::toString);
        }
        // a refused batch (an unknown contact) records nothing, and audits nothing
        Api.post(
                        Api.User.CAMPAIGN,
                        "/api/v1/sends",
                        "[" + send.formatted(one) + "," + send.formatted(java.util.UUID.randomUUID()) + "]")
                .problem(422);
        assertEquals(
                1,
                Api.pages(AUDITOR, "/api/v1/audit?contactId=" + one).stream()
                        .filter(e -> e.getString("action").equals("SENDS_REPORTED"))
                        .count());
    }

    /**
     * A name a client chooses for a system (a suppression's source, an ESP event's provider) goes into the audit, which
     * nothing erases, and into webhooks: one that holds an email address or a phone number is refused.
     */
    @Test
    void aSourceOrProviderNamingSomeoneIsRefused() {
        String email = Api.uniqueEmail();
        JsonObject source = Api.post(ADMIN, "/api/v1/suppressions", """
                        {"email":"%s","channel":"EMAIL","reason":"MANUAL","source":"crm %s"}""".formatted(email, email))
                .problem(422);
        assertEquals("source", source.getJsonArray("errors").getJsonObject(0).getString("field"), source::toString);
        JsonObject provider = Api.post(INTEGRATION, "/api/v1/esp-events", """
                        [{"type":"HARD_BOUNCE","email":"%s","occurredAt":"%s","provider":"relay +33 6 12 34 56 78"}]""".formatted(
                                email, java.time.Instant.now().minusSeconds(60)))
                .problem(422);
        assertTrue(provider.toString().contains("provider"), provider::toString);
        // A number in any spelling, also run into the name's words (until 2026-12-07 these were taken, and the number
        // stayed in the audit for ever: tester AZ's F4).
        for (String name : List.of(
                "crm 06/12/34/56/78",
                "crm-06-12-34-56-78",
                "agent 06 - 12 - 34 - 56 - 78",
                "crm 06\u202f12\u202f34\u202f56\u202f78")) {
            JsonObject refused = Api.post(ADMIN, "/api/v1/suppressions", """
                            {"email":"%s","channel":"EMAIL","reason":"MANUAL","source":"%s"}""".formatted(email, name))
                    .problem(422);
            assertEquals(
                    "source", refused.getJsonArray("errors").getJsonObject(0).getString("field"), refused::toString);
        }
        JsonObject slashed = Api.post(INTEGRATION, "/api/v1/esp-events", """
                        [{"type":"SOFT_BOUNCE","email":"%s","occurredAt":"%s","provider":"sms 06/12/34/56/78"}]""".formatted(
                                email, java.time.Instant.now().minusSeconds(60)))
                .problem(422);
        assertTrue(slashed.toString().contains("provider"), slashed::toString);
        Api.post(ADMIN, "/api/v1/suppressions", """
                        {"email":"%s","channel":"EMAIL","reason":"MANUAL","source":"crm-2026 batch 7"}""".formatted(email)).expect(201);
        Api.post(ADMIN, "/api/v1/suppressions", """
                        {"email":"%s","channel":"EMAIL","reason":"MANUAL","source":"batch-20261207-1030"}""".formatted(Api.uniqueEmail()))
                .expect(201);
    }

    /** Blocking and unblocking a person's address is about them: their audit and their access export list it. */
    @Test
    void aSuppressionOfAPersonsAddressIsInTheirAudit() {
        String email = Api.uniqueEmail();
        String id = Api.createContact(email);
        String suppression = Api.post(ADMIN, "/api/v1/suppressions", """
                        {"email":"%s","channel":"EMAIL","reason":"MANUAL"}""".formatted(email))
                .expect(201)
                .json()
                .getString("id");
        Api.send(
                        ADMIN,
                        "DELETE",
                        "/api/v1/suppressions/" + suppression,
                        null,
                        java.net.http.HttpRequest.BodyPublishers.noBody())
                .expect(204);
        List<JsonObject> theirs = Api.pages(AUDITOR, "/api/v1/audit?contactId=" + id);
        List<String> actions = theirs.stream().map(e -> e.getString("action")).toList();
        assertEquals(List.of("CONTACT_CREATED", "SUPPRESSION_ADDED", "SUPPRESSION_DELETED"), actions, theirs::toString);
        for (JsonObject e : theirs.subList(1, 3)) {
            assertEquals("suppression", e.getString("subjectType"), e::toString);
            assertEquals(suppression, e.getString("subjectId"), e::toString);
            assertEquals("admin", e.getString("actor"), e::toString);
        }
        assertFalse(theirs.toString().contains(email), "never the address");
        String exported = Api.get(AUDITOR, "/api/v1/contacts/" + id + "/export")
                .expect(200)
                .json()
                .getJsonArray("audit")
                .toString();
        assertTrue(exported.contains("SUPPRESSION_DELETED"), exported);
        assertTrue(Api.get(AUDITOR, "/api/v1/audit/verify").expect(200).json().getBoolean("valid"));
    }

    /**
     * What a decision's legal ground rests on is kept by value: the audience, being a customer, the country and the
     * locale before and after each change, and the preferences as set (caps, preferred channels, the pause's end);
     * never an identifier (testers BI's F4 and F5: until 2026-12-07 the entries held field names and counts, and a past
     * B2B regime or pause could not be proven once changed).
     */
    @Test
    void theValuesADecisionRestsOnAreKeptButNoIdentifier() {
        String email = Api.uniqueEmail();
        String id = Api.createContact(email);
        Api.patch(INTEGRATION, "/api/v1/contacts/" + id, "{\"audience\":\"B2B\",\"customer\":true}")
                .expect(200);
        String until = Instant.now()
                .plusSeconds(86_400 * 20)
                .truncatedTo(ChronoUnit.SECONDS)
                .toString();
        Api.send(
                        INTEGRATION,
                        "PUT",
                        "/api/v1/contacts/" + id + "/preferences",
                        "application/json",
                        java.net.http.HttpRequest.BodyPublishers.ofString(
                                "{\"frequency\":{},\"channels\":[\"SMS\",\"EMAIL\"],\"pausedUntil\":\"" + until
                                        + "\"}"))
                .expect(200);
        List<JsonObject> entries = Api.pages(AUDITOR, "/api/v1/audit?contactId=" + id);
        JsonObject updated = entries.stream()
                .filter(e -> e.getString("action").equals("CONTACT_UPDATED"))
                .findFirst()
                .orElseThrow()
                .getJsonObject("details");
        assertEquals(
                "{\"from\":\"B2C\",\"to\":\"B2B\"}",
                updated.getJsonObject("values").getJsonObject("audience").toString(),
                updated.toString());
        assertEquals(
                "{\"from\":\"false\",\"to\":\"true\"}",
                updated.getJsonObject("values").getJsonObject("customer").toString());
        JsonObject set = entries.stream()
                .filter(e -> e.getString("action").equals("PREFERENCES_CHANGED"))
                .findFirst()
                .orElseThrow()
                .getJsonObject("details")
                .getJsonObject("set");
        assertEquals(until, set.getString("pausedUntil"), set.toString());
        assertEquals("[\"EMAIL\",\"SMS\"]", set.getJsonArray("channels").toString());
        assertFalse(entries.toString().contains(email), "never the email");
    }

    @Test
    void everyChangeIsAuditedByWhoAndWhichContactButNeverByEmail() {
        String email = Api.uniqueEmail();
        String id = Api.createContact(email);
        Api.patch(INTEGRATION, "/api/v1/contacts/" + id, "{\"customer\":true}").expect(200);
        Api.post(INTEGRATION, "/api/v1/contacts/" + id + "/activities", "{\"type\":\"CLICK\"}")
                .expect(204);

        Api.Answer answer = Api.get(AUDITOR, "/api/v1/audit?contactId=" + id).expect(200);
        JsonArray items = answer.json().getJsonArray("items");
        assertEquals(3, items.size(), answer.body());
        assertEquals("CONTACT_CREATED", items.getJsonObject(0).getString("action"));
        assertEquals("CONTACT_UPDATED", items.getJsonObject(1).getString("action"));
        assertEquals(
                "[\"customer\"]",
                items.getJsonObject(1)
                        .getJsonObject("details")
                        .getJsonArray("fields")
                        .toString());
        assertEquals("ACTIVITY_RECORDED", items.getJsonObject(2).getString("action"));
        for (int i = 0; i < items.size(); i++) {
            JsonObject entry = items.getJsonObject(i);
            assertEquals("integration", entry.getString("actor"));
            assertEquals(id, entry.getString("subjectId"));
            assertEquals(64, entry.getString("hash").length());
        }
        assertFalse(answer.body().contains(email), "the audit never holds the email");
        assertFalse(answer.body().contains(email.substring(0, email.indexOf('@'))), "nor its local part");
        assertEquals(
                answer.json().getJsonArray("items"),
                Api.get(AUDITOR, "/api/v1/audit?contact=" + id)
                        .expect(200)
                        .json()
                        .getJsonArray("items"),
                "contact is the same filter as contactId");
        Api.get(AUDITOR, "/api/v1/audit?contact=" + id + "&contactId=" + Api.createContact(Api.uniqueEmail()))
                .problem(422);
    }

    @Test
    void pagesByCursorAndFiltersByTime() {
        JsonObject first = Api.get(AUDITOR, "/api/v1/audit?limit=1").expect(200).json();
        assertEquals(1, first.getJsonArray("items").size());
        Api.createContact(Api.uniqueEmail());
        JsonObject second = Api.get(AUDITOR, "/api/v1/audit?limit=1&after=" + first.getString("next"))
                .expect(200)
                .json();
        assertEquals(
                first.getJsonArray("items").getJsonObject(0).getInt("seq") + 1,
                second.getJsonArray("items").getJsonObject(0).getInt("seq"));

        assertEquals(
                0,
                Api.get(AUDITOR, "/api/v1/audit?to=2000-01-01T00:00:00Z")
                        .expect(200)
                        .json()
                        .getJsonArray("items")
                        .size());
        Api.get(AUDITOR, "/api/v1/audit?from=yesterday").problem(422);
        Api.get(AUDITOR, "/api/v1/audit?contactId=nope").problem(422);
    }

    @Test
    void anEmptyOrInvertedPeriodIsRefusedNamingTheFieldAsTheStatisticsDo() {
        java.time.Instant now = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        String inverted = "?from=" + now + "&to=" + now.minus(java.time.Duration.ofDays(4));
        for (String path : List.of("/api/v1/audit", "/api/v1/stats/opt-outs")) {
            JsonObject problem = Api.get(AUDITOR, path + inverted).problem(422);
            assertEquals("to", problem.getJsonArray("errors").getJsonObject(0).getString("field"), path);
            Api.get(AUDITOR, path + "?from=" + now + "&to=" + now).problem(422);
        }
        Api.get(AUDITOR, "/api/v1/audit?from=" + now.minus(java.time.Duration.ofDays(1)) + "&to=" + now)
                .expect(200);
        Api.get(AUDITOR, "/api/v1/audit?from=" + now).expect(200);
    }

    @Test
    void concurrentWritersNeverForkTheChain() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (int i = 0; i < 48; i++) {
                answers.add(
                        pool.submit(() -> Api.post(INTEGRATION, "/api/v1/contacts", """
                                {"email":"%s","country":"FR","locale":"fr","audience":"B2C","customer":false}""".formatted(Api.uniqueEmail()))
                                .status()));
            }
            for (Future<Integer> answer : answers) {
                assertEquals(201, answer.get());
            }
        } finally {
            pool.shutdown();
        }
        JsonObject verification =
                Api.get(AUDITOR, "/api/v1/audit/verify").expect(200).json();
        assertTrue(verification.getBoolean("valid"), verification.toString());
        assertTrue(verification.getJsonNumber("entries").longValue() >= 48);
        assertEquals(64, verification.getString("head").length());

        // Contiguous sequence numbers, each entry naming its predecessor's hash: one chain, no fork.
        JsonArray items =
                Api.get(ADMIN, "/api/v1/audit?limit=1000").expect(200).json().getJsonArray("items");
        for (int i = 1; i < items.size(); i++) {
            JsonObject previous = items.getJsonObject(i - 1);
            JsonObject entry = items.getJsonObject(i);
            assertEquals(previous.getInt("seq") + 1, entry.getInt("seq"));
            assertEquals(previous.getString("hash"), entry.getString("prevHash"));
        }
    }

    /**
     * The chain is verified while the service keeps appending to it (a DPO checks a live system): an entry appended
     * after the head was read is walked too, and must not be taken for a broken chain.
     */
    @Test
    void aChainVerifiedWhileWritersAppendIsWhole() throws Exception {
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicInteger written = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        List<Future<?>> writers = new ArrayList<>();
        try {
            for (int w = 0; w < 4; w++) {
                writers.add(pool.submit(() -> {
                    while (writing.get()) {
                        Api.post(INTEGRATION, "/api/v1/contacts", """
                                {"email":"%s","country":"FR","locale":"fr","audience":"B2C","customer":false}""".formatted(Api.uniqueEmail()))
                                .expect(201);
                        written.incrementAndGet();
                    }
                    return null;
                }));
            }
            long grewWhileVerified = 0;
            for (int i = 0; i < 12; i++) {
                long before = written.get();
                JsonObject verification =
                        Api.get(AUDITOR, "/api/v1/audit/verify").expect(200).json();
                assertTrue(verification.getBoolean("valid"), "verification " + i + ": " + verification);
                grewWhileVerified += written.get() - before;
            }
            assertTrue(grewWhileVerified > 0, "entries were appended while the chain was verified");
        } finally {
            writing.set(false);
            for (Future<?> writer : writers) {
                writer.get();
            }
            pool.shutdown();
        }
    }
}
