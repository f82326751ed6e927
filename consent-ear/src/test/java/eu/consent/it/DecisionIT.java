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
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DecisionIT {

    private static JsonObject decide(String json) {
        return Api.post(CAMPAIGN, "/api/v1/decisions", json).expect(200).json();
    }

    private static JsonObject decideFor(String contact, String purpose, String channel) {
        return decide(
                "{\"contactId\":\"" + contact + "\",\"purpose\":\"" + purpose + "\",\"channel\":\"" + channel + "\"}");
    }

    private static String contact(String email, String phone, String audience, boolean customer) {
        return Api.post(
                        INTEGRATION,
                        "/api/v1/contacts",
                        Json.createObjectBuilder()
                                .add("email", email)
                                .add("phone", phone)
                                .add("country", "FR")
                                .add("locale", "fr")
                                .add("audience", audience)
                                .add("customer", customer)
                                .add(
                                        "postalAddress",
                                        Json.createObjectBuilder()
                                                .add(
                                                        "lines",
                                                        Json.createArrayBuilder()
                                                                .add("1 rue X"))
                                                .add("postcode", "75001")
                                                .add("city", "Paris")
                                                .add("country", "FR"))
                                .build()
                                .toString())
                .expect(201)
                .json()
                .getString("id");
    }

    private static String service() {
        String key = Api.uniqueKey("orders");
        Api.post(ADMIN, "/api/v1/purposes", """
                        {"key":"%s","kind":"SERVICE","channels":["EMAIL","SMS"],"doubleOptIn":false,
                         "similarToPurchases":false,"names":{"en":"Your orders"}}""".formatted(key)).expect(201);
        return key;
    }

    private static String prospecting(boolean similar) {
        String key = Api.uniqueKey("promo");
        Api.post(ADMIN, "/api/v1/purposes", """
                        {"key":"%s","kind":"PROSPECTING","channels":["EMAIL","SMS","PHONE","POSTAL"],"doubleOptIn":false,
                         "similarToPurchases":%s,"names":{"en":"Offers"}}""".formatted(key, similar)).expect(201);
        return key;
    }

    @Test
    void grantedConsentAllowsByIdEmailAndPhone() {
        String purpose = prospecting(false);
        String notice = Fixtures.notice(purpose, "fr", "Oui");
        String email = Api.uniqueEmail();
        String phone = Api.uniqueFrenchMobile();
        String id = contact(email, phone, "B2C", false);
        assertEquals("NO_CONSENT", decideFor(id, purpose, "EMAIL").getString("rule"));
        Api.post(INTEGRATION, "/api/v1/consents", Fixtures.event(id, purpose, "EMAIL", "GRANT", notice, null))
                .expect(201);

        JsonObject byId = decideFor(id, purpose, "EMAIL");
        assertTrue(byId.getBoolean("allowed"));
        assertEquals("CONSENT_GRANTED", byId.getString("rule"));
        assertEquals("CONSENT", byId.getString("basis"));
        assertEquals(
                byId,
                decide("{\"email\":\"" + email.toUpperCase() + "\",\"purpose\":\"" + purpose
                        + "\",\"channel\":\"EMAIL\"}"));
        assertEquals(
                "NO_CONSENT",
                decide("{\"phone\":\"" + phone + "\",\"purpose\":\"" + purpose + "\",\"channel\":\"SMS\"}")
                        .getString("rule"),
                "consent is per channel");
        assertEquals("POSTAL_OPT_OUT_REGIME", decideFor(id, purpose, "POSTAL").getString("rule"));
        assertEquals("PHONE_OPT_OUT_REGIME", decideFor(id, purpose, "PHONE").getString("rule"));
    }

    @Test
    void strangersAreNeverAllowedNotEvenForServiceMessages() {
        String service = service();
        JsonObject d = decide(
                "{\"email\":\"" + Api.uniqueEmail() + "\",\"purpose\":\"" + service + "\",\"channel\":\"EMAIL\"}");
        assertFalse(d.getBoolean("allowed"));
        assertEquals("UNKNOWN_CONTACT", d.getString("rule"));
        assertEquals(jakarta.json.JsonValue.NULL, d.get("basis"));
        assertEquals(
                "UNKNOWN_CONTACT",
                decideFor(java.util.UUID.randomUUID().toString(), service, "EMAIL")
                        .getString("rule"));
    }

    @Test
    void anOptOutIsSeenByTheVeryNextDecisionButServiceMessagesGoOn() throws Exception {
        String purpose = prospecting(false);
        String service = service();
        String id = grantedOnEmail(purpose);
        assertTrue(decideFor(id, purpose, "EMAIL").getBoolean("allowed"));

        String url = Api.post(CAMPAIGN, "/api/v1/unsubscribe-links", "{\"contactId\":\"" + id + "\"}")
                .expect(200)
                .json()
                .getString("unsubscribeUrl");
        HttpResponse<String> oneClick = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, oneClick.statusCode());
        JsonObject after = decideFor(id, purpose, "EMAIL");
        assertFalse(after.getBoolean("allowed"));
        assertEquals("SUPPRESSED_UNSUBSCRIBED", after.getString("rule"));

        JsonObject order = decideFor(id, service, "EMAIL");
        assertTrue(order.getBoolean("allowed"), "service messages ignore marketing opt-outs");
        assertEquals("SERVICE_MESSAGE", order.getString("rule"));
        assertEquals("CONTRACT", order.getString("basis"));
    }

    @Test
    void aHardBounceStopsEvenServiceMailAndB2bFollowsTheOptOutRegime() {
        String service = service();
        String purpose = prospecting(false);
        String email = Api.uniqueEmail();
        String b2b = contact(email, Api.uniqueFrenchMobile(), "B2B", false);
        assertEquals("B2B_OPT_OUT_REGIME", decideFor(b2b, purpose, "EMAIL").getString("rule"));
        assertEquals("LEGITIMATE_INTEREST", decideFor(b2b, purpose, "EMAIL").getString("basis"));
        Api.post(INTEGRATION, "/api/v1/consents", Fixtures.event(b2b, purpose, "EMAIL", "OBJECT", null, null))
                .expect(201);
        assertEquals("OBJECTED", decideFor(b2b, purpose, "EMAIL").getString("rule"));

        Api.post(
                        INTEGRATION,
                        "/api/v1/esp-events",
                        "[{\"type\":\"HARD_BOUNCE\",\"email\":\"" + email + "\",\"occurredAt\":\"" + Fixtures.daysAgo(1)
                                + "\",\"provider\":\"it\"}]")
                .expect(202);
        assertEquals("SUPPRESSED_HARD_BOUNCE", decideFor(b2b, service, "EMAIL").getString("rule"));
        assertEquals("SERVICE_MESSAGE", decideFor(b2b, service, "SMS").getString("rule"), "the phone still works");
    }

    @Test
    void softOptInForCustomersAboutSimilarProducts() {
        String similar = prospecting(true);
        String other = prospecting(false);
        String customer = contact(Api.uniqueEmail(), Api.uniqueFrenchMobile(), "B2C", true);
        assertEquals("SOFT_OPT_IN", decideFor(customer, similar, "EMAIL").getString("rule"));
        assertEquals("SOFT_OPT_IN", decideFor(customer, similar, "EMAIL").getString("basis"));
        assertEquals("NO_CONSENT", decideFor(customer, other, "EMAIL").getString("rule"));
    }

    /** A B2C contact with an email and a mobile who granted {@code purpose} on EMAIL (a form, with proof). */
    private static String grantedOnEmail(String purpose) {
        String notice = Fixtures.notice(purpose, "fr", "Oui");
        String id = contact(Api.uniqueEmail(), Api.uniqueFrenchMobile(), "B2C", false);
        Api.post(INTEGRATION, "/api/v1/consents", Fixtures.event(id, purpose, "EMAIL", "GRANT", notice, null))
                .expect(201);
        return id;
    }

    @Test
    void preferencesPauseAndCap() {
        String purpose = prospecting(false);
        String id = grantedOnEmail(purpose);
        String prefs = "/api/v1/contacts/" + id + "/preferences";
        JsonObject none = Api.get(INTEGRATION, prefs).expect(200).json();
        assertTrue(none.getJsonObject("frequency").isEmpty());
        assertEquals(jakarta.json.JsonValue.NULL, none.get("pausedUntil"));

        String pause = Instant.now().plusSeconds(86_400).toString();
        Api.send(
                        INTEGRATION,
                        "PUT",
                        prefs,
                        "application/json",
                        HttpRequest.BodyPublishers.ofString(
                                "{\"frequency\":{},\"channels\":[\"EMAIL\"],\"pausedUntil\":\"" + pause + "\"}"))
                .expect(200);
        assertEquals("PAUSED", decideFor(id, purpose, "EMAIL").getString("rule"));
        assertNotNull(
                Api.get(INTEGRATION, "/api/v1/contacts/" + id).json().getString("lastActiveAt"),
                "a preference change is activity");

        JsonObject capped = Api.send(
                        INTEGRATION,
                        "PUT",
                        prefs,
                        "application/json",
                        HttpRequest.BodyPublishers.ofString("{\"frequency\":{\"" + purpose
                                + "\":{\"max\":2,\"per\":\"WEEK\"}},\"channels\":[],\"pausedUntil\":null}"))
                .expect(200)
                .json();
        assertEquals(2, capped.getJsonObject("frequency").getJsonObject(purpose).getInt("max"));
        assertEquals("CONSENT_GRANTED", decideFor(id, purpose, "EMAIL").getString("rule"));
        String sent = Instant.now().minusSeconds(3600).toString();
        String send = "{\"contactId\":\"" + id + "\",\"purpose\":\"" + purpose
                + "\",\"channel\":\"EMAIL\",\"sentAt\":\"" + sent + "\"}";
        Api.post(CAMPAIGN, "/api/v1/sends", "[" + send + "]").expect(202);
        assertEquals("CONSENT_GRANTED", decideFor(id, purpose, "EMAIL").getString("rule"));
        Api.post(CAMPAIGN, "/api/v1/sends", "[" + send + "]").expect(202);
        assertEquals("FREQUENCY_CAP", decideFor(id, purpose, "EMAIL").getString("rule"));
        String old = send.replace(sent, Instant.now().minusSeconds(8 * 86_400).toString());
        Api.post(CAMPAIGN, "/api/v1/sends", "[" + old + "]").expect(202);

        Api.send(
                        INTEGRATION,
                        "PUT",
                        prefs,
                        "application/json",
                        HttpRequest.BodyPublishers.ofString("{\"frequency\":{\"nope\":{\"max\":0,\"per\":\"YEAR\"}}}"))
                .problem(422);
        Api.post(
                        CAMPAIGN,
                        "/api/v1/sends",
                        "[{\"contactId\":\"" + java.util.UUID.randomUUID() + "\",\"purpose\":\"" + purpose
                                + "\",\"channel\":\"EMAIL\",\"sentAt\":\"" + sent + "\"}]")
                .problem(422);
        Api.post(CAMPAIGN, "/api/v1/sends", "[]").problem(422);
        // A channel the purpose does not use, as decisions and consents refuse it (tester AI's F5: it was counted).
        JsonObject push = Api.post(CAMPAIGN, "/api/v1/sends", "[" + send.replace("\"EMAIL\"", "\"PUSH\"") + "]")
                .problem(422);
        assertTrue(push.toString().contains("[0].channel"), push.toString());
        // Named with the batch's other errors at once (tester AJ's F4: it came only on the next try).
        JsonObject both = Api.post(
                        CAMPAIGN,
                        "/api/v1/sends",
                        "[" + send.replace("\"EMAIL\"", "\"PUSH\"") + "," + send.replace(purpose, "no-such-purpose")
                                + "]")
                .problem(422);
        assertTrue(both.toString().contains("[0].channel") && both.toString().contains("[1].purpose"), both.toString());
    }

    /** A cap on a service purpose would never apply: refused, naming it (tester BJ's F3: until 2026-12-08 a 200). */
    @Test
    void aCapOnAServicePurposeIsRefused() {
        String purpose = prospecting(false);
        String id = grantedOnEmail(purpose);
        String service = Recipients.servicePurpose();
        JsonObject refused = put(
                        "/api/v1/contacts/" + id + "/preferences",
                        "{\"frequency\":{\"" + service + "\":{\"max\":1,\"per\":\"DAY\"}}}")
                .problem(422);
        assertEquals(
                "frequency." + service,
                refused.getJsonArray("errors").getJsonObject(0).getString("field"),
                refused.toString());
    }

    @Test
    void aPartialPreferencesPutKeepsWhatItLeavesOut() {
        String purpose = prospecting(false);
        String id = grantedOnEmail(purpose);
        String prefs = "/api/v1/contacts/" + id + "/preferences";
        String pause = Instant.now()
                .plusSeconds(7 * 86_400)
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .toString();
        put(
                        prefs,
                        "{\"frequency\":{\"" + purpose + "\":{\"max\":1,\"per\":\"WEEK\"}},\"channels\":[\"EMAIL\"],"
                                + "\"pausedUntil\":\"" + pause + "\"}")
                .expect(200);
        assertEquals("PAUSED", decideFor(id, purpose, "EMAIL").getString("rule"));
        int changes = preferenceChanges(id);

        JsonObject partial =
                put(prefs, "{\"channels\":[\"EMAIL\",\"SMS\"]}").expect(200).json();
        assertEquals(
                1, partial.getJsonObject("frequency").getJsonObject(purpose).getInt("max"), partial.toString());
        assertEquals(2, partial.getJsonArray("channels").size(), partial.toString());
        assertEquals(Instant.parse(pause), Instant.parse(partial.getString("pausedUntil")), partial.toString());
        assertEquals("PAUSED", decideFor(id, purpose, "EMAIL").getString("rule"), "a partial PUT keeps the pause");
        assertEquals(changes + 1, preferenceChanges(id));

        JsonObject same = put(prefs, "{}").expect(200).json();
        assertEquals(partial, same, "{} changes nothing");
        assertEquals(changes + 1, preferenceChanges(id), "nothing changed: nothing audited");

        JsonObject resumed = put(prefs, "{\"pausedUntil\":null}").expect(200).json();
        assertEquals(jakarta.json.JsonValue.NULL, resumed.get("pausedUntil"));
        assertEquals(
                1, resumed.getJsonObject("frequency").getJsonObject(purpose).getInt("max"));
        assertEquals("CONSENT_GRANTED", decideFor(id, purpose, "EMAIL").getString("rule"));
        String send = "[{\"contactId\":\"" + id + "\",\"purpose\":\"" + purpose + "\",\"channel\":\"EMAIL\","
                + "\"sentAt\":\"" + Instant.now().minusSeconds(3600) + "\"}]";
        Api.post(CAMPAIGN, "/api/v1/sends", send).expect(202);
        assertEquals("FREQUENCY_CAP", decideFor(id, purpose, "EMAIL").getString("rule"), "the cap was kept");

        JsonObject cleared =
                put(prefs, "{\"frequency\":{},\"channels\":[]}").expect(200).json();
        assertTrue(cleared.getJsonObject("frequency").isEmpty(), cleared.toString());
        assertTrue(cleared.getJsonArray("channels").isEmpty(), cleared.toString());
        assertEquals("CONSENT_GRANTED", decideFor(id, purpose, "EMAIL").getString("rule"));
    }

    private static Api.Answer put(String path, String json) {
        return Api.send(INTEGRATION, "PUT", path, "application/json", HttpRequest.BodyPublishers.ofString(json));
    }

    private static int preferenceChanges(String contact) {
        return (int) Api.get(AUDITOR, "/api/v1/audit?contactId=" + contact + "&limit=100")
                .expect(200)
                .json()
                .getJsonArray("items")
                .getValuesAs(JsonObject.class)
                .stream()
                .filter(e -> e.getString("action").equals("PREFERENCES_CHANGED"))
                .count();
    }

    @Test
    void refusesQuestionsThatMakeNoSense() {
        String purpose = prospecting(false);
        Api.post(CAMPAIGN, "/api/v1/decisions", "{\"purpose\":\"" + purpose + "\",\"channel\":\"EMAIL\"}")
                .problem(422);
        Api.post(
                        CAMPAIGN,
                        "/api/v1/decisions",
                        "{\"email\":\"a@b\",\"purpose\":\"" + purpose + "\",\"channel\":\"EMAIL\"}")
                .problem(422);
        Api.post(
                        CAMPAIGN,
                        "/api/v1/decisions",
                        "{\"email\":\"a@example.com\",\"purpose\":\"nope\",\"channel\":\"EMAIL\"}")
                .problem(422);
        Api.post(
                        CAMPAIGN,
                        "/api/v1/decisions",
                        "{\"email\":\"a@example.com\",\"purpose\":\"" + purpose + "\",\"channel\":\"PUSH\"}")
                .problem(422);
        Api.post(
                        CAMPAIGN,
                        "/api/v1/decisions",
                        "{\"email\":\"a@example.com\",\"purpose\":\"" + purpose + "\",\"channel\":\"FAX\"}")
                .problem(422);
        Api.post(CAMPAIGN, "/api/v1/decisions", "{").problem(400);
        Api.post(INTEGRATION, "/api/v1/decisions", "{}").problem(403);
    }

    /**
     * A service message is allowed and carries the one-click headers too (API.md: every allowed email recipient); the
     * service purpose itself cannot be left, so its one-click leaves all prospecting on email.
     */
    @Test
    void bulkHeadersOfAServiceMessageLeaveAllProspectingByOneClick() throws Exception {
        String service = service();
        String offers = prospecting(false);
        String email = Api.uniqueEmail();
        String id = grantedEmail(offers, email, true);
        JsonObject line = json(Api.send(
                        CAMPAIGN,
                        "POST",
                        "/api/v1/decisions/bulk?purpose=" + service + "&channel=EMAIL",
                        "application/x-ndjson",
                        HttpRequest.BodyPublishers.ofString("{\"email\":\"" + email + "\"}\n"))
                .expect(200)
                .body()
                .strip());
        assertEquals("SERVICE_MESSAGE", line.getString("rule"), line.toString());
        JsonObject headers = line.getJsonObject("headers");
        assertEquals("List-Unsubscribe=One-Click", headers.getString("List-Unsubscribe-Post"));
        String url = headers.getString("List-Unsubscribe").replaceAll("^<|>$", "");
        assertEquals(
                200,
                Recipients.post(url, Map.of("List-Unsubscribe", "One-Click")).statusCode());

        assertEquals("SUPPRESSED_UNSUBSCRIBED", decideFor(id, offers, "EMAIL").getString("rule"));
        assertTrue(decideFor(id, service, "EMAIL").getBoolean("allowed"), "the service messages still go");
    }

    /** A contact with this email who granted the purpose on email (with a notice of it); returns its id. */
    private static String grantedEmail(String purpose, String email, boolean customer) {
        String notice = Fixtures.notice(purpose, "fr", "Oui");
        String id = contact(email, Api.uniqueFrenchMobile(), "B2C", customer);
        Api.post(INTEGRATION, "/api/v1/consents", Fixtures.event(id, purpose, "EMAIL", "GRANT", notice, null))
                .expect(201);
        return id;
    }

    @Test
    void bulkAnswersEveryLineInOrderWithHeadersForAllowedEmail() throws Exception {
        String purpose = prospecting(false);
        String granted = Api.uniqueEmail();
        String id = grantedEmail(purpose, granted, false);
        String stranger = Api.uniqueEmail();
        String body = "{\"email\":\"" + granted + "\"}\n{\"email\":\"" + stranger + "\"}\nnot json\n{\"contactId\":\""
                + id + "\"}\n{\"phone\":\"0612345678\"}\n\n{\"email\":\"x@example.com\",\"phone\":\"+33612345678\"}\n"
                + "{\"email\":\"" + stranger + "\",\"email\":\"" + granted + "\"}\n"
                + "{\"emial\":\"" + granted + "\"}\n{\"contactId\":\"" + id + "\",\"purpose\":\"other\"}\n"
                + "{\"email\":\"" + granted + "\"}}\n{\"email\":null}\n{\"phone\":33612345678}\n";
        Api.Answer answer = Api.send(
                CAMPAIGN,
                "POST",
                "/api/v1/decisions/bulk?purpose=" + purpose + "&channel=EMAIL",
                "application/x-ndjson",
                HttpRequest.BodyPublishers.ofString(body));
        answer.expect(200);
        assertEquals("application/x-ndjson", answer.contentType());
        String[] lines = answer.body().split("\n");
        assertEquals(13, lines.length, answer.body());
        JsonObject first = json(lines[0]);
        assertEquals(granted, first.getString("email"));
        assertTrue(first.getBoolean("allowed"));
        assertEquals("CONSENT_GRANTED", first.getString("rule"));
        assertTrue(first.getJsonObject("headers").getString("List-Unsubscribe").contains("/unsubscribe/"));
        assertEquals(
                "List-Unsubscribe=One-Click", first.getJsonObject("headers").getString("List-Unsubscribe-Post"));
        assertEquals("UNKNOWN_CONTACT", json(lines[1]).getString("rule"));
        assertFalse(json(lines[1]).containsKey("headers"));
        assertEquals(3, json(lines[2]).getInt("line"));
        assertTrue(json(lines[2]).containsKey("error"));
        assertTrue(json(lines[3]).getBoolean("allowed"));
        assertTrue(json(lines[4]).containsKey("error"), "a phone must be international in bulk");
        assertTrue(json(lines[5]).containsKey("error"));
        assertTrue(json(lines[6]).containsKey("error"));
        assertEquals(
                "the member email appears twice in one object",
                json(lines[7]).getString("error"),
                "never the last one's answer");
        assertEquals(
                "unknown member emial: a line names exactly one of email, phone or contactId",
                json(lines[8]).getString("error"));
        assertTrue(
                json(lines[9]).getString("error").startsWith("unknown member purpose"),
                "the list's purpose is the query's; a line's own is not silently ignored");
        assertFalse(json(lines[9]).containsKey("allowed"));
        assertEquals("text follows the JSON value", json(lines[10]).getString("error"));
        // A value that is not a string is echoed as it was given: null is not the address "null".
        assertEquals(jakarta.json.JsonValue.NULL, json(lines[11]).get("email"), lines[11]);
        assertEquals("email must be a string", json(lines[11]).getString("error"));
        assertEquals(33612345678L, json(lines[12]).getJsonNumber("phone").longValue(), lines[12]);

        Api.Answer csv = Api.send(
                CAMPAIGN,
                "POST",
                "/api/v1/decisions/bulk?purpose=" + purpose + "&channel=EMAIL",
                "text/csv",
                HttpRequest.BodyPublishers.ofString("\uFEFF" + granted + "\r\n\"" + stranger + "\"\r\nnonsense\r\n"));
        String[] rows = csv.expect(200).body().split("\n");
        assertEquals(3, rows.length);
        assertTrue(json(rows[0]).getBoolean("allowed"));
        assertEquals("UNKNOWN_CONTACT", json(rows[1]).getString("rule"));
        assertEquals(stranger, json(rows[1]).getString("email"), "the cell's value, as read, without its quotes");
        assertTrue(json(rows[2]).containsKey("error"));

        Api.send(
                        CAMPAIGN,
                        "POST",
                        "/api/v1/decisions/bulk?purpose=nope&channel=EMAIL",
                        "application/x-ndjson",
                        HttpRequest.BodyPublishers.ofString(body))
                .problem(422);
        Api.send(
                        CAMPAIGN,
                        "POST",
                        "/api/v1/decisions/bulk?purpose=" + purpose + "&channel=EMAIL",
                        "application/json",
                        HttpRequest.BodyPublishers.ofString(body))
                .problem(415);
    }

    @Test
    void bulkAnswersKeepTheOrderOfTheListAcrossBatchesDecidedAtOnce() {
        String purpose = prospecting(false);
        String notice = Fixtures.notice(purpose, "fr", "Oui");
        String granted = Api.uniqueEmail();
        String id = contact(granted, Api.uniqueFrenchMobile(), "B2C", false);
        Api.post(INTEGRATION, "/api/v1/consents", Fixtures.event(id, purpose, "EMAIL", "GRANT", notice, null))
                .expect(201);
        // Several thousand lines: many batches, decided by several threads; every tenth line is the granted contact
        // and every 97th is broken, so that a batch answered out of place shows.
        List<String> sent = new ArrayList<>();
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 5000; i++) {
            String line = i % 97 == 96
                    ? "not json " + i
                    : "{\"email\":\"" + (i % 10 == 0 ? granted : Api.uniqueEmail()) + "\"}";
            sent.add(line);
            body.append(line).append('\n');
        }
        Api.Answer answer = Api.send(
                CAMPAIGN,
                "POST",
                "/api/v1/decisions/bulk?purpose=" + purpose + "&channel=EMAIL",
                "application/x-ndjson",
                HttpRequest.BodyPublishers.ofString(body.toString()));
        answer.expect(200);
        String[] lines = answer.body().split("\n");
        assertEquals(sent.size(), lines.length);
        for (int i = 0; i < lines.length; i++) {
            JsonObject a = json(lines[i]);
            if (sent.get(i).startsWith("not json")) {
                assertEquals(i + 1, a.getInt("line"), lines[i]);
                assertTrue(a.containsKey("error"), lines[i]);
            } else {
                assertEquals(json(sent.get(i)).getString("email"), a.getString("email"), "line " + (i + 1));
                assertEquals(i % 10 == 0, a.getBoolean("allowed"), "line " + (i + 1));
            }
        }
    }

    /**
     * A raw HTTP/1.1 exchange over a socket (the JDK client sends the whole body before it reads an answer): the
     * list goes out in chunks, and the first answers must arrive while the list is still open.
     */
    @Test
    @SuppressWarnings("deprecation")
    void bulkAnswersStreamBeforeTheListEnds() throws Exception {
        String purpose = prospecting(false);
        URI base = URI.create(Api.BASE);
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(20_000);
            java.io.OutputStream out = socket.getOutputStream();
            String auth = Base64.getEncoder().encodeToString("campaign:dev-campaign".getBytes(StandardCharsets.UTF_8));
            out.write(("POST /api/v1/decisions/bulk?purpose=" + purpose + "&channel=EMAIL HTTP/1.1\r\n"
                            + "Host: " + base.getHost() + ":" + base.getPort() + "\r\n"
                            + "Authorization: Basic " + auth + "\r\n"
                            + "Content-Type: application/x-ndjson\r\n"
                            + "Transfer-Encoding: chunked\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            chunk(out, lines(5));
            java.io.DataInputStream in =
                    new java.io.DataInputStream(new java.io.BufferedInputStream(socket.getInputStream()));
            String status = in.readLine();
            assertTrue(status.contains(" 200 "), status);
            String header;
            while (!(header = in.readLine()).isEmpty()) {
                // headers: chunked transfer expected
            }
            StringBuilder answers = new StringBuilder();
            while (!answers.toString().contains("\n")) {
                answers.append(readChunk(in));
            }
            assertTrue(answers.toString().contains("UNKNOWN_CONTACT"), "the first answer came while the list was open");
            chunk(out, lines(995));
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String part;
            while (!(part = readChunk(in)).isEmpty()) {
                answers.append(part);
            }
            assertEquals(1000, answers.toString().split("\n").length);
        }
    }

    private static String lines(int count) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < count; i++) {
            b.append("{\"email\":\"").append(Api.uniqueEmail()).append("\"}\n");
        }
        return b.toString();
    }

    private static void chunk(java.io.OutputStream out, String text) throws java.io.IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        out.write((Integer.toHexString(bytes.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(bytes);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @SuppressWarnings("deprecation")
    private static String readChunk(java.io.DataInputStream in) throws java.io.IOException {
        String size = in.readLine();
        int length = Integer.parseInt(size.split(";")[0].strip(), 16);
        byte[] data = new byte[length];
        in.readFully(data);
        in.readLine();
        return new String(data, StandardCharsets.UTF_8);
    }

    /**
     * A CSV list fed from our own contacts export: an address a spreadsheet would read as a formula is written there
     * after an apostrophe ({@code '-x@…}), and the bulk check reads it back as the address, as an import does (tester
     * AW's F6: until 2026-12-07 it was answered UNKNOWN_CONTACT, while a phone written so was read).
     */
    @Test
    void aBulkCsvReadsAnAddressAsOurExportsWriteIt() {
        String purpose = Fixtures.purpose(false);
        String notice = Fixtures.notice(purpose, "fr", "Oui aux bons plans");
        String email = "-" + Api.uniqueEmail();
        String contact = Fixtures.contact(email, "fr");
        Api.post(
                        Api.User.INTEGRATION,
                        "/api/v1/consents",
                        Fixtures.event(contact, purpose, "EMAIL", "GRANT", notice, null))
                .expect(201);
        String[] rows = Api.send(
                        CAMPAIGN,
                        "POST",
                        "/api/v1/decisions/bulk?purpose=" + purpose + "&channel=EMAIL",
                        "text/csv",
                        HttpRequest.BodyPublishers.ofString("'" + email + "\n" + email + "\n"))
                .expect(200)
                .body()
                .split("\n");
        assertEquals("CONSENT_GRANTED", json(rows[0]).getString("rule"), rows[0]);
        assertEquals("CONSENT_GRANTED", json(rows[1]).getString("rule"), rows[1]);
    }

    private static JsonObject json(String line) {
        return Json.createReader(new java.io.StringReader(line)).readObject();
    }
}
