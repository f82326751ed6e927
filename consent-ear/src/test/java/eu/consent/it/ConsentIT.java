package eu.consent.it;

import static eu.consent.it.Api.User.ADMIN;
import static eu.consent.it.Api.User.AUDITOR;
import static eu.consent.it.Api.User.CAMPAIGN;
import static eu.consent.it.Api.User.INTEGRATION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class ConsentIT {

    private static final String CONSENTS = "/api/v1/consents";

    private static JsonObject record(String body) {
        return Api.post(INTEGRATION, CONSENTS, body).expect(201).json();
    }

    private static JsonArray states(String contactId) {
        return Api.get(AUDITOR, "/api/v1/contacts/" + contactId + "/consents")
                .expect(200)
                .structure()
                .asJsonArray();
    }

    private static String stateOf(String contactId, String purpose, String channel) {
        for (JsonObject s : states(contactId).getValuesAs(JsonObject.class)) {
            if (s.getString("purpose").equals(purpose) && s.getString("channel").equals(channel)) {
                return s.getString("state");
            }
        }
        return "NONE";
    }

    @Test
    void grantThenWithdrawWithProofAndTheNoticeShown() {
        String purpose = Fixtures.purpose(false);
        String text = "J'accepte de recevoir les bons plans par email.";
        String notice = Fixtures.notice(purpose, "fr", text);
        String contact = Fixtures.contact(Api.uniqueEmail(), "fr");

        JsonObject grant = record(Fixtures.event(contact, purpose, "EMAIL", "GRANT", notice, null));
        assertEquals("GRANTED", grant.getString("state"));
        assertEquals("CONSENT", grant.getString("basis"));
        assertEquals(
                notice,
                grant.getJsonObject("notice").getString("id"),
                "the answer names the notice shown, as the history does: " + grant);
        assertEquals(text, grant.getJsonObject("notice").getString("text"));
        JsonObject state = states(contact).getJsonObject(0);
        assertEquals(purpose, state.getString("purpose"));
        assertEquals("EMAIL", state.getString("channel"));
        assertEquals("GRANTED", state.getString("state"));
        assertEquals("CONSENT", state.getString("basis"));
        assertEquals(grant.getString("id"), state.getString("eventId"));

        JsonObject withdraw = record(Fixtures.event(contact, purpose, "EMAIL", "WITHDRAW", null, null));
        assertEquals("WITHDRAWN", withdraw.getString("state"));
        assertEquals("WITHDRAWN", stateOf(contact, purpose, "EMAIL"));
        assertEquals("NONE", stateOf(contact, purpose, "SMS"), "a channel without events has no state");

        JsonArray history = Api.get(AUDITOR, "/api/v1/contacts/" + contact + "/consents/history")
                .expect(200)
                .structure()
                .asJsonArray();
        assertEquals(2, history.size());
        JsonObject first = history.getJsonObject(0);
        assertEquals("GRANT", first.getString("action"));
        assertEquals("WEB_FORM", first.getString("source"));
        assertEquals("203.0.113.7", first.getJsonObject("proof").getString("ip"));
        assertEquals(
                "https://shop.example/newsletter", first.getJsonObject("proof").getString("formUrl"));
        assertEquals(text, first.getJsonObject("notice").getString("text"));
        assertEquals(1, first.getJsonObject("notice").getInt("version"));
        assertEquals(64, first.getJsonObject("notice").getString("sha256").length());
        assertEquals("WITHDRAW", history.getJsonObject(1).getString("action"));

        JsonArray audit =
                Api.get(AUDITOR, "/api/v1/audit?contactId=" + contact).json().getJsonArray("items");
        assertTrue(
                audit.toString().contains("CONSENT_GRANT") && audit.toString().contains("CONSENT_WITHDRAW"));
    }

    /**
     * An opt-out a client records (source API, or an import) is the person's stop all the same: a later grant that is
     * not the person's own (source API, no proof) is kept in the history and re-opens nothing; their own does.
     */
    @Test
    void anOptOutRecordedByAClientIsReopenedOnlyByThePersonsOwnGrant() {
        String purpose = Fixtures.purpose(false);
        String notice = Fixtures.notice(purpose, "fr", "Oui");
        String contact = Fixtures.contact(Api.uniqueEmail(), "fr");
        record(Fixtures.event(contact, purpose, "EMAIL", "GRANT", notice, null));
        String clients = """
                {"contactId":"%s","purpose":"%s","channel":"EMAIL","action":"%s","source":"API"%s}""";
        assertEquals(
                "OBJECTED",
                record(clients.formatted(contact, purpose, "OBJECT", "")).getString("state"));
        JsonObject regrant = record(clients.formatted(contact, purpose, "GRANT", ",\"noticeId\":\"" + notice + "\""));
        assertEquals("OBJECTED", regrant.getString("state"), regrant.toString());
        assertEquals("OBJECTED", stateOf(contact, purpose, "EMAIL"));
        JsonObject decision = Api.post(
                        Api.User.CAMPAIGN,
                        "/api/v1/decisions",
                        "{\"contactId\":\"" + contact + "\",\"purpose\":\"" + purpose + "\",\"channel\":\"EMAIL\"}")
                .expect(200)
                .json();
        assertFalse(decision.getBoolean("allowed"), decision.toString());
        assertEquals(
                "GRANTED",
                record(Fixtures.event(contact, purpose, "EMAIL", "GRANT", notice, null))
                        .getString("state"),
                "the person's own new consent, with proof, re-opens it");
        assertEquals(
                List.of("GRANT GRANTED", "OBJECT OBJECTED", "GRANT OBJECTED", "GRANT GRANTED"),
                statesLeft(contact),
                "the history shows the client's grant changed nothing");
    }

    /** Each event of the history as its action and the state it left its purpose and channel in. */
    private static List<String> statesLeft(String contact) {
        return Api.get(AUDITOR, "/api/v1/contacts/" + contact + "/consents/history")
                .expect(200)
                .structure()
                .asJsonArray()
                .getValuesAs(JsonObject.class)
                .stream()
                .map(e -> e.getString("action") + " " + e.getString("state"))
                .toList();
    }

    @Test
    void anEarlierGrantArrivingLateNeverReopensConsent() {
        String purpose = Fixtures.purpose(false);
        String notice = Fixtures.notice(purpose, "en", "I agree");
        String contact = Fixtures.contact(Api.uniqueEmail(), "en");
        String fresh = Fixtures.daysAgo(30);

        record(Fixtures.event(contact, purpose, "SMS", "WITHDRAW", null, Fixtures.daysAgo(60)));
        JsonObject late = record(Fixtures.event(contact, purpose, "SMS", "GRANT", notice, Fixtures.daysAgo(90)));
        assertEquals("WITHDRAWN", late.getString("state"), "the grant happened before the withdrawal");
        assertEquals("WITHDRAWN", stateOf(contact, purpose, "SMS"));

        record(Fixtures.event(contact, purpose, "SMS", "GRANT", notice, fresh));
        assertEquals("GRANTED", stateOf(contact, purpose, "SMS"), "a fresh grant after the withdrawal counts");

        record(Fixtures.event(contact, purpose, "SMS", "OBJECT", null, fresh));
        assertEquals("OBJECTED", stateOf(contact, purpose, "SMS"), "at the same instant, arrival decides");
        assertEquals(
                List.of("GRANT GRANTED", "WITHDRAW WITHDRAWN", "GRANT GRANTED", "OBJECT OBJECTED"),
                statesLeft(contact),
                "each event shows the state it left where it happened, not where it arrived");
    }

    /**
     * A grant a client dates a few minutes ahead (within the accepted clock skew) counts when it was received: the
     * history lists it where it counts, before a withdrawal received after it, so that read top to bottom it ends where
     * the state does.
     */
    @Test
    void aGrantDatedAheadStandsInTheHistoryWhereItCounts() {
        String purpose = Fixtures.purpose(false);
        String notice = Fixtures.notice(purpose, "en", "I agree");
        String contact = Fixtures.contact(Api.uniqueEmail(), "en");
        Instant ahead = Instant.now().plusSeconds(120).truncatedTo(ChronoUnit.SECONDS);

        assertEquals(
                "GRANTED",
                record(Fixtures.event(contact, purpose, "EMAIL", "GRANT", notice, ahead.toString()))
                        .getString("state"));
        assertEquals(
                "WITHDRAWN",
                record(Fixtures.event(contact, purpose, "EMAIL", "WITHDRAW", null, null))
                        .getString("state"));

        assertEquals("WITHDRAWN", stateOf(contact, purpose, "EMAIL"));
        assertEquals(List.of("GRANT GRANTED", "WITHDRAW WITHDRAWN"), statesLeft(contact));
        JsonArray exported = Api.get(AUDITOR, "/api/v1/contacts/" + contact + "/export")
                .expect(200)
                .json()
                .getJsonArray("history");
        assertEquals("WITHDRAW", exported.getJsonObject(1).getString("action"), "the access export tells it alike");
        // The withdrawal's signed receipt names what the person took back: the grant before it.
        String withdrawal = exported.getJsonObject(1).getString("id");
        String receipt = Api.get(INTEGRATION, "/api/v1/consents/" + withdrawal + "/receipt")
                .expect(200)
                .body();
        JsonObject payload = jakarta.json.Json.createReader(new java.io.StringReader(new String(
                        java.util.Base64.getUrlDecoder().decode(receipt.strip().split("\\.")[1]),
                        java.nio.charset.StandardCharsets.UTF_8)))
                .readObject();
        assertEquals(notice, payload.getJsonObject("notice").getString("id"), payload.toString());
        // The console's timeline, newest first, shows the withdrawal above the grant.
        String story = ConsoleClient.login(AUDITOR)
                .submit("/console/people", "/console/people", java.util.Map.of("kind", "id", "value", contact))
                .body();
        assertTrue(
                story.indexOf("withdrawal · " + purpose) >= 0
                        && story.indexOf("withdrawal · " + purpose) < story.indexOf("consent given · " + purpose),
                story);
        assertEquals(
                ahead,
                Instant.parse(exported.getJsonObject(0).getString("occurredAt")),
                "the client's own date is kept as proof");
    }

    @Test
    void refusesEventsThatBreakTheRules() {
        String purpose = Fixtures.purpose(false);
        String other = Fixtures.purpose(false);
        String notice = Fixtures.notice(purpose, "fr", "Oui");
        String otherNotice = Fixtures.notice(other, "fr", "Oui");
        String contact = Fixtures.contact(Api.uniqueEmail(), "fr");

        assertEquals("noticeId", field(Fixtures.event(contact, purpose, "EMAIL", "GRANT", null, null)));
        assertEquals("noticeId", field(Fixtures.event(contact, purpose, "EMAIL", "GRANT", otherNotice, null)));
        assertEquals("channel", field(Fixtures.event(contact, purpose, "POSTAL", "GRANT", notice, null)));
        assertEquals("purpose", field(Fixtures.event(contact, "no-such-purpose", "EMAIL", "GRANT", notice, null)));
        assertEquals(
                "occurredAt",
                field(Fixtures.event(contact, purpose, "EMAIL", "GRANT", notice, Fixtures.daysAgo(-3650))));
        assertEquals("action", field(Fixtures.event(contact, purpose, "EMAIL", "CONFIRM", notice, null)));
        // A blank agent or script is no proof of the person's act (a form serializer's "" for an empty field).
        String blank = """
                {"contactId":"%s","purpose":"%s","channel":"EMAIL","action":"GRANT","source":"%s","noticeId":"%s",                "proof":{%s}}""";
        assertEquals("proof.agentId", field(blank.formatted(contact, purpose, "WEB_FORM", notice, "\"agentId\":\"\"")));
        assertEquals(
                "proof.scriptRef", field(blank.formatted(contact, purpose, "ORAL", notice, "\"scriptRef\":\" \"")));
        assertEquals("action", field(Fixtures.event(contact, purpose, "EMAIL", "LIKE", notice, null)));
        assertEquals("channel", field(Fixtures.event(contact, purpose, "FAX", "GRANT", notice, null)));
        assertEquals("contactId", field(Fixtures.event("not-a-uuid", purpose, "EMAIL", "GRANT", notice, null)));
        Api.post(
                        INTEGRATION,
                        CONSENTS,
                        Fixtures.event(java.util.UUID.randomUUID().toString(), purpose, "EMAIL", "GRANT", notice, null))
                .problem(404);
        Api.post(INTEGRATION, CONSENTS, "{\"contactId\":").problem(400);
        Api.post(Api.User.CAMPAIGN, CONSENTS, Fixtures.event(contact, purpose, "EMAIL", "GRANT", notice, null))
                .problem(403);
        assertTrue(states(contact).isEmpty(), "nothing was recorded");
    }

    /**
     * A date before 1970 is refused, naming the field, wherever a client says when something happened: a consent, an
     * activity, an imported line (AY-F4, AY-F1: until 2026-12-07 years 1 to 1969 were taken, and an opt-out of 1500 was
     * counted ten days off by the statistics). A consent dated before its notice was written stays accepted: a company
     * migrating its historical consents registers the wording after the fact.
     */
    @Test
    void aDateBefore1970IsRefusedAndOneBeforeTheNoticeIsNot() {
        String purpose = Fixtures.purpose(false);
        String notice = Fixtures.notice(purpose, "fr", "Oui");
        String contact = Fixtures.contact(Api.uniqueEmail(), "fr");
        for (String early : List.of("1969-12-31T23:59:59.999Z", "1500-03-01T12:00:00Z", "0001-01-01T00:00:00Z")) {
            JsonObject error = Api.post(
                            INTEGRATION, CONSENTS, Fixtures.event(contact, purpose, "EMAIL", "WITHDRAW", null, early))
                    .problem(422)
                    .getJsonArray("errors")
                    .getJsonObject(0);
            assertEquals("occurredAt", error.getString("field"), error.toString());
            assertEquals("must not be before 1970-01-01T00:00:00Z", error.getString("message"), early);
            JsonObject activity = Api.post(
                            INTEGRATION,
                            "/api/v1/contacts/" + contact + "/activities",
                            "{\"type\":\"CLICK\",\"occurredAt\":\"" + early + "\"}")
                    .problem(422)
                    .getJsonArray("errors")
                    .getJsonObject(0);
            assertEquals("occurredAt", activity.getString("field"), activity.toString());
        }
        assertTrue(states(contact).isEmpty(), "nothing was recorded");

        String email = Api.uniqueEmail();
        JsonObject done = ImportIT.importAndWait(
                "",
                "text/csv",
                "email,country,locale,audience,customer,purpose,channel,action,noticeId,occurredAt\n" + email
                        + ",FR,fr,B2C,false," + purpose + ",EMAIL,GRANT," + notice + ",1969-12-31\n");
        List<String> rejected = ImportIT.rejects(done.getString("id")).get(2L);
        assertEquals("INVALID", rejected.get(2), String.valueOf(rejected));
        assertTrue(rejected.get(3).contains("before 1970"), rejected.get(3));

        String migrated = Fixtures.daysAgo(3 * 365);
        JsonObject granted = record(Fixtures.event(contact, purpose, "EMAIL", "GRANT", notice, migrated));
        assertEquals("GRANTED", granted.getString("state"), "dated years before its notice was written");
        assertEquals(Instant.parse(migrated), Instant.parse(granted.getString("occurredAt")));
        Api.post(
                        INTEGRATION,
                        CONSENTS,
                        Fixtures.event(contact, purpose, "EMAIL", "WITHDRAW", null, "1970-01-01T00:00:00Z"))
                .expect(201);
    }

    /**
     * A proof is kept for ever and signed into receipts, and a person-facing grant with it re-opens what the person
     * had closed: an address that cannot exist, or a form's "address" that is no web address, is refused before
     * anything is recorded (until 2026-12-06 any run of digits, dots and colons, and any text, were taken).
     */
    @Test
    void aProofNamingNoRealAddressIsRefused() {
        String purpose = Fixtures.purpose(false);
        String notice = Fixtures.notice(purpose, "fr", "Oui");
        String contact = Fixtures.contact(Api.uniqueEmail(), "fr");
        for (String ip : List.of("999.1.1.1", "1.2.3.4.5", "1.2.3", "256.256.256.256", "12345678901", "1::2::3")) {
            JsonObject problem = Api.post(INTEGRATION, CONSENTS, """
                            {"contactId":"%s","purpose":"%s","channel":"EMAIL","action":"GRANT","source":"WEB_FORM",
                             "noticeId":"%s","proof":{"ip":"%s"}}""".formatted(contact, purpose, notice, ip))
                    .problem(422);
            assertEquals(
                    "proof.ip", problem.getJsonArray("errors").getJsonObject(0).getString("field"), ip);
        }
        for (String url : List.of("javascript:alert(1)", "not a url", "ftp://shop.example/form")) {
            JsonObject problem = Api.post(INTEGRATION, CONSENTS, """
                            {"contactId":"%s","purpose":"%s","channel":"EMAIL","action":"GRANT","source":"WEB_FORM",
                             "noticeId":"%s","proof":{"ip":"203.0.113.7","formUrl":"%s"}}""".formatted(contact, purpose, notice, url))
                    .problem(422);
            assertEquals(
                    "proof.formUrl: must be an absolute http or https URL",
                    problem.getJsonArray("errors").getJsonObject(0).getString("field") + ": "
                            + problem.getJsonArray("errors").getJsonObject(0).getString("message"));
        }
        assertTrue(states(contact).isEmpty(), "nothing was recorded");
        Api.post(INTEGRATION, CONSENTS, """
                        {"contactId":"%s","purpose":"%s","channel":"EMAIL","action":"GRANT","source":"WEB_FORM",
                         "noticeId":"%s","proof":{"ip":"2001:db8::ffff:192.0.2.1","formUrl":"https://shop.example/nl?a=b|c"}}""".formatted(contact, purpose, notice)).expect(201);
    }

    @Test
    void everyBrokenFieldIsListedInTheOrderOfTheBody() {
        String ip = "x".repeat(50);
        JsonObject problem = Api.post(INTEGRATION, CONSENTS, """
                        {"contactId":"not-a-uuid","channel":"FAX","action":"CONFIRM","noticeId":"nope",
                         "proof":{"ip":"%s","agentId":"%s"}}""".formatted(ip, "a".repeat(201)))
                .problem(422);
        assertEquals(
                List.of(
                        "contactId: must be a UUID",
                        "purpose: is required",
                        "channel: must be one of [EMAIL, SMS, PHONE, POSTAL, SOCIAL_ADS, PUSH]",
                        "action: CONFIRM is written by the double opt-in confirmation only",
                        "source: is required",
                        "noticeId: must be a UUID",
                        "proof.ip: must be an IPv4 or IPv6 address",
                        "proof.agentId: must be at most 200 characters"),
                problem.getJsonArray("errors").getValuesAs(JsonObject.class).stream()
                        .map(e -> e.getString("field") + ": " + e.getString("message"))
                        .toList(),
                problem.toString());
        assertEquals("the request breaks 8 rule(s); see errors", problem.getString("detail"));

        JsonObject unknown = Api.post(INTEGRATION, CONSENTS, """
                        {"contactId":"%s","purpose":"p","channel":"EMAIL","action":"LIKE","source":"API"}""".formatted(java.util.UUID.randomUUID()))
                .problem(422);
        assertTrue(
                unknown.toString().contains("\"must be one of [GRANT, WITHDRAW, OBJECT]\""),
                "CONFIRM is no action a client may send, so it is not offered: " + unknown);

        JsonObject action = Api.post(INTEGRATION, CONSENTS, """
                        {"contactId":"%s","purpose":"p","channel":"EMAIL","action":"LIKE","source":"ONE_CLICK"}""".formatted(java.util.UUID.randomUUID()))
                .problem(422);
        assertEquals(1, action.getJsonArray("errors").size(), "a server's own source is the one answer: " + action);
        assertEquals("source", action.getJsonArray("errors").getJsonObject(0).getString("field"));

        String contact = Fixtures.contact(Api.uniqueEmail(), "fr");
        JsonObject activity = Api.post(
                        INTEGRATION, "/api/v1/contacts/" + contact + "/activities", "{\"type\":\"SCROLL\"}")
                .problem(422);
        assertEquals(
                "type: must be one of [CLICK, OPEN, FORM_SUBMIT, PURCHASE, REPLY, LOGIN, PREFERENCE_CHANGE]",
                activity.getJsonArray("errors").getJsonObject(0).getString("field") + ": "
                        + activity.getJsonArray("errors").getJsonObject(0).getString("message"));
        assertEquals(
                "type",
                Api.post(INTEGRATION, "/api/v1/contacts/" + contact + "/activities", "{}")
                        .problem(422)
                        .getJsonArray("errors")
                        .getJsonObject(0)
                        .getString("field"));
    }

    private static String field(String body) {
        return Api.post(INTEGRATION, CONSENTS, body)
                .problem(422)
                .getJsonArray("errors")
                .getJsonObject(0)
                .getString("field");
    }

    @Test
    void anIdempotencyKeyReplaysTheFirstAnswerAndRefusesAnotherBody() {
        String purpose = Fixtures.purpose(false);
        String notice = Fixtures.notice(purpose, "fr", "Oui");
        String contact = Fixtures.contact(Api.uniqueEmail(), "fr");
        String body = Fixtures.event(contact, purpose, "EMAIL", "GRANT", notice, null);
        String key = java.util.UUID.randomUUID().toString();

        Api.Answer first = withKey(CONSENTS, key, body);
        first.expect(201);
        Api.Answer again = withKey(CONSENTS, key, body);
        again.expect(201);
        assertEquals(first.json().getString("id"), again.json().getString("id"));
        assertEquals("true", again.header("Idempotent-Replayed"));
        assertEquals(first.header("Location"), again.header("Location"));
        assertEquals(
                1,
                Api.get(AUDITOR, "/api/v1/contacts/" + contact + "/consents/history")
                        .structure()
                        .asJsonArray()
                        .size());

        withKey(CONSENTS, key, Fixtures.event(contact, purpose, "EMAIL", "WITHDRAW", null, null))
                .problem(422);

        String email = Api.uniqueEmail();
        String contactBody = "{\"email\":\"" + email
                + "\",\"country\":\"FR\",\"locale\":\"fr\",\"audience\":\"B2C\",\"customer\":false}";
        String contactKey = java.util.UUID.randomUUID().toString();
        String id = withKey("/api/v1/contacts", contactKey, contactBody)
                .expect(201)
                .json()
                .getString("id");
        assertEquals(
                id,
                withKey("/api/v1/contacts", contactKey, contactBody)
                        .expect(201)
                        .json()
                        .getString("id"));
        Api.post(INTEGRATION, "/api/v1/contacts", contactBody).problem(409);
    }

    /**
     * Deletes and link requests are writes too (API.md): a retry with the same key replays the first answer, so a
     * client whose DELETE timed out gets its 204 again, not a 404; another body with that key is a 422.
     */
    @Test
    void aRetriedDeleteAndLinkRequestReplayTheirFirstAnswer() {
        String email = Api.uniqueEmail();
        String suppression = Api.post(
                        ADMIN,
                        "/api/v1/suppressions",
                        "{\"email\":\"" + email + "\",\"channel\":\"EMAIL\",\"reason\":\"MANUAL\"}")
                .expect(201)
                .json()
                .getString("id");
        String key = Api.uniqueKey("delete");
        String path = "/api/v1/suppressions/" + suppression;
        Api.sendWithHeaders(ADMIN, "DELETE", path, "", "Idempotency-Key", key).expect(204);
        Api.Answer again = Api.sendWithHeaders(ADMIN, "DELETE", path, "", "Idempotency-Key", key);
        again.expect(204);
        assertEquals("true", again.header("Idempotent-Replayed"));
        Api.sendWithHeaders(ADMIN, "DELETE", path, "", "Idempotency-Key", Api.uniqueKey("other"))
                .problem(404);

        String contact = Fixtures.contact(Api.uniqueEmail(), "fr");
        String erasure = Api.uniqueKey("erase");
        Api.sendWithHeaders(INTEGRATION, "DELETE", "/api/v1/contacts/" + contact, "", "Idempotency-Key", erasure)
                .expect(204);
        Api.sendWithHeaders(INTEGRATION, "DELETE", "/api/v1/contacts/" + contact, "", "Idempotency-Key", erasure)
                .expect(204);
        Api.get(INTEGRATION, "/api/v1/contacts/" + contact).problem(404);

        String other = Fixtures.contact(Api.uniqueEmail(), "fr");
        String links = Api.uniqueKey("links");
        String body = "{\"contactId\":\"" + other + "\"}";
        String first = Api.sendWithHeaders(
                        CAMPAIGN, "POST", "/api/v1/unsubscribe-links", body, "Idempotency-Key", links)
                .expect(200)
                .json()
                .getString("unsubscribeUrl");
        Api.Answer replayed =
                Api.sendWithHeaders(CAMPAIGN, "POST", "/api/v1/unsubscribe-links", body, "Idempotency-Key", links);
        replayed.expect(200);
        assertEquals("true", replayed.header("Idempotent-Replayed"));
        assertEquals(first, replayed.json().getString("unsubscribeUrl"));
        Api.sendWithHeaders(
                        CAMPAIGN,
                        "POST",
                        "/api/v1/unsubscribe-links",
                        "{\"contactId\":\"" + other + "\",\"channel\":\"SMS\"}",
                        "Idempotency-Key",
                        links)
                .problem(422);
    }

    private static Api.Answer withKey(String path, String key, String body) {
        return Api.sendWithHeaders(INTEGRATION, "POST", path, body, "Idempotency-Key", key);
    }

    @Test
    void concurrentGrantsAndWithdrawalsLeaveTheStateOfTheLatestEvent() throws Exception {
        String purpose = Fixtures.purpose(false);
        String notice = Fixtures.notice(purpose, "fr", "Oui");
        String contact = Fixtures.contact(Api.uniqueEmail(), "fr");
        Instant base = Instant.parse(Fixtures.daysAgo(30));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<Integer>> answers = new ArrayList<>();
        String latestAction = null;
        for (int i = 0; i < 24; i++) {
            boolean grant = (i * 7) % 3 != 0;
            int minute = (i * 13) % 24;
            String action = grant ? "GRANT" : "WITHDRAW";
            String body = Fixtures.event(
                    contact,
                    purpose,
                    "EMAIL",
                    action,
                    grant ? notice : null,
                    base.plusSeconds(60L * minute).toString());
            if (minute == 23) {
                latestAction = action;
            }
            answers.add(pool.submit(() -> Api.post(INTEGRATION, CONSENTS, body).status()));
        }
        for (Future<Integer> answer : answers) {
            assertEquals(201, answer.get());
        }
        pool.shutdown();
        assertEquals(latestAction.equals("GRANT") ? "GRANTED" : "WITHDRAWN", stateOf(contact, purpose, "EMAIL"));

        JsonObject check =
                Api.get(ADMIN, CONSENTS + "/projection/verify").expect(200).json();
        assertTrue(check.getBoolean("valid"), check.toString());
        assertTrue(check.getJsonNumber("checked").longValue() >= 1);
    }

    @Test
    void exportHoldsEverythingAndErasureLeavesOnlyAHashOfAnOptOut() {
        String purpose = Fixtures.purpose(false);
        String notice = Fixtures.notice(purpose, "fr", "Oui");
        String email = Api.uniqueEmail();
        String contact = Fixtures.contact(email, "fr");
        record(Fixtures.event(contact, purpose, "EMAIL", "GRANT", notice, null));
        Api.post(INTEGRATION, "/api/v1/contacts/" + contact + "/activities", "{\"type\":\"CLICK\"}")
                .expect(204);
        record(Fixtures.event(contact, purpose, "EMAIL", "WITHDRAW", null, null));

        JsonObject export = Api.get(AUDITOR, "/api/v1/contacts/" + contact + "/export")
                .expect(200)
                .json();
        assertEquals(email, export.getJsonObject("contact").getString("email"));
        assertEquals(
                "WITHDRAWN", export.getJsonArray("consents").getJsonObject(0).getString("state"));
        assertEquals(2, export.getJsonArray("history").size());
        assertEquals(
                "Oui",
                export.getJsonArray("history")
                        .getJsonObject(0)
                        .getJsonObject("notice")
                        .getString("text"));
        assertEquals(1, export.getJsonArray("activities").size());
        assertTrue(export.getJsonArray("audit").size() >= 4);
        Api.get(Api.User.CAMPAIGN, "/api/v1/contacts/" + contact + "/export").problem(403);
        JsonObject answered = Api.get(AUDITOR, "/api/v1/audit?contactId=" + contact)
                .json()
                .getJsonArray("items")
                .getValuesAs(JsonObject.class)
                .stream()
                .filter(e -> e.getString("action").equals("CONTACT_EXPORTED"))
                .reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("the access request answered is in the audit"));
        assertEquals("auditor", answered.getString("actor"));
        assertEquals("api", answered.getJsonObject("details").getString("via"));
        assertTrue(
                Api.get(AUDITOR, "/api/v1/contacts/" + contact + "/export")
                        .json()
                        .getJsonArray("audit")
                        .toString()
                        .contains("CONTACT_EXPORTED"),
                "the next export shows the one before");

        Api.send(
                        INTEGRATION,
                        "DELETE",
                        "/api/v1/contacts/" + contact,
                        null,
                        java.net.http.HttpRequest.BodyPublishers.noBody())
                .expect(204);
        Api.get(AUDITOR, "/api/v1/contacts/" + contact).problem(404);
        Api.get(AUDITOR, "/api/v1/contacts/" + contact + "/export").problem(404);
        Api.get(AUDITOR, "/api/v1/contacts/" + contact + "/consents").problem(404);
        Api.send(
                        INTEGRATION,
                        "DELETE",
                        "/api/v1/contacts/" + contact,
                        null,
                        java.net.http.HttpRequest.BodyPublishers.noBody())
                .problem(404);
        String audit = Api.get(AUDITOR, "/api/v1/audit?contactId=" + contact).body();
        assertTrue(audit.contains("CONTACT_ERASED"));
        assertFalse(audit.contains(email), "the audit keeps no email");

        String again = Fixtures.contact(email, "fr");
        assertNotEquals(contact, again);
        JsonArray suppressions =
                Api.get(AUDITOR, "/api/v1/contacts/" + again + "/export").json().getJsonArray("suppressions");
        // The opt-out outlives the erasure as a keyed hash, on every channel the address reaches (push and post too,
        // since 2026-12-06: a returning person comes back with their email, and a letter needs no address of ours).
        assertEquals(4, suppressions.size(), suppressions.toString());
        assertEquals(
                java.util.Set.of("EMAIL", "SOCIAL_ADS", "PUSH", "POSTAL"),
                suppressions.getValuesAs(JsonObject.class).stream()
                        .map(s -> s.getString("channel"))
                        .collect(java.util.stream.Collectors.toSet()));
        suppressions.getValuesAs(JsonObject.class).forEach(s -> assertEquals("ERASED", s.getString("reason")));
    }

    @Test
    void erasingSomeoneWhoNeverOptedOutKeepsNothing() {
        String email = Api.uniqueEmail();
        String contact = Fixtures.contact(email, "en");
        Api.send(
                        INTEGRATION,
                        "DELETE",
                        "/api/v1/contacts/" + contact,
                        null,
                        java.net.http.HttpRequest.BodyPublishers.noBody())
                .expect(204);
        String again = Fixtures.contact(email, "en");
        assertTrue(Api.get(AUDITOR, "/api/v1/contacts/" + again + "/export")
                .json()
                .getJsonArray("suppressions")
                .isEmpty());
    }

    static HttpResponse<String> page(String method, String url) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("User-Agent", "IT-browser/1.0");
        request = method.equals("POST")
                ? request.header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(""))
                : request.method(method, HttpRequest.BodyPublishers.noBody());
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
