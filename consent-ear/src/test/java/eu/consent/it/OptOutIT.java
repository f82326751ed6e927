package eu.consent.it;

import static eu.consent.it.Api.User.ADMIN;
import static eu.consent.it.Api.User.AUDITOR;
import static eu.consent.it.Api.User.CAMPAIGN;
import static eu.consent.it.Api.User.INTEGRATION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class OptOutIT {

    // HTTP/1.1 as mail providers post their one-clicks: the JDK client's h2c upgrade, tried on twenty concurrent
    // connections at once, left requests waiting forever on a loaded machine while the server sat idle.
    private static final HttpClient BROWSER =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    /** A contact granted on a fresh purpose by email, with the purpose key. */
    private record Granted(String contact, String purpose, String notice, String email) {}

    private static Granted granted() {
        String purpose = Fixtures.purpose(false);
        String notice = Fixtures.notice(purpose, "fr", "Oui aux bons plans");
        String email = Api.uniqueEmail();
        String contact = Fixtures.contact(email, "fr");
        Api.post(INTEGRATION, "/api/v1/consents", Fixtures.event(contact, purpose, "EMAIL", "GRANT", notice, null))
                .expect(201);
        return new Granted(contact, purpose, notice, email);
    }

    private static JsonObject links(String contact, String purpose) {
        String body = purpose == null
                ? "{\"contactId\":\"" + contact + "\"}"
                : "{\"contactId\":\"" + contact + "\",\"purpose\":\"" + purpose + "\"}";
        return Api.post(CAMPAIGN, "/api/v1/unsubscribe-links", body).expect(200).json();
    }

    private static HttpResponse<String> post(String url, String form) throws Exception {
        return BROWSER.send(
                HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(form))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> fetch(String method, String url) throws Exception {
        return BROWSER.send(
                HttpRequest.newBuilder(URI.create(url))
                        .method(method, HttpRequest.BodyPublishers.noBody())
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String state(Granted g) {
        return Api.get(AUDITOR, "/api/v1/contacts/" + g.contact() + "/consents")
                .structure()
                .asJsonArray()
                .getJsonObject(0)
                .getString("state");
    }

    private static JsonArray suppressionsOf(String contact) {
        return Api.get(AUDITOR, "/api/v1/contacts/" + contact + "/export")
                .expect(200)
                .json()
                .getJsonArray("suppressions");
    }

    private static long withdrawals(String contact) {
        return Api.get(AUDITOR, "/api/v1/contacts/" + contact + "/consents/history")
                .structure()
                .asJsonArray()
                .getValuesAs(JsonObject.class)
                .stream()
                .filter(e -> e.getString("action").equals("WITHDRAW"))
                .count();
    }

    /**
     * A link asked for a service purpose (an order confirmation's footer) leaves all prospecting on its channel, and its
     * page says so: the service messages cannot be left, so a click that withdrew only them would stop nothing.
     */
    @Test
    void aServicePurposeLinkLeavesAllProspectingOnItsChannel() throws Exception {
        Granted g = granted();
        String service = Recipients.servicePurpose();
        String url = links(g.contact(), service).getString("unsubscribeUrl");
        String page = fetch("GET", url + "?lang=en").body();
        assertTrue(page.contains("You will no longer receive any marketing email from us."), page);
        assertFalse(page.contains("Order updates"), "the page does not offer to leave the service purpose");

        HttpResponse<String> done = post(url + "?lang=en", "List-Unsubscribe=One-Click");
        assertEquals(200, done.statusCode());
        assertTrue(done.body().contains("Done: you will no longer receive any marketing email from us."), done.body());
        assertEquals("WITHDRAWN", Recipients.state(g.contact(), g.purpose(), "EMAIL"));
        assertEquals(
                "SUPPRESSED_UNSUBSCRIBED",
                Recipients.decision(g.contact(), g.purpose(), "EMAIL").getString("rule"));
        assertTrue(
                Recipients.decision(g.contact(), service, "EMAIL").getBoolean("allowed"), "the order updates still go");
    }

    @Test
    void linksCarryTheOneClickHeaders() {
        Granted g = granted();
        JsonObject links = links(g.contact(), g.purpose());
        String url = links.getString("unsubscribeUrl");
        assertTrue(url.startsWith(Api.BASE + "/unsubscribe/"), url);
        assertTrue(links.getString("preferencesUrl").startsWith(Api.BASE + "/preferences/"));
        JsonObject headers = links.getJsonObject("headers");
        assertEquals("<" + url + ">", headers.getString("List-Unsubscribe"));
        assertEquals("List-Unsubscribe=One-Click", headers.getString("List-Unsubscribe-Post"));
        assertFalse(url.contains(g.email()), "no personal data in the link");

        Api.post(CAMPAIGN, "/api/v1/unsubscribe-links", "{\"contactId\":\"" + java.util.UUID.randomUUID() + "\"}")
                .problem(404);
        Api.post(CAMPAIGN, "/api/v1/unsubscribe-links", "{\"contactId\":\"" + g.contact() + "\",\"purpose\":\"nope\"}")
                .problem(422);
        Api.post(CAMPAIGN, "/api/v1/unsubscribe-links", "{}").problem(422);
        JsonObject unused = Api.post(CAMPAIGN, "/api/v1/unsubscribe-links", """
                        {"contactId":"%s","purpose":"%s","channel":"POSTAL"}""".formatted(g.contact(), g.purpose()))
                .problem(422);
        assertEquals("channel", unused.getJsonArray("errors").getJsonObject(0).getString("field"), unused.toString());
        Api.post(INTEGRATION, "/api/v1/unsubscribe-links", "{\"contactId\":\"" + g.contact() + "\"}")
                .problem(403);
    }

    @Test
    void aLinkScannerFetchingEverythingChangesNothing() throws Exception {
        Granted g = granted();
        JsonObject links = links(g.contact(), null);
        for (String url :
                new String[] {links.getString("unsubscribeUrl"), links.getString("unsubscribeUrl") + "?lang=de"}) {
            for (int i = 0; i < 3; i++) {
                HttpResponse<String> page = fetch("GET", url);
                assertEquals(200, page.statusCode());
                assertTrue(page.body().contains("<form method=\"post\">"));
                assertTrue(page.body().contains("name=\"reason\""));
                assertEquals(200, fetch("HEAD", url).statusCode());
            }
        }
        assertTrue(
                fetch("GET", links.getString("unsubscribeUrl")).body().contains("lang=\"fr\""),
                "the contact's language");
        // What the button does, said without a double negative ("nicht mehr keine Werbung" until 2026-12-06).
        String german =
                fetch("GET", links.getString("unsubscribeUrl") + "?lang=de").body();
        assertTrue(german.contains("Sie erhalten künftig Werbung von uns per E-Mail nicht mehr."), german);
        // Its link to the preferences keeps the language the person chose (tester AT's F1).
        assertTrue(
                german.replace("&#61;", "=").matches("(?s).*href=\"[^\"]*/preferences/[^\"]*\\?lang=de\".*"), german);
        assertEquals("GRANTED", state(g));
        assertTrue(suppressionsOf(g.contact()).isEmpty());
        assertEquals(0, withdrawals(g.contact()));
    }

    @Test
    void oneClickIsCommittedBeforeTheAnswer() throws Exception {
        Granted g = granted();
        String url = links(g.contact(), g.purpose()).getString("unsubscribeUrl");
        HttpResponse<String> answer = post(url, "List-Unsubscribe=One-Click");
        assertEquals(200, answer.statusCode());
        assertTrue(answer.headers().firstValue("Set-Cookie").isEmpty(), "no cookies");
        assertEquals("WITHDRAWN", state(g), "the very next read sees the opt-out");
        JsonArray suppressions = suppressionsOf(g.contact());
        assertEquals(1, suppressions.size());
        assertEquals("UNSUBSCRIBED", suppressions.getJsonObject(0).getString("reason"));
        assertEquals(g.purpose(), suppressions.getJsonObject(0).getString("purpose"));
        JsonObject event = Api.get(AUDITOR, "/api/v1/contacts/" + g.contact() + "/consents/history")
                .structure()
                .asJsonArray()
                .getJsonObject(1);
        assertEquals("ONE_CLICK", event.getString("source"));
    }

    @Test
    void theFormRecordsTheReasonAndAnUnsubscribeFromAllWithdrawsEveryPurpose() throws Exception {
        Granted g = granted();
        String url = links(g.contact(), null).getString("unsubscribeUrl");
        HttpResponse<String> answer = post(url + "?lang=en", "reason=TOO_FREQUENT&comment=Every+day+is+too+much");
        assertEquals(200, answer.statusCode());
        assertTrue(answer.body().contains("unsubscribed"), answer.body());
        assertEquals("WITHDRAWN", state(g));
        JsonObject entry = suppressionsOf(g.contact()).getJsonObject(0);
        assertEquals(jakarta.json.JsonValue.NULL, entry.get("purpose"), "all prospecting on the channel");
        assertEquals(
                "UNSUBSCRIBE_LINK",
                Api.get(AUDITOR, "/api/v1/contacts/" + g.contact() + "/consents/history")
                        .structure()
                        .asJsonArray()
                        .getJsonObject(1)
                        .getString("source"));

        JsonObject byReason =
                Api.get(AUDITOR, "/api/v1/stats/opt-outs?by=reason").expect(200).json();
        assertTrue(byReason.getJsonArray("buckets").toString().contains("TOO_FREQUENT"), byReason.toString());
    }

    /**
     * The page's own form, as a person fills it in: a comment of the 2,000 characters the box allows in a script of
     * three bytes a character (18 KB URL-encoded), sent a day after the page was shown (its form token re-signed here
     * with the test server's development key, as a day-old page would carry it). Until 2026-12-06 the first was a 413
     * and the second a 403, and the person stayed subscribed.
     */
    @Test
    void thePagesOwnFormUnsubscribesWithALongCommentAndADayLater() throws Exception {
        Granted g = granted();
        String url = links(g.contact(), g.purpose()).getString("unsubscribeUrl");
        String token = Recipients.formToken(Recipients.get(url).body());
        HttpResponse<String> answer = Recipients.post(
                url + "?lang=en", java.util.Map.of("form", token, "reason", "OTHER", "comment", "意".repeat(2000)));
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals("WITHDRAWN", state(g));

        Granted later = granted();
        String laterUrl = links(later.contact(), later.purpose()).getString("unsubscribeUrl");
        String shown = Recipients.formToken(Recipients.get(laterUrl).body());
        String dayOld = dayOld(shown);
        HttpResponse<String> leave = Recipients.post(laterUrl, java.util.Map.of("form", dayOld, "reason", "OTHER"));
        assertEquals(200, leave.statusCode(), leave.body());
        assertEquals("WITHDRAWN", state(later));
        String otherPage = links(granted().contact(), null).getString("unsubscribeUrl");
        assertEquals(
                403,
                Recipients.post(otherPage, java.util.Map.of("form", dayOld)).statusCode(),
                "a token of another page is still refused");
    }

    /** The form token {@code shown}, re-signed as issued 24 hours earlier with the development key ring. */
    private static String dayOld(String shown) throws Exception {
        java.util.Base64.Decoder decoder = java.util.Base64.getUrlDecoder();
        java.util.Base64.Encoder encoder = java.util.Base64.getUrlEncoder().withoutPadding();
        String[] payload =
                new String(decoder.decode(shown.split("\\.")[0]), java.nio.charset.StandardCharsets.UTF_8).split("\\|");
        long issued = Long.parseLong(payload[2]) - 24 * 3600;
        String body = encoder.encodeToString(
                (payload[0] + "|" + payload[1] + "|" + issued).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(
                "dev-only-token-key-change-me".getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
        byte[] signature = mac.doFinal(("dev1." + body).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return body + ".dev1." + encoder.encodeToString(signature);
    }

    @Test
    void forgedTruncatedAndOtherKeyTokensRevealNothing() throws Exception {
        Granted g = granted();
        String url = links(g.contact(), g.purpose()).getString("unsubscribeUrl");
        String token = url.substring(url.lastIndexOf('/') + 1);
        String[] parts = token.split("\\.");
        String otherContact =
                links(Fixtures.contact(Api.uniqueEmail(), "fr"), null).getString("unsubscribeUrl");
        String otherPayload =
                otherContact.substring(otherContact.lastIndexOf('/') + 1).split("\\.")[0];
        for (String bad : new String[] {
            token.substring(0, token.length() - 3),
            parts[0] + "." + parts[1] + "."
                    + parts[2].replace(parts[2].charAt(0), parts[2].charAt(0) == 'A' ? 'B' : 'A'),
            otherPayload + "." + parts[1] + "." + parts[2],
            parts[0] + ".other." + parts[2],
            "nothing"
        }) {
            HttpResponse<String> shown = fetch("GET", Api.BASE + "/unsubscribe/" + bad);
            assertEquals(404, shown.statusCode(), bad);
            assertFalse(shown.body().contains(g.email()));
            assertEquals(
                    404,
                    post(Api.BASE + "/unsubscribe/" + bad, "List-Unsubscribe=One-Click")
                            .statusCode());
        }
        assertEquals("GRANTED", state(g));
    }

    @Test
    void aHundredConcurrentOneClicksLeaveExactlyOneOptOut() throws Exception {
        Granted g = granted();
        String url = links(g.contact(), g.purpose()).getString("unsubscribeUrl");
        ExecutorService pool = Executors.newFixedThreadPool(20);
        List<Future<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            answers.add(
                    pool.submit(() -> post(url, "List-Unsubscribe=One-Click").statusCode()));
        }
        for (Future<Integer> answer : answers) {
            assertEquals(200, answer.get());
        }
        pool.shutdown();
        assertEquals(1, withdrawals(g.contact()));
        assertEquals(1, suppressionsOf(g.contact()).size());
    }

    @Test
    void onlyAFreshOptInWithProofLiftsTheOptOut() throws Exception {
        Granted g = granted();
        post(links(g.contact(), g.purpose()).getString("unsubscribeUrl"), "List-Unsubscribe=One-Click");
        assertEquals(1, suppressionsOf(g.contact()).size());

        Api.patch(INTEGRATION, "/api/v1/contacts/" + g.contact(), "{\"customer\":true}")
                .expect(200);
        String imported = Json.createObjectBuilder()
                .add("contactId", g.contact())
                .add("purpose", g.purpose())
                .add("channel", "EMAIL")
                .add("action", "GRANT")
                .add("source", "IMPORT")
                .add("noticeId", g.notice())
                .build()
                .toString();
        Api.post(INTEGRATION, "/api/v1/consents", imported).expect(201);
        assertEquals(1, suppressionsOf(g.contact()).size(), "an import does not lift an opt-out");

        Api.post(
                        INTEGRATION,
                        "/api/v1/consents",
                        Fixtures.event(g.contact(), g.purpose(), "EMAIL", "GRANT", g.notice(), null))
                .expect(201);
        assertTrue(suppressionsOf(g.contact()).isEmpty(), "the person's own new opt-in, with proof, lifts it");
    }

    /**
     * A person who never consented unsubscribes from all prospecting email; then a client grants through the API: the
     * grant is kept and changes nothing, and the pair says so — OBJECTED, the person's opt-out written before it in
     * the history, dated when they clicked. Their own fresh opt-in with proof re-opens it. Until 2026-12-07 the client's
     * grant read GRANTED in its answer, the consents and the history (no trace of the click), while every decision
     * denied (tester AV's F1).
     */
    @Test
    void aClientsGrantAfterAnUnsubscribeFromEverythingOnAFreshPairChangesNothingAndSaysSo() throws Exception {
        String purpose = Fixtures.purpose(false);
        String notice = Fixtures.notice(purpose, "fr", "Oui aux bons plans");
        String contact = Fixtures.contact(Api.uniqueEmail(), "fr");
        assertEquals(
                200,
                post(links(contact, null).getString("unsubscribeUrl"), "List-Unsubscribe=One-Click")
                        .statusCode());
        assertEquals("OBJECTED", Fixtures.clientGrant(contact, purpose, notice).getString("state"));
        assertEquals("OBJECTED", Recipients.state(contact, purpose, "EMAIL"));
        JsonArray history = Recipients.history(contact);
        assertEquals(2, history.size(), history::toString);
        JsonObject objection = history.getJsonObject(0);
        assertEquals("OBJECT", objection.getString("action"), history::toString);
        assertEquals("ONE_CLICK", objection.getString("source"), history::toString);
        assertTrue(history.toString().contains("suppression:UNSUBSCRIBED:"), history::toString);
        assertEquals("GRANT", history.getJsonObject(1).getString("action"), history::toString);
        assertEquals(
                "SUPPRESSED_UNSUBSCRIBED",
                Recipients.decision(contact, purpose, "EMAIL").getString("rule"));

        Api.post(INTEGRATION, "/api/v1/consents", Fixtures.event(contact, purpose, "EMAIL", "GRANT", notice, null))
                .expect(201);
        assertEquals("GRANTED", Recipients.state(contact, purpose, "EMAIL"));
        assertEquals(
                "CONSENT_GRANTED",
                Recipients.decision(contact, purpose, "EMAIL").getString("rule"));
    }

    /**
     * The person's form, sent just before their one-click and received after it, is dated when they sent it: it stands
     * behind the click, whatever the pair held — no history (the unsubscribe from all prospecting writes nothing there),
     * or a client's WITHDRAW (the unsubscribe from the purpose then wrote nothing either). The pair reads OBJECTED, the
     * click written into the history before the form's grant is weighed. Until 2026-12-07 it read GRANTED, the click
     * nowhere in the history, while every decision denied (testers AX's F1, AV's F2).
     */
    @Test
    void thePersonsFormSentBeforeTheirOneClickButReceivedAfterItStaysBehindIt() throws Exception {
        String purpose = Fixtures.purpose(false);
        String notice = Fixtures.notice(purpose, "fr", "Oui aux bons plans");
        for (boolean withdrawnFirst : List.of(false, true)) {
            String contact = Fixtures.contact(Api.uniqueEmail(), "fr");
            if (withdrawnFirst) {
                Api.post(
                                INTEGRATION,
                                "/api/v1/consents",
                                Fixtures.event(contact, purpose, "EMAIL", "GRANT", notice, null))
                        .expect(201);
                Api.post(INTEGRATION, "/api/v1/consents", """
                                {"contactId":"%s","purpose":"%s","channel":"EMAIL","action":"WITHDRAW","source":"API"}""".formatted(contact, purpose))
                        .expect(201);
            }
            String sent = java.time.Instant.now().toString();
            Thread.sleep(20);
            assertEquals(
                    200,
                    post(
                                    links(contact, withdrawnFirst ? purpose : null)
                                            .getString("unsubscribeUrl"),
                                    "List-Unsubscribe=One-Click")
                            .statusCode());
            JsonObject late = Api.post(
                            INTEGRATION,
                            "/api/v1/consents",
                            Fixtures.event(contact, purpose, "EMAIL", "GRANT", notice, sent))
                    .expect(201)
                    .json();
            String what = withdrawnFirst ? "withdrawn by a client first" : "no history";
            assertEquals("OBJECTED", late.getString("state"), what);
            assertEquals("OBJECTED", Recipients.state(contact, purpose, "EMAIL"), what);
            JsonArray history = Recipients.history(contact);
            JsonObject last = history.getJsonObject(history.size() - 1);
            assertEquals("OBJECT", last.getString("action"), history::toString);
            assertEquals("ONE_CLICK", last.getString("source"), history::toString);
            assertEquals(
                    "SUPPRESSED_UNSUBSCRIBED",
                    Recipients.decision(contact, purpose, "EMAIL").getString("rule"),
                    what);
        }
    }

    /**
     * The person's grant dated at the very millisecond of their opt-out is no later than it: the opt-out wins the tie,
     * in the pair's state as in the decisions — for their one-click (the form and the click sent together) and for a
     * provider's report written to the whole second, met by a form dated to the second. Until 2026-12-07 each read
     * GRANTED, the opt-out nowhere in the history, while every decision denied SUPPRESSED_UNSUBSCRIBED (tester BA's F1).
     */
    @Test
    void thePersonsGrantDatedAtTheMillisecondOfTheirOptOutStaysBehindIt() throws Exception {
        String purpose = Fixtures.purpose(false);
        String notice = Fixtures.notice(purpose, "fr", "Oui aux bons plans");
        String clicked = Fixtures.contact(Api.uniqueEmail(), "fr");
        assertEquals(
                200,
                post(links(clicked, null).getString("unsubscribeUrl"), "List-Unsubscribe=One-Click")
                        .statusCode());
        String clickedAt = suppressionsOf(clicked).getJsonObject(0).getString("createdAt");
        String email = Api.uniqueEmail();
        String reported = Fixtures.contact(email, "fr");
        // A whole second after the contact was created (an opt-out from before it is no word of theirs).
        Thread.sleep(1_100);
        String second = java.time.Instant.now()
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .toString();
        Api.post(
                        INTEGRATION,
                        "/api/v1/esp-events",
                        "[" + esp("UNSUBSCRIBE", email, Api.uniqueKey("esp"), "t1", second) + "]")
                .expect(202);
        for (String[] tie :
                List.of(new String[] {clicked, clickedAt, "ONE_CLICK"}, new String[] {reported, second, "ESP"})) {
            JsonObject grant = Api.post(
                            INTEGRATION,
                            "/api/v1/consents",
                            Fixtures.event(tie[0], purpose, "EMAIL", "GRANT", notice, tie[1]))
                    .expect(201)
                    .json();
            assertEquals("OBJECTED", grant.getString("state"), tie[2]);
            assertEquals("OBJECTED", Recipients.state(tie[0], purpose, "EMAIL"), tie[2]);
            JsonArray history = Recipients.history(tie[0]);
            JsonObject last = history.getJsonObject(history.size() - 1);
            assertEquals("OBJECT", last.getString("action"), history::toString);
            assertEquals(tie[2], last.getString("source"), history::toString);
            assertEquals(
                    "SUPPRESSED_UNSUBSCRIBED",
                    Recipients.decision(tie[0], purpose, "EMAIL").getString("rule"),
                    tie[2]);
        }
    }

    /**
     * A complaint withdraws the person's prospecting consents on email at its arrival, as the provider's unsubscribe
     * does: the consents and the history say what every decision answers (tester BI's F6: until 2026-12-07 they read
     * GRANTED while decisions denied SUPPRESSED_COMPLAINT). A service purpose stays.
     */
    @Test
    void aComplaintWithdrawsThePersonsProspectingConsentsOnEmail() throws Exception {
        Recipients.Person p = Recipients.granted("fr");
        Api.post(
                        INTEGRATION,
                        "/api/v1/esp-events",
                        "[" + esp("COMPLAINT", p.email(), Api.uniqueKey("esp"), "c1", fromNow(-60)) + "]")
                .expect(202);
        assertEquals("WITHDRAWN", Recipients.state(p.contact(), p.purpose(), "EMAIL"));
        List<String> history = Recipients.history(p.contact()).getValuesAs(JsonObject.class).stream()
                .map(e -> e.getString("action") + " " + e.getString("source") + " " + e.getString("state"))
                .toList();
        assertEquals(List.of("GRANT WEB_FORM GRANTED", "WITHDRAW ESP WITHDRAWN"), history);
        assertEquals(
                "SUPPRESSED_COMPLAINT",
                Recipients.decision(p.contact(), p.purpose(), "EMAIL").getString("rule"));
    }

    /**
     * A complaint is no word the person's later consent answers: their grant after it is recorded (GRANTED, their
     * word) behind the complaint, which the history now shows, and every decision goes on denying SUPPRESSED_COMPLAINT.
     * Until 2026-12-07 the history read a bare GRANT (tester BA's F4).
     */
    @Test
    void thePersonsGrantAfterTheirComplaintIsRecordedBehindItAndSendsNothing() throws Exception {
        String purpose = Fixtures.purpose(false);
        String notice = Fixtures.notice(purpose, "fr", "Oui aux bons plans");
        String email = Api.uniqueEmail();
        String contact = Fixtures.contact(email, "fr");
        Api.post(
                        INTEGRATION,
                        "/api/v1/esp-events",
                        "[" + esp("COMPLAINT", email, Api.uniqueKey("esp"), "c1", fromNow(-60)) + "]")
                .expect(202);
        JsonObject grant = Api.post(
                        INTEGRATION,
                        "/api/v1/consents",
                        Fixtures.event(contact, purpose, "EMAIL", "GRANT", notice, null))
                .expect(201)
                .json();
        assertEquals("GRANTED", grant.getString("state"));
        List<String> history = Recipients.history(contact).getValuesAs(JsonObject.class).stream()
                .map(e -> e.getString("action") + " " + e.getString("source"))
                .toList();
        assertEquals(List.of("OBJECT ESP", "GRANT WEB_FORM"), history);
        assertEquals(
                "SUPPRESSED_COMPLAINT",
                Recipients.decision(contact, purpose, "EMAIL").getString("rule"));
    }

    /**
     * A person erased after their one-click comes back with the same address: a client's grant finds the opt-out their
     * erasure kept, writes it before it, and changes nothing — on a purpose with double opt-in too, where it mails
     * nothing. Until 2026-12-07 it read GRANTED (PENDING) while every decision denied SUPPRESSED_ERASED (tester AX's
     * F3).
     */
    @Test
    void aPersonErasedAfterTheirOptOutWhoComesBackIsNotReopenedByAClientsGrant() throws Exception {
        String email = Api.uniqueEmail();
        String erased = Fixtures.contact(email, "fr");
        assertEquals(
                200,
                post(links(erased, null).getString("unsubscribeUrl"), "List-Unsubscribe=One-Click")
                        .statusCode());
        Api.send(ADMIN, "DELETE", "/api/v1/contacts/" + erased, null, HttpRequest.BodyPublishers.noBody())
                .expect(204);
        String back = Fixtures.contact(email, "fr");
        for (boolean doubleOptIn : List.of(false, true)) {
            String purpose = Fixtures.purpose(doubleOptIn);
            String notice = Fixtures.notice(purpose, "fr", "Oui aux bons plans");
            assertEquals(
                    "OBJECTED",
                    Fixtures.clientGrant(back, purpose, notice).getString("state"),
                    "double opt-in " + doubleOptIn);
            assertEquals(
                    "SUPPRESSED_ERASED",
                    Recipients.decision(back, purpose, "EMAIL").getString("rule"));
        }
        // On push too, whose mark the erasure kept under the address (review 44).
        String push = Api.uniqueKey("push");
        Api.post(ADMIN, "/api/v1/purposes", """
                        {"key":"%s","kind":"PROSPECTING","channels":["PUSH"],"doubleOptIn":false,
                         "similarToPurchases":false,"names":{"fr":"Alertes","en":"Alerts"}}""".formatted(push)).expect(201);
        String pushNotice = Fixtures.notice(push, "fr", "Oui aux alertes");
        assertEquals(
                "OBJECTED",
                Api.post(INTEGRATION, "/api/v1/consents", """
                                {"contactId":"%s","purpose":"%s","channel":"PUSH","action":"GRANT","source":"API",\
                                "noticeId":"%s"}""".formatted(back, push, pushNotice))
                        .expect(201)
                        .json()
                        .getString("state"),
                "push");
        assertEquals(
                "SUPPRESSED_ERASED", Recipients.decision(back, push, "PUSH").getString("rule"));
        JsonArray history = Recipients.history(back);
        assertEquals(6, history.size(), history::toString);
        assertEquals("OBJECT", history.getJsonObject(0).getString("action"), history::toString);
        assertEquals("ONE_CLICK", history.getJsonObject(0).getString("source"), "the erased person's click");
    }

    /**
     * The same for each way the person's opt-out is kept as a suppression only — their provider's unsubscribe or
     * complaint, a call centre's entry — each written as an OBJECT from its own source; and never an opt-out the
     * address's former holder made: that is no word of the address's new holder, and is not written in their history
     * (review 43).
     */
    @Test
    void aClientsGrantAfterAnOptOutKeptAsASuppressionNamesItsSourceAndNeverAFormerHoldersOne() throws Exception {
        String purpose = Fixtures.purpose(false);
        String notice = Fixtures.notice(purpose, "fr", "Oui aux bons plans");
        Map<String, String> ways = new LinkedHashMap<>();
        ways.put("ESP", """
                [{"type":"UNSUBSCRIBE","email":"%s","occurredAt":"%s","provider":"esp-it"}]""");
        ways.put("ESP ", """
                [{"type":"COMPLAINT","email":"%s","occurredAt":"%s","provider":"esp-it"}]""");
        ways.put("API", """
                {"email":"%s","channel":"EMAIL","reason":"UNSUBSCRIBED","source":"call-centre"}""");
        for (Map.Entry<String, String> way : ways.entrySet()) {
            String email = Api.uniqueEmail();
            String contact = Fixtures.contact(email, "fr");
            boolean esp = way.getKey().startsWith("ESP");
            Api.post(
                            esp ? INTEGRATION : ADMIN,
                            esp ? "/api/v1/esp-events" : "/api/v1/suppressions",
                            way.getValue().formatted(email, java.time.Instant.now()))
                    .expect(esp ? 202 : 201);
            assertEquals(
                    "OBJECTED", Fixtures.clientGrant(contact, purpose, notice).getString("state"), way.getKey());
            JsonObject objection = Recipients.history(contact).getJsonObject(0);
            assertEquals("OBJECT", objection.getString("action"), way.getKey());
            assertEquals(way.getKey().strip(), objection.getString("source"), objection::toString);
        }

        // A former holder's complaint: the address moves to a new contact, whose client's grant writes no OBJECT.
        String email = Api.uniqueEmail();
        String former = Fixtures.contact(email, "fr");
        Api.post(INTEGRATION, "/api/v1/esp-events", """
                        [{"type":"COMPLAINT","email":"%s","occurredAt":"%s","provider":"esp-it"}]""".formatted(email, java.time.Instant.now()))
                .expect(202);
        Api.patch(INTEGRATION, "/api/v1/contacts/" + former, "{\"email\":\"" + Api.uniqueEmail() + "\"}")
                .expect(200);
        String holder = Fixtures.contact(email, "fr");
        Fixtures.clientGrant(holder, purpose, notice);
        assertFalse(
                Recipients.history(holder).toString().contains("\"OBJECT\""),
                "the former holder's complaint is not the new holder's: " + Recipients.history(holder));
    }

    /**
     * A call centre's "stop" on a number follows the person when the CRM clears the number and then gives a new one (a
     * de-duplication's way), as it does on a direct change. Until 2026-12-07 it stayed behind on the old number, and
     * the person could be called again (tester AX's F4). The same stop asked again while nobody holds the number (a
     * CRM re-posting its do-not-call list) keeps the moment the person said it, and follows them all the same: until
     * 2026-12-07 the repeat dated it past their holding, and it stayed behind (tester BB's F4).
     */
    @Test
    void aCallCentresStopFollowsANumberClearedThenGivenAgain() {
        String purpose = Api.uniqueKey("calls");
        Api.post(ADMIN, "/api/v1/purposes", """
                        {"key":"%s","kind":"PROSPECTING","channels":["PHONE"],"doubleOptIn":false,
                         "similarToPurchases":false,"names":{"fr":"Appels","en":"Calls"}}""".formatted(purpose)).expect(201);
        for (boolean repeated : List.of(false, true)) {
            String phone = Api.uniqueFrenchMobile();
            String contact = Fixtures.b2bContact(Api.uniqueEmail(), phone);
            String stop = """
                    {"phone":"%s","channel":"PHONE","reason":"UNSUBSCRIBED","source":"call-centre"}""".formatted(phone);
            Api.post(ADMIN, "/api/v1/suppressions", stop).expect(201);
            assertEquals(
                    "SUPPRESSED_UNSUBSCRIBED",
                    Recipients.decision(contact, purpose, "PHONE").getString("rule"));
            Api.patch(INTEGRATION, "/api/v1/contacts/" + contact, "{\"phone\":null}")
                    .expect(200);
            if (repeated) {
                Api.post(ADMIN, "/api/v1/suppressions", stop).expect(201);
            }
            Api.patch(INTEGRATION, "/api/v1/contacts/" + contact, "{\"phone\":\"" + Api.uniqueFrenchMobile() + "\"}")
                    .expect(200);
            assertEquals(
                    "SUPPRESSED_UNSUBSCRIBED",
                    Recipients.decision(contact, purpose, "PHONE").getString("rule"),
                    "the stop follows the new number" + (repeated ? ", asked again meanwhile" : ""));
        }
    }

    /**
     * The person's stop, their own consent after it, the CRM clearing their address, and the call centre asking the
     * stop again: it orders after that consent, and follows them to the address they are given next, or stands on the
     * same one given back (review 45's A1 on BB's F4: a repeat kept at its first date changed nothing).
     */
    @Test
    void aStopAskedAgainAfterTheirConsentWhileNobodyHoldsTheAddressStillStopsThem() throws Exception {
        String purpose = Fixtures.purpose(false);
        String notice = Fixtures.notice(purpose, "fr", "Oui aux bons plans");
        for (boolean sameBack : List.of(false, true)) {
            String email = Api.uniqueEmail();
            String contact = Api.post(INTEGRATION, "/api/v1/contacts", """
                            {"email":"%s","phone":"%s","country":"FR","locale":"fr","audience":"B2C","customer":false}""".formatted(email, Api.uniqueFrenchMobile()))
                    .expect(201)
                    .json()
                    .getString("id");
            String stop = """
                    {"email":"%s","channel":"EMAIL","reason":"UNSUBSCRIBED","source":"call-centre"}""".formatted(email);
            Api.post(INTEGRATION, "/api/v1/suppressions", stop).expect(201);
            Thread.sleep(5);
            Api.post(INTEGRATION, "/api/v1/consents", Fixtures.event(contact, purpose, "EMAIL", "GRANT", notice, null))
                    .expect(201);
            assertEquals(
                    "CONSENT_GRANTED",
                    Recipients.decision(contact, purpose, "EMAIL").getString("rule"));
            Api.patch(INTEGRATION, "/api/v1/contacts/" + contact, "{\"email\":null}")
                    .expect(200);
            Thread.sleep(5);
            Api.post(INTEGRATION, "/api/v1/suppressions", stop).expect(201);
            String next = sameBack ? email : Api.uniqueEmail();
            Api.patch(INTEGRATION, "/api/v1/contacts/" + contact, "{\"email\":\"" + next + "\"}")
                    .expect(200);
            assertEquals(
                    "SUPPRESSED_UNSUBSCRIBED",
                    Recipients.decision(contact, purpose, "EMAIL").getString("rule"),
                    sameBack ? "the same address given back" : "a new address");
        }
    }

    /**
     * A contact given another person's opted-out address for a moment (a CRM's typo, corrected), or given an address
     * recycled after its holder's unsubscribe, does not take that person's opt-out home: it was made while the other
     * held it. Until 2026-12-07 a direct change carried every opt-out of the old address, and the contact was denied
     * SUPPRESSED_UNSUBSCRIBED at their own address for good, their export listing a one-click they never made (tester
     * BB's F2).
     */
    @Test
    void anotherPersonsOptOutDoesNotFollowAContactWhoHeldTheirAddressForAMoment() throws Exception {
        String purpose = Fixtures.purpose(false);
        String clickedAt = Api.uniqueEmail();
        String clicker = Fixtures.b2bContact(clickedAt, Api.uniqueFrenchMobile());
        assertEquals(
                200,
                post(links(clicker, null).getString("unsubscribeUrl"), "List-Unsubscribe=One-Click")
                        .statusCode());
        Api.patch(INTEGRATION, "/api/v1/contacts/" + clicker, "{\"email\":\"" + Api.uniqueEmail() + "\"}")
                .expect(200);
        String own = Api.uniqueEmail();
        String typo = Fixtures.b2bContact(own, Api.uniqueFrenchMobile());
        Api.patch(INTEGRATION, "/api/v1/contacts/" + typo, "{\"email\":\"" + clickedAt + "\"}")
                .expect(200);
        assertEquals(
                "SUPPRESSED_UNSUBSCRIBED",
                Recipients.decision(typo, purpose, "EMAIL").getString("rule"),
                "whoever reads the address said stop");
        Api.patch(INTEGRATION, "/api/v1/contacts/" + typo, "{\"email\":\"" + own + "\"}")
                .expect(200);
        assertEquals(
                "B2B_OPT_OUT_REGIME",
                Recipients.decision(typo, purpose, "EMAIL").getString("rule"));
        assertEquals(0, suppressionsOf(typo).size(), suppressionsOf(typo)::toString);
        assertEquals(
                "SUPPRESSED_UNSUBSCRIBED",
                Recipients.decision(clicker, purpose, "EMAIL").getString("rule"),
                "the person who clicked is still stopped at their new address");

        // A stop nobody's at the time (a provider's, before the CRM gave the contact the address) is never dropped on
        // a guess: it follows them (review 45's A3).
        String listed = Api.uniqueEmail();
        Api.post(INTEGRATION, "/api/v1/suppressions", """
                        {"email":"%s","channel":"EMAIL","reason":"UNSUBSCRIBED","source":"esp-import"}""".formatted(listed)).expect(201);
        String given = Fixtures.b2bContact(null, Api.uniqueFrenchMobile());
        Api.patch(INTEGRATION, "/api/v1/contacts/" + given, "{\"email\":\"" + listed + "\"}")
                .expect(200);
        Api.patch(INTEGRATION, "/api/v1/contacts/" + given, "{\"email\":\"" + Api.uniqueEmail() + "\"}")
                .expect(200);
        assertEquals(
                "SUPPRESSED_UNSUBSCRIBED",
                Recipients.decision(given, purpose, "EMAIL").getString("rule"),
                "nobody's stop follows the contact who had the address");
    }

    /**
     * A call centre's "stop" of one purpose, on an address the CRM then took from the person and gave to someone else
     * whose own opt-in lifts it there, stays the person's word: it is written into their history before it goes, and
     * they are not mailable when the address comes back to them. Until 2026-12-07 they were CONSENT_GRANTED again:
     * another person's yes had undone their no (tester BB's F6).
     */
    @Test
    void aStopLiftedByTheAddresssNextHolderStaysItsMakersWord() throws Exception {
        String purpose = Fixtures.purpose(false);
        String notice = Fixtures.notice(purpose, "fr", "Oui aux bons plans");
        String email = Api.uniqueEmail();
        String maker = Api.post(INTEGRATION, "/api/v1/contacts", """
                        {"email":"%s","phone":"%s","country":"FR","locale":"fr","audience":"B2C","customer":false}""".formatted(email, Api.uniqueFrenchMobile()))
                .expect(201)
                .json()
                .getString("id");
        Api.post(INTEGRATION, "/api/v1/consents", Fixtures.event(maker, purpose, "EMAIL", "GRANT", notice, null))
                .expect(201);
        Api.post(INTEGRATION, "/api/v1/suppressions", """
                        {"email":"%s","channel":"EMAIL","purpose":"%s","reason":"UNSUBSCRIBED","source":"call-centre"}""".formatted(email, purpose))
                .expect(201);
        assertEquals(
                "SUPPRESSED_UNSUBSCRIBED",
                Recipients.decision(maker, purpose, "EMAIL").getString("rule"));
        Api.patch(INTEGRATION, "/api/v1/contacts/" + maker, "{\"email\":null}").expect(200);
        String next = Fixtures.contact(email, "fr");
        Api.post(INTEGRATION, "/api/v1/consents", Fixtures.event(next, purpose, "EMAIL", "GRANT", notice, null))
                .expect(201);
        assertEquals(
                "CONSENT_GRANTED",
                Recipients.decision(next, purpose, "EMAIL").getString("rule"),
                "the next holder's own opt-in");
        Api.patch(INTEGRATION, "/api/v1/contacts/" + next, "{\"email\":\"" + Api.uniqueEmail() + "\"}")
                .expect(200);
        Api.patch(INTEGRATION, "/api/v1/contacts/" + maker, "{\"email\":\"" + email + "\"}")
                .expect(200);
        // Since 2026-12-08 the stop is in their history from the moment it was said (tester BJ's F5), not only once
        // lifted: their withdrawal answers.
        assertEquals(
                "CONSENT_WITHDRAWN",
                Recipients.decision(maker, purpose, "EMAIL").getString("rule"));
        JsonArray history = Recipients.history(maker);
        JsonObject last = history.getJsonObject(history.size() - 1);
        assertEquals("WITHDRAW", last.getString("action"), history::toString);
        assertEquals("API", last.getString("source"), history::toString);
    }

    /**
     * The "stop calling me" link of a calls-only purpose, asked without a channel (a call centre's system sends it after
     * the call): the purpose's channel that reaches the person. Until 2026-12-07 a 422 on a `channel` nobody had sent
     * (tester AZ's F7).
     */
    @Test
    void theLinkOfACallsOnlyPurposeAskedWithoutAChannelStopsTheCalls() throws Exception {
        String purpose = Api.uniqueKey("calls");
        Api.post(ADMIN, "/api/v1/purposes", """
                        {"key":"%s","kind":"PROSPECTING","channels":["PHONE"],"doubleOptIn":false,
                         "similarToPurchases":false,"names":{"fr":"Appels","en":"Calls"}}""".formatted(purpose)).expect(201);
        String contact = Fixtures.b2bContact(Api.uniqueEmail(), Api.uniqueFrenchMobile());
        assertEquals(
                "PHONE_OPT_OUT_REGIME",
                Recipients.decision(contact, purpose, "PHONE").getString("rule"));
        assertEquals(
                200,
                post(links(contact, purpose).getString("unsubscribeUrl"), "List-Unsubscribe=One-Click")
                        .statusCode());
        assertEquals(
                "SUPPRESSED_UNSUBSCRIBED",
                Recipients.decision(contact, purpose, "PHONE").getString("rule"));
    }

    /** The same for a call centre's "no more letters" on a postal address (tester AZ's F8, until 2026-12-07). */
    @Test
    void aCallCentresStopFollowsAPostalAddressClearedThenGivenAgain() {
        String purpose = Api.uniqueKey("letters");
        Api.post(ADMIN, "/api/v1/purposes", """
                        {"key":"%s","kind":"PROSPECTING","channels":["POSTAL"],"doubleOptIn":false,
                         "similarToPurchases":false,"names":{"fr":"Courriers","en":"Letters"}}""".formatted(purpose)).expect(201);
        String street = Api.uniqueKey("rue");
        String contact = Fixtures.contact(Api.uniqueEmail(), "fr");
        Api.patch(INTEGRATION, "/api/v1/contacts/" + contact, """
                        {"postalAddress":{"lines":["1 %s"],"postcode":"59000","city":"Lille","country":"FR"}}""".formatted(street))
                .expect(200);
        Api.post(ADMIN, "/api/v1/suppressions", """
                        {"postalAddress":{"lines":["1 %s"],"postcode":"59000","city":"Lille","country":"FR"},
                         "channel":"POSTAL","reason":"UNSUBSCRIBED","source":"call-centre"}""".formatted(street)).expect(201);
        assertEquals(
                "SUPPRESSED_UNSUBSCRIBED",
                Recipients.decision(contact, purpose, "POSTAL").getString("rule"));
        Api.patch(INTEGRATION, "/api/v1/contacts/" + contact, "{\"postalAddress\":null}")
                .expect(200);
        Api.patch(INTEGRATION, "/api/v1/contacts/" + contact, """
                        {"postalAddress":{"lines":["2 %s"],"postcode":"59000","city":"Lille","country":"FR"}}""".formatted(street))
                .expect(200);
        assertEquals(
                "SUPPRESSED_UNSUBSCRIBED",
                Recipients.decision(contact, purpose, "POSTAL").getString("rule"),
                "the stop follows the new address");
    }

    @Test
    void theOptOutOutlivesErasureAndReCreation() throws Exception {
        Granted g = granted();
        post(links(g.contact(), null).getString("unsubscribeUrl"), "List-Unsubscribe=One-Click");
        Api.send(INTEGRATION, "DELETE", "/api/v1/contacts/" + g.contact(), null, HttpRequest.BodyPublishers.noBody())
                .expect(204);
        String again = Fixtures.contact(g.email(), "fr");
        String reasons = suppressionsOf(again).toString();
        assertTrue(reasons.contains("UNSUBSCRIBED") && reasons.contains("ERASED"), reasons);
    }

    @Test
    void manualSuppressionsComeAndGoButAnOptOutCannotBeDeleted() throws Exception {
        Granted g = granted();
        JsonObject manual = Api.post(
                        ADMIN,
                        "/api/v1/suppressions",
                        "{\"email\":\"" + g.email().toUpperCase() + "\",\"channel\":\"EMAIL\",\"reason\":\"MANUAL\"}")
                .expect(201)
                .json();
        assertEquals(g.email(), manual.getString("email"), "shown in clear while a contact holds it");
        assertEquals("api:admin", manual.getString("source"));
        String page = Api.get(AUDITOR, "/api/v1/suppressions?reason=MANUAL&source=api:admin&limit=1000")
                .expect(200)
                .body();
        assertTrue(page.contains(manual.getString("id")));
        Api.send(
                        CAMPAIGN,
                        "DELETE",
                        "/api/v1/suppressions/" + manual.getString("id"),
                        null,
                        HttpRequest.BodyPublishers.noBody())
                .problem(403);
        Api.send(
                        ADMIN,
                        "DELETE",
                        "/api/v1/suppressions/" + manual.getString("id"),
                        null,
                        HttpRequest.BodyPublishers.noBody())
                .expect(204);
        Api.get(AUDITOR, "/api/v1/suppressions/" + manual.getString("id")).problem(404);

        post(links(g.contact(), g.purpose()).getString("unsubscribeUrl"), "List-Unsubscribe=One-Click");
        String id = Api.get(AUDITOR, "/api/v1/suppressions?reason=UNSUBSCRIBED&source=person:ONE_CLICK&limit=1000")
                .json()
                .getJsonArray("items")
                .getValuesAs(JsonObject.class)
                .stream()
                .filter(s -> g.email().equals(s.getString("email", null)))
                .findFirst()
                .orElseThrow()
                .getString("id");
        Api.send(ADMIN, "DELETE", "/api/v1/suppressions/" + id, null, HttpRequest.BodyPublishers.noBody())
                .problem(409);

        Api.post(ADMIN, "/api/v1/suppressions", "{\"email\":\"a@b\",\"channel\":\"EMAIL\",\"reason\":\"MANUAL\"}")
                .problem(422);
        Api.post(
                        ADMIN,
                        "/api/v1/suppressions",
                        "{\"phone\":\"+33612345678\",\"channel\":\"EMAIL\",\"reason\":\"MANUAL\"}")
                .problem(422);
        Api.post(
                        ADMIN,
                        "/api/v1/suppressions",
                        "{\"email\":\"x@example.com\",\"channel\":\"EMAIL\",\"reason\":\"ERASED\"}")
                .problem(422);
        Api.get(AUDITOR, "/api/v1/suppressions?reason=SOMETHING").problem(422);
    }

    @Test
    void aRetriedSuppressionReplaysItsFirstAnswerAndAnotherBodyWithTheSameKeyIs422() {
        String key = Api.uniqueKey("suppression");
        String body = "{\"email\":\"" + Api.uniqueEmail() + "\",\"channel\":\"EMAIL\",\"reason\":\"MANUAL\"}";
        String id = Api.sendWithHeaders(ADMIN, "POST", "/api/v1/suppressions", body, "Idempotency-Key", key)
                .expect(201)
                .json()
                .getString("id");
        Api.Answer replay = Api.sendWithHeaders(ADMIN, "POST", "/api/v1/suppressions", body, "Idempotency-Key", key)
                .expect(201);
        assertEquals(id, replay.json().getString("id"));
        assertEquals("true", replay.header("Idempotent-Replayed"));
        Api.sendWithHeaders(
                        ADMIN,
                        "POST",
                        "/api/v1/suppressions",
                        body.replace("MANUAL", "COMPLAINT"),
                        "Idempotency-Key",
                        key)
                .problem(422);
    }

    @Test
    void espEventsSuppressByTypeAndRepeatsChangeNothing() {
        String provider = Api.uniqueKey("esp");
        String source = "esp:" + provider;
        String bounced = Api.uniqueEmail();
        String complained = Api.uniqueEmail();
        String soft = Api.uniqueEmail();
        Granted g = granted();
        String batch = "[" + esp("HARD_BOUNCE", bounced, provider, "m1") + ","
                + esp("HARD_BOUNCE", bounced, provider, "m1")
                + "," + esp("COMPLAINT", complained, provider, "m2") + ","
                + esp("UNSUBSCRIBE", g.email(), provider, "m3")
                + "," + esp("SOFT_BOUNCE", soft, provider, "s1") + "," + esp("SOFT_BOUNCE", soft, provider, "s1") + ","
                + esp("SOFT_BOUNCE", soft, provider, "s2") + "]";
        Api.post(INTEGRATION, "/api/v1/esp-events", batch).expect(202);

        JsonArray items = Api.get(AUDITOR, "/api/v1/suppressions?limit=1000&source=" + source)
                .json()
                .getJsonArray("items");
        assertEquals(2, items.size(), "one hard bounce (repeated), one complaint: " + items);
        assertEquals("WITHDRAWN", state(g), "an ESP unsubscribe is a one-click");
        assertEquals(
                "UNSUBSCRIBED", suppressionsOf(g.contact()).getJsonObject(0).getString("reason"));

        Api.post(INTEGRATION, "/api/v1/esp-events", "[" + esp("SOFT_BOUNCE", soft, provider, "s3") + "]")
                .expect(202);
        JsonArray after = Api.get(
                        AUDITOR,
                        "/api/v1/suppressions?limit=1000&reason=HARD_BOUNCE&source=" + source + ":soft-bounces")
                .json()
                .getJsonArray("items");
        assertEquals(1, after.size(), "the third distinct soft bounce suppresses");

        Api.post(
                        INTEGRATION,
                        "/api/v1/esp-events",
                        "[" + esp("HARD_BOUNCE", "not-an-email", provider, "x") + ","
                                + esp("HARD_BOUNCE", Api.uniqueEmail(), provider, "y") + "]")
                .problem(422);
        Api.post(INTEGRATION, "/api/v1/esp-events", "[{\"type\":\"EXPLODED\",\"email\":\"a@example.com\"}]")
                .problem(422);
        Api.post(INTEGRATION, "/api/v1/esp-events", "[]").problem(422);
        Api.post(CAMPAIGN, "/api/v1/esp-events", "[]").problem(403);
    }

    /**
     * A provider's webhook posting bounces of one address at once: each is accepted (202), none is lost to a deadlock,
     * and the threshold counts them all — three at once suppress (the default threshold is three), two do not, and a
     * message reported several times at once counts once. Until 2026-12-06 each request inserted its bounce and then
     * counted the address's, waiting on the others' new rows: a deadlock by construction on Derby (503), and on
     * PostgreSQL a count blind to the others' uncommitted bounces.
     */
    @Test
    void softBouncesOfOneAddressAtOnceAreAllAcceptedAndCounted() throws Exception {
        String provider = Api.uniqueKey("sb");
        Granted three = granted();
        assertEquals(List.of(202, 202, 202), Burst.atOnce(3, i -> softBounce(three.email(), provider, "three-" + i)));
        assertEquals(3, softBounces(three.contact()));
        assertEquals(
                "SUPPRESSED_HARD_BOUNCE",
                Recipients.decision(three.contact(), three.purpose(), "EMAIL").getString("rule"));

        // Two distinct messages, each reported five times at once: two bounces, below the threshold.
        Granted two = granted();
        List<Integer> answers = Burst.atOnce(10, i -> softBounce(two.email(), provider, "two-" + i % 2));
        assertEquals(List.of(202), answers.stream().distinct().toList(), answers.toString());
        assertEquals(2, softBounces(two.contact()));
        assertEquals(
                "CONSENT_GRANTED",
                Recipients.decision(two.contact(), two.purpose(), "EMAIL").getString("rule"));

        // Many at once: every one accepted and counted, one suppression for the address.
        Granted many = granted();
        answers = Burst.atOnce(20, i -> softBounce(many.email(), provider, "many-" + i));
        assertEquals(List.of(202), answers.stream().distinct().toList(), answers.toString());
        assertEquals(20, softBounces(many.contact()));
        assertEquals(
                1,
                suppressionsOf(many.contact()).size(),
                suppressionsOf(many.contact()).toString());
        assertEquals(
                "SUPPRESSED_HARD_BOUNCE",
                Recipients.decision(many.contact(), many.purpose(), "EMAIL").getString("rule"));
    }

    /**
     * A soft bounce without a message id (the contract makes it optional) delivered again by a provider's retry is the
     * same report: three deliveries of one count once, and block nothing; reports of other moments still count (AD-F4:
     * until 2026-12-06 a webhook retried twice blocked the address for good, service mail included).
     */
    @Test
    void aSoftBounceWithoutMessageIdDeliveredAgainCountsOnce() {
        String provider = Api.uniqueKey("sbr");
        Granted g = granted();
        String at = Fixtures.daysAgo(1);
        String report = Json.createObjectBuilder()
                .add("type", "SOFT_BOUNCE")
                .add("email", g.email())
                .add("occurredAt", at)
                .add("provider", provider)
                .build()
                .toString();
        for (int delivery = 0; delivery < 3; delivery++) {
            Api.post(INTEGRATION, "/api/v1/esp-events", "[" + report + "]").expect(202);
        }
        Api.post(INTEGRATION, "/api/v1/esp-events", "[" + report + "," + report + "]")
                .expect(202);
        assertEquals(1, softBounces(g.contact()));
        assertEquals(
                "CONSENT_GRANTED",
                Recipients.decision(g.contact(), g.purpose(), "EMAIL").getString("rule"));

        for (String other : List.of(Fixtures.daysAgo(2), Fixtures.daysAgo(3))) {
            Api.post(INTEGRATION, "/api/v1/esp-events", "[" + report.replace(at, other) + "]")
                    .expect(202);
        }
        assertEquals(3, softBounces(g.contact()));
        assertEquals(
                "SUPPRESSED_HARD_BOUNCE",
                Recipients.decision(g.contact(), g.purpose(), "EMAIL").getString("rule"));
    }

    /**
     * A soft bounce below the threshold blocks nothing yet, but it is kept about the person's address and counts towards
     * blocking it: their audit and their access export show who reported it and when, as for a suppression of their
     * address; the message id (an address-like text, often) stays out of the audit, which nothing erases.
     */
    @Test
    void aSoftBounceIsAuditedInTheReportersNameUnderThePersonItBounced() {
        String provider = Api.uniqueKey("sb");
        Granted g = granted();
        String messageId = "<" + Api.uniqueKey("m") + "@mail.example.com>";
        assertEquals(202, softBounce(g.email(), provider, messageId));
        assertEquals(202, softBounce(g.email(), provider, messageId), "the same message again records nothing");
        List<JsonObject> recorded = Api.pages(AUDITOR, "/api/v1/audit?contactId=" + g.contact()).stream()
                .filter(e -> e.getString("action").equals("SOFT_BOUNCE_RECORDED"))
                .toList();
        assertEquals(1, recorded.size(), recorded::toString);
        JsonObject entry = recorded.get(0);
        assertEquals("integration", entry.getString("actor"), entry::toString);
        assertEquals("soft-bounce", entry.getString("subjectType"), entry::toString);
        JsonObject details = entry.getJsonObject("details");
        assertEquals(provider, details.getString("provider"), entry::toString);
        assertEquals(1, details.getInt("bounces"), entry::toString);
        assertEquals(1, details.getInt("contacts"), entry::toString);
        assertFalse(entry.toString().contains(g.email()), "never the address");
        assertFalse(entry.toString().contains(messageId), "nor the message id");
        assertEquals(
                "CONSENT_GRANTED",
                Recipients.decision(g.contact(), g.purpose(), "EMAIL").getString("rule"));
        String exported = Api.get(AUDITOR, "/api/v1/contacts/" + g.contact() + "/export")
                .expect(200)
                .json()
                .getJsonArray("audit")
                .toString();
        assertTrue(exported.contains("SOFT_BOUNCE_RECORDED"), exported);
        assertTrue(Api.get(AUDITOR, "/api/v1/audit/verify").expect(200).json().getBoolean("valid"));
    }

    private static int softBounce(String email, String provider, String messageId) {
        return Api.post(INTEGRATION, "/api/v1/esp-events", "[" + esp("SOFT_BOUNCE", email, provider, messageId) + "]")
                .status();
    }

    private static int softBounces(String contact) {
        return Api.get(AUDITOR, "/api/v1/contacts/" + contact + "/export")
                .expect(200)
                .json()
                .getJsonArray("softBounces")
                .size();
    }

    /** An event of the provider's, made now (an unsubscribe made before a consent does not withdraw it). */
    private static String esp(String type, String email, String provider, String messageId) {
        return esp(type, email, provider, messageId, java.time.Instant.now().toString());
    }

    private static String esp(String type, String email, String provider, String messageId, String occurredAt) {
        return Json.createObjectBuilder()
                .add("type", type)
                .add("email", email)
                .add("occurredAt", occurredAt)
                .add("provider", provider)
                .add("messageId", messageId)
                .build()
                .toString();
    }

    /**
     * A provider's UNSUBSCRIBE counts at the moment the person made it, not at its arrival (AD-F5): delivered again
     * (a webhook retry) after the person's own new opt-in, it changes nothing — no withdrawal in the history, no second
     * opt-out in the statistics; reported late, it closes what the person had consented to before it and leaves what
     * they consented to after it. Until 2026-12-06 each delivery counted as made on arrival and withdrew the newer
     * opt-in.
     */
    @Test
    void aProvidersUnsubscribeCountsWhenThePersonMadeIt() throws Exception {
        String provider = Api.uniqueKey("esp");
        Granted g = granted();
        String report = "[" + esp("UNSUBSCRIBE", g.email(), provider, "u1") + "]";
        Api.post(INTEGRATION, "/api/v1/esp-events", report).expect(202);
        assertEquals("WITHDRAWN", state(g));
        regrant(g);
        assertEquals("CONSENT_GRANTED", rule(g.contact(), g.purpose()), "the person's own new opt-in");
        JsonArray history = Recipients.history(g.contact());
        for (int delivery = 0; delivery < 2; delivery++) {
            Api.post(INTEGRATION, "/api/v1/esp-events", report).expect(202);
        }
        assertEquals("CONSENT_GRANTED", rule(g.contact(), g.purpose()), "the same report again changes nothing");
        assertEquals("GRANTED", state(g));
        assertEquals(history, Recipients.history(g.contact()), "nothing written");
        assertEquals(1, withdrawals(g.contact()));

        // Reported an hour late: the purpose consented to the day before is closed, the one consented to since is not.
        String before = Fixtures.purpose(false);
        String since = Fixtures.purpose(false);
        String email = Api.uniqueEmail();
        String contact = Fixtures.contact(email, "fr");
        String madeAt = fromNow(-3_600);
        Api.post(
                        INTEGRATION,
                        "/api/v1/consents",
                        Fixtures.event(
                                contact,
                                before,
                                "EMAIL",
                                "GRANT",
                                Fixtures.notice(before, "fr", "Oui"),
                                Fixtures.daysAgo(1)))
                .expect(201);
        Api.post(
                        INTEGRATION,
                        "/api/v1/consents",
                        Fixtures.event(contact, since, "EMAIL", "GRANT", Fixtures.notice(since, "fr", "Oui"), null))
                .expect(201);
        Api.post(INTEGRATION, "/api/v1/esp-events", "[" + esp("UNSUBSCRIBE", email, provider, "u2", madeAt) + "]")
                .expect(202);
        assertEquals("SUPPRESSED_UNSUBSCRIBED", rule(contact, before), "consented to before the unsubscribe");
        assertEquals("WITHDRAWN", Recipients.state(contact, before, "EMAIL"));
        assertEquals("CONSENT_GRANTED", rule(contact, since), "consented to after it");
        assertEquals("GRANTED", Recipients.state(contact, since, "EMAIL"));
        JsonObject entry = suppressionsOf(contact).getJsonObject(0);
        assertEquals(
                java.time.Instant.parse(madeAt), java.time.Instant.parse(entry.getString("createdAt")), "" + entry);
        assertEquals(
                0,
                Recipients.history(contact).getValuesAs(JsonObject.class).stream()
                        .filter(e -> e.getString("purpose").equals(since)
                                && e.getString("source").equals("ESP"))
                        .count(),
                "no withdrawal dated before the consent it would name");
        JsonObject optOut = Api.pages(AUDITOR, "/api/v1/audit?contact=" + contact).stream()
                .filter(e -> e.getString("action").equals("OPT_OUT"))
                .findFirst()
                .orElseThrow();
        assertEquals(madeAt, optOut.getJsonObject("details").getString("occurredAt"), optOut.toString());
        assertEquals(
                1, optOut.getJsonObject("details").getInt("withdrawals"), "the consent before it, not the one since");

        // A provider whose clock runs two minutes fast: its retry is still the same report.
        Granted fast = granted();
        String ahead = "[" + esp("UNSUBSCRIBE", fast.email(), provider, "u3", fromNow(120)) + "]";
        Api.post(INTEGRATION, "/api/v1/esp-events", ahead).expect(202);
        assertEquals("WITHDRAWN", state(fast));
        regrant(fast);
        Api.post(INTEGRATION, "/api/v1/esp-events", ahead).expect(202);
        assertEquals("CONSENT_GRANTED", rule(fast.contact(), fast.purpose()), "the fast clock's retry changes nothing");
    }

    /**
     * A provider whose clock runs an hour ahead (Paris time written with {@code Z}) in one event of a batch: every event
     * is applied, that one as made on its arrival (AY-F3: until 2026-12-07 the whole batch was a 422, and the other
     * person's complaint was lost with it). A report dated before 1970 is still refused, and the batch with it.
     */
    @Test
    void anEventDatedAheadOfTheServersClockIsReadAsReceivedAndSinksNoOtherEvent() {
        String provider = Api.uniqueKey("esp");
        Granted complained = granted();
        Granted unsubscribed = granted();
        String soft = Api.uniqueEmail();
        String softContact = Fixtures.contact(soft, "fr");
        java.time.Instant sent = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        Api.post(
                        INTEGRATION,
                        "/api/v1/esp-events",
                        "[" + esp("COMPLAINT", complained.email(), provider, "c1") + ","
                                + esp("UNSUBSCRIBE", unsubscribed.email(), provider, "u1", fromNow(3_600)) + ","
                                + esp("SOFT_BOUNCE", soft, provider, "s1", fromNow(86_400L * 365 * 70)) + "]")
                .expect(202);
        java.time.Instant answered = java.time.Instant.now();
        assertEquals("SUPPRESSED_COMPLAINT", rule(complained.contact(), complained.purpose()), "the other's complaint");
        assertEquals("SUPPRESSED_UNSUBSCRIBED", rule(unsubscribed.contact(), unsubscribed.purpose()));
        assertEquals("WITHDRAWN", state(unsubscribed));
        java.time.Instant holds = java.time.Instant.parse(
                suppressionsOf(unsubscribed.contact()).getJsonObject(0).getString("createdAt"));
        assertFalse(holds.isBefore(sent) || holds.isAfter(answered), "as received, not an hour ahead: " + holds);
        java.time.Instant bounced =
                java.time.Instant.parse(Api.get(AUDITOR, "/api/v1/contacts/" + softContact + "/export")
                        .expect(200)
                        .json()
                        .getJsonArray("softBounces")
                        .getJsonObject(0)
                        .getString("occurredAt"));
        assertFalse(bounced.isBefore(sent) || bounced.isAfter(answered), "decades ahead read as received: " + bounced);

        String early = Api.uniqueEmail();
        Api.post(
                        INTEGRATION,
                        "/api/v1/esp-events",
                        "[" + esp("HARD_BOUNCE", early, provider, "h1") + ","
                                + esp("COMPLAINT", early, provider, "c2", "1969-12-31T23:59:59Z") + "]")
                .problem(422);
        assertTrue(
                Api.get(AUDITOR, "/api/v1/suppressions?limit=1000&source=esp:" + provider + "&reason=HARD_BOUNCE")
                        .json()
                        .getJsonArray("items")
                        .isEmpty(),
                "an unreadable batch applies nothing");
    }

    /**
     * The suppressions' listing goes in the order the service wrote its entries: a provider's late report, whose entry
     * holds from an hour ago, comes after the entries written before it, so a client walking the list finds it past its
     * cursor (until 2026-12-06 the list went by the moment an entry holds from, and it landed behind the cursor).
     */
    @Test
    void aLateReportIsListedAfterTheEntriesWrittenBeforeIt() {
        String provider = Api.uniqueKey("esp");
        Api.post(
                        INTEGRATION,
                        "/api/v1/esp-events",
                        "[" + esp("HARD_BOUNCE", Api.uniqueEmail(), provider, "b1") + ","
                                + esp("HARD_BOUNCE", Api.uniqueEmail(), provider, "b2") + "]")
                .expect(202);
        String list = "/api/v1/suppressions?limit=1&source=esp:" + provider;
        JsonObject first = Api.get(AUDITOR, list).expect(200).json();
        String next = first.getString("next");
        String late = fromNow(-3_600);
        Api.post(
                        INTEGRATION,
                        "/api/v1/esp-events",
                        "[" + esp("UNSUBSCRIBE", Api.uniqueEmail(), provider, "u1", late) + "]")
                .expect(202);
        java.util.List<JsonObject> rest = Api.get(
                        AUDITOR, "/api/v1/suppressions?limit=10&source=esp:" + provider + "&after=" + next)
                .expect(200)
                .json()
                .getJsonArray("items")
                .getValuesAs(JsonObject.class);
        assertEquals(
                java.util.List.of("HARD_BOUNCE", "UNSUBSCRIBED"),
                rest.stream().map(e -> e.getString("reason")).toList(),
                "the second bounce, then the late report: " + rest);
        assertEquals(
                java.time.Instant.parse(late),
                java.time.Instant.parse(rest.get(1).getString("createdAt")),
                "it holds from when it was made");
    }

    /**
     * A provider's late report for an address a CRM has since moved to someone else is the former holder's: it reaches
     * them at their new address, and the new holder's consent stays (tester AH's F1, until 2026-12-06 it was withdrawn).
     * The person's second "stop" after a consent of their own dates their entry anew, which the outbound files then send
     * again (AH's F3).
     */
    @Test
    void aLateReportIsTheFormerHoldersAndASecondStopIsSentAgain() throws Exception {
        String provider = Api.uniqueKey("esp");
        for (String type : java.util.List.of("UNSUBSCRIBE", "COMPLAINT")) {
            Granted former = granted();
            String madeAt = fromNow(0);
            Thread.sleep(20);
            String moved = Api.uniqueEmail();
            Api.send(
                            INTEGRATION,
                            "PATCH",
                            "/api/v1/contacts/" + former.contact(),
                            "application/merge-patch+json",
                            java.net.http.HttpRequest.BodyPublishers.ofString("{\"email\":\"" + moved + "\"}"))
                    .expect(200);
            String holder = Fixtures.contact(former.email(), "fr");
            // A client's grant, which an opt-out of the holder's own would keep closed: only the fix leaves it open.
            Fixtures.clientGrant(holder, former.purpose(), former.notice());
            Api.post(
                            INTEGRATION,
                            "/api/v1/esp-events",
                            "[" + esp(type, former.email(), provider, type + "-f1", madeAt) + "]")
                    .expect(202);
            assertEquals(
                    "SUPPRESSED_UNSUBSCRIBED",
                    rule(former.contact(), former.purpose()),
                    type + ": the former holder's");
            assertEquals("CONSENT_GRANTED", rule(holder, former.purpose()), type + ": not the new holder's");
            assertEquals("GRANTED", Recipients.state(holder, former.purpose(), "EMAIL"));
            assertTrue(
                    Recipients.history(holder).getValuesAs(JsonObject.class).stream()
                            .noneMatch(e -> e.getString("source").equals("ESP")),
                    type + ": nothing written for the new holder");
            assertEquals(0, suppressionsOf(holder).size(), type + ": nor held against them");
        }

        // The second "stop", after the person's own new consent.
        String source = Api.uniqueKey("esp");
        SuppressionSourceIT.applied(SuppressionSourceIT.upload(
                source, "generic", "identifier,reason\n" + Api.uniqueEmail() + ",HARD_BOUNCE\n"));
        Granted g = granted();
        Api.post(INTEGRATION, "/api/v1/esp-events", "[" + esp("UNSUBSCRIBE", g.email(), provider, "s1") + "]")
                .expect(202);
        regrant(g);
        String since = fromNow(0);
        Thread.sleep(5);
        String again = fromNow(0);
        Api.post(INTEGRATION, "/api/v1/esp-events", "[" + esp("UNSUBSCRIBE", g.email(), provider, "s2", again) + "]")
                .expect(202);
        assertEquals("SUPPRESSED_UNSUBSCRIBED", rule(g.contact(), g.purpose()));
        JsonObject entry = suppressionsOf(g.contact()).getJsonObject(0);
        assertEquals(
                java.time.Instant.parse(again),
                java.time.Instant.parse(entry.getString("createdAt")),
                "dated anew: " + entry);
        String file = SuppressionSourceIT.outbound(source, "?format=generic&since=" + since)
                .expect(200)
                .body();
        assertTrue(file.contains(g.email() + ",UNSUBSCRIBED,"), "sent again: " + file);
    }

    /**
     * An unsubscribe from everything that the person has answered since by an opt-in of their own (it was reported late,
     * after that opt-in) stays out of the outbound files: a provider's list stops every message, the one they asked for
     * again included (tester AH's F5; until 2026-12-07 it went out). A client's grant is not their word, a consent older
     * than the unsubscribe does not answer it, and nothing answers a complaint: those still go.
     */
    @Test
    void anUnsubscribeThePersonHasAnsweredSinceStaysOutOfTheOutboundFiles() throws Exception {
        String provider = Api.uniqueKey("esp");
        String source = Api.uniqueKey("esp");
        SuppressionSourceIT.applied(SuppressionSourceIT.upload(
                source, "generic", "identifier,reason\n" + Api.uniqueEmail() + ",HARD_BOUNCE\n"));
        String since = fromNow(-1);
        String madeAt = fromNow(-3_600);
        Granted answered = granted();
        Granted complained = granted();
        Granted answeredThenComplained = granted();
        Granted answeredOnARetiredPurpose = granted();
        String older = Api.uniqueEmail();
        String olderContact = Fixtures.contact(older, "fr");
        String olderPurpose = Fixtures.purpose(false);
        Api.post(
                        INTEGRATION,
                        "/api/v1/consents",
                        Fixtures.event(
                                olderContact,
                                olderPurpose,
                                "EMAIL",
                                "GRANT",
                                Fixtures.notice(olderPurpose, "fr", "Oui"),
                                Fixtures.daysAgo(1)))
                .expect(201);
        String byClient = Api.uniqueEmail();
        String clientContact = Fixtures.contact(byClient, "fr");
        String clientPurpose = Fixtures.purpose(false);
        Fixtures.clientGrant(clientContact, clientPurpose, Fixtures.notice(clientPurpose, "fr", "Oui"));
        Api.post(
                        INTEGRATION,
                        "/api/v1/esp-events",
                        "[" + esp("UNSUBSCRIBE", answered.email(), provider, "a1", madeAt) + ","
                                + esp("COMPLAINT", complained.email(), provider, "c1", madeAt) + ","
                                + esp("UNSUBSCRIBE", older, provider, "o1", madeAt) + ","
                                + esp("UNSUBSCRIBE", byClient, provider, "b1", madeAt) + ","
                                + esp("UNSUBSCRIBE", answeredThenComplained.email(), provider, "ac1", madeAt) + ","
                                + esp("UNSUBSCRIBE", answeredOnARetiredPurpose.email(), provider, "r1", madeAt) + "]")
                .expect(202);
        // A complaint after the unsubscribe the person answered: the complaint's line, and the unsubscribe's again,
        // since
        // the complaint withdrew the consent that had answered it (tester BI's F6).
        Api.post(
                        INTEGRATION,
                        "/api/v1/esp-events",
                        "[" + esp("COMPLAINT", answeredThenComplained.email(), provider, "ac2", fromNow(-1_800)) + "]")
                .expect(202);
        // Answered by a consent to a purpose retired since, which sends nothing: the unsubscribe holds again.
        Api.patch(ADMIN, "/api/v1/purposes/" + answeredOnARetiredPurpose.purpose(), "{\"retired\":true}")
                .expect(200);
        assertEquals("CONSENT_GRANTED", rule(answered.contact(), answered.purpose()), "their newer word");
        assertEquals("SUPPRESSED_UNSUBSCRIBED", rule(olderContact, olderPurpose));
        assertEquals("SUPPRESSED_UNSUBSCRIBED", rule(clientContact, clientPurpose));
        assertEquals("SUPPRESSED_COMPLAINT", rule(complained.contact(), complained.purpose()));
        for (String format : java.util.List.of("generic", "ses", "mailgun-unsubscribes")) {
            String file = SuppressionSourceIT.outbound(source, "?format=" + format + "&since=" + since)
                    .expect(200)
                    .body();
            assertFalse(file.contains(answered.email()), format + ", answered since: " + file);
            for (String listed : java.util.List.of(
                    complained.email(),
                    older,
                    byClient,
                    answeredThenComplained.email(),
                    answeredOnARetiredPurpose.email())) {
                assertTrue(file.contains(listed), format + ", " + listed + ": " + file);
            }
            if (format.equals("generic")) {
                assertTrue(file.contains(answeredThenComplained.email() + ",COMPLAINT,"), file);
                assertTrue(file.contains(answeredThenComplained.email() + ",UNSUBSCRIBED,"), file);
            }
        }
    }

    /** The person's own new opt-in for the purpose they were granted, a few milliseconds after what came before. */
    private static void regrant(Granted g) throws InterruptedException {
        Thread.sleep(5);
        Api.post(
                        INTEGRATION,
                        "/api/v1/consents",
                        Fixtures.event(g.contact(), g.purpose(), "EMAIL", "GRANT", g.notice(), null))
                .expect(201);
    }

    /** The instant {@code seconds} from now (before it when negative), to the millisecond, as an event's time. */
    private static String fromNow(long seconds) {
        return java.time.Instant.now()
                .plusSeconds(seconds)
                .truncatedTo(java.time.temporal.ChronoUnit.MILLIS)
                .toString();
    }

    private static String rule(String contact, String purpose) {
        return Recipients.decision(contact, purpose, "EMAIL").getString("rule");
    }

    @Test
    void statisticsCountOptOutsForCharts() throws Exception {
        Granted g = granted();
        String from = java.time.Instant.now().minusSeconds(600).toString();
        assertEquals(
                200,
                post(links(g.contact(), g.purpose()).getString("unsubscribeUrl"), "List-Unsubscribe=One-Click")
                        .statusCode());
        JsonObject bySource = Api.get(
                        AUDITOR, "/api/v1/stats/opt-outs?by=source&purpose=" + g.purpose() + "&from=" + from)
                .expect(200)
                .json();
        assertEquals("source", bySource.getString("by"));
        assertEquals(1, bySource.getJsonNumber("total").longValue(), bySource.toString());
        JsonArray buckets = bySource.getJsonArray("buckets");
        assertEquals(1, buckets.size(), buckets.toString());
        assertEquals("ONE_CLICK", buckets.getJsonObject(0).getString("key"));
        assertEquals(1, buckets.getJsonObject(0).getJsonNumber("people").longValue());
        assertTrue(
                Api.get(AUDITOR, "/api/v1/stats/opt-outs?by=purpose&from=" + from)
                        .expect(200)
                        .json()
                        .getJsonArray("buckets")
                        .getValuesAs(JsonObject.class)
                        .stream()
                        .anyMatch(b -> b.getString("key").equals(g.purpose())
                                && b.getJsonNumber("count").longValue() == 1),
                "the purpose's own bar");
        Api.get(AUDITOR, "/api/v1/stats/opt-outs?by=colour").problem(422);
        Api.get(AUDITOR, "/api/v1/stats/opt-outs?from=tomorrow").problem(422);
        Api.get(AUDITOR, "/api/v1/stats/opt-outs?from=" + from + "&to=" + Fixtures.daysAgo(1))
                .problem(422);
        Api.get(INTEGRATION, "/api/v1/stats/opt-outs").problem(403);
    }
}
