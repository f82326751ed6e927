package eu.consent.it;

import static eu.consent.it.Api.User.ADMIN;
import static eu.consent.it.Api.User.AUDITOR;
import static eu.consent.it.Api.User.CAMPAIGN;
import static eu.consent.it.Api.User.INTEGRATION;
import static eu.consent.it.Api.User.NOBODY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Signed consent receipts, checked from outside with jose4j — a JOSE implementation independent of the one the server
 * signs with — against the keys the server publishes without login.
 */
class ReceiptIT {

    private static Recipients.Mailbox mail;

    @BeforeAll
    static void startSmtp() {
        mail = new Recipients.Mailbox();
    }

    @AfterAll
    static void stopSmtp() {
        mail.close();
    }

    /**
     * A withdrawal the person wrote on paper, typed in by a shop and imported, is their own choice: their receipts page
     * lists it beside their grant (tester BI's F3: until 2026-12-07 it was left out, being an import's).
     */
    @Test
    void thePersonsReceiptsListTheirPaperWithdrawalThatCameByImport() {
        String purpose = Fixtures.purpose(false);
        String notice = Fixtures.notice(purpose, "en", "Yes to offers");
        String email = Api.uniqueEmail();
        String contact = Fixtures.contact(email, "en");
        Api.post(
                        INTEGRATION,
                        "/api/v1/consents",
                        Fixtures.event(contact, purpose, "EMAIL", "GRANT", notice, Fixtures.daysAgo(2)))
                .expect(201);
        JsonObject done = ImportIT.importAndWait(
                "",
                "text/csv",
                "email,purpose,channel,action,source,occurredAt,agentId\n"
                        + String.join(",", email, purpose, "EMAIL", "WITHDRAW", "PAPER", Fixtures.daysAgo(1), "shop-9")
                        + "\n");
        assertEquals(1, done.getInt("updated") + done.getInt("imported"), done.toString());
        assertEquals("WITHDRAWN", Recipients.state(contact, purpose, "EMAIL"));
        String centre =
                Recipients.get(Recipients.preferencesUrl(contact) + "?lang=en").body();
        HttpResponse<String> list =
                Recipients.get(Api.BASE + link(centre, "/receipts?").replace("&amp;", "&"));
        assertEquals(200, list.statusCode(), list.body());
        assertEquals(2, count(list.body(), "/receipts/"), "the grant and the paper withdrawal: " + list.body());
    }

    @Test
    void aGrantsReceiptVerifiesAgainstThePublishedKeysAndCommitsToTheNoticeText() throws Exception {
        String purpose = Fixtures.purpose(false);
        String text = "J'accepte de recevoir les bons plans par email " + purpose;
        String notice = Fixtures.notice(purpose, "fr", text);
        String email = Api.uniqueEmail();
        String contact = Fixtures.contact(email, "fr");
        String event = Api.post(
                        INTEGRATION,
                        "/api/v1/consents",
                        Fixtures.event(contact, purpose, "EMAIL", "GRANT", notice, null))
                .expect(201)
                .json()
                .getString("id");

        Api.Answer answer =
                Api.get(INTEGRATION, "/api/v1/consents/" + event + "/receipt").expect(200);
        assertTrue(answer.contentType().startsWith("application/jose"), answer.contentType());
        String jws = answer.body().strip();
        assertEquals(3, jws.split("\\.").length, "a compact JWS");

        JsonWebSignature verified = verify(jws);
        assertEquals("ES256", verified.getAlgorithmHeaderValue());
        JsonObject payload =
                Json.createReader(new StringReader(verified.getPayload())).readObject();
        assertEquals(event, payload.getString("recordId"));
        assertEquals(contact, payload.getString("subject"));
        assertEquals(purpose, payload.getString("purpose"));
        assertEquals("EMAIL", payload.getString("channel"));
        assertEquals("GRANT", payload.getString("action"));
        assertEquals("dpv:ConsentGiven", payload.getString("status"), "no double opt-in: given at once");
        assertEquals("CONSENT", payload.getString("basis"));
        assertEquals("WEB_FORM", payload.getString("source"));
        assertEquals("EU", payload.getString("jurisdiction"), "a French contact falls under the EU policy");
        assertFalse(payload.getString("timestamp").isBlank());
        assertEquals("Consent service", payload.getJsonObject("controller").getString("name"));
        assertEquals(64, payload.getString("proofHash").length(), "the proof is committed to, not disclosed");
        JsonObject shown = payload.getJsonObject("notice");
        assertEquals(notice, shown.getString("id"));
        assertEquals(1, shown.getInt("version"));
        assertEquals("fr", shown.getString("locale"));
        assertEquals(sha256(text), shown.getString("sha256"), "the receipt names the exact text shown");
        assertNotEquals(sha256(text.replace("bons", "Bons")), shown.getString("sha256"), "one changed byte shows");
        assertFalse(verified.getPayload().contains(email), "no email in a receipt");

        String[] parts = jws.split("\\.");
        String tampered = parts[0] + "." + changeOneByte(parts[1]) + "." + parts[2];
        assertThrows(AssertionError.class, () -> verify(tampered), "a changed payload byte fails verification");

        Api.get(AUDITOR, "/api/v1/consents/" + event + "/receipt").expect(200);
        Api.get(CAMPAIGN, "/api/v1/consents/" + event + "/receipt").problem(403);
        Api.get(NOBODY, "/api/v1/consents/" + event + "/receipt").problem(401);
        Api.get(INTEGRATION, "/api/v1/consents/" + java.util.UUID.randomUUID() + "/receipt")
                .problem(404);
        Api.get(INTEGRATION, "/api/v1/consents/not-an-id/receipt").problem(404);
    }

    @Test
    void theKeysArePublicAndHoldNoPrivatePart() {
        Api.Answer keys = Api.get(NOBODY, "/.well-known/jwks.json").expect(200);
        JsonArray all = keys.json().getJsonArray("keys");
        assertFalse(all.isEmpty());
        for (JsonObject key : all.getValuesAs(JsonObject.class)) {
            assertEquals("EC", key.getString("kty"));
            assertEquals("P-256", key.getString("crv"));
            assertFalse(key.getString("kid").isBlank());
            assertFalse(key.containsKey("d"), "never the private key");
        }
    }

    /**
     * A grant dated ahead by its client, then a withdrawal received after it: the signed documents order them as the
     * decisions do (the grant's timestamp is when it was received), and the grant's receipt keeps the claimed time.
     */
    @Test
    void aGrantDatedAheadIsNeverSignedAsLaterThanAWithdrawalReceivedAfterIt() throws Exception {
        String purpose = Fixtures.purpose(false);
        String notice = Fixtures.notice(purpose, "en", "Deals by email " + purpose);
        String contact = Fixtures.contact(Api.uniqueEmail(), "en");
        String ahead = java.time.Instant.now()
                .plusSeconds(120)
                .truncatedTo(java.time.temporal.ChronoUnit.MILLIS)
                .toString();
        String grant = Api.post(
                        INTEGRATION,
                        "/api/v1/consents",
                        Fixtures.event(contact, purpose, "EMAIL", "GRANT", notice, ahead))
                .expect(201)
                .json()
                .getString("id");
        String withdrawal = Api.post(
                        INTEGRATION,
                        "/api/v1/consents",
                        Fixtures.event(contact, purpose, "EMAIL", "WITHDRAW", null, null))
                .expect(201)
                .json()
                .getString("id");
        JsonObject granted = payloadOf(Api.get(AUDITOR, "/api/v1/consents/" + grant + "/receipt")
                .expect(200)
                .body());
        JsonObject withdrawn = payloadOf(Api.get(AUDITOR, "/api/v1/consents/" + withdrawal + "/receipt")
                .expect(200)
                .body());
        java.time.Instant grantCounts = java.time.Instant.parse(granted.getString("timestamp"));
        assertTrue(
                grantCounts.isBefore(java.time.Instant.parse(withdrawn.getString("timestamp"))),
                granted + " then " + withdrawn);
        assertEquals(granted.getString("recordedAt"), granted.getString("timestamp"), granted::toString);
        assertEquals(ahead, granted.getString("occurredAt"), "the claim is kept beside: " + granted);
    }

    /**
     * A receipt says what the ledger knew when its event was written: a withdrawal received later but dated earlier
     * changes the history, not the receipt already signed (tester AQ's F1: until 2026-12-07 the same record was signed
     * "given" and then "withdrawn").
     */
    @Test
    void aReceiptStaysWhatItWasWhateverArrivesLater() throws Exception {
        String purpose = Fixtures.purpose(false);
        String notice = Fixtures.notice(purpose, "en", "Deals " + purpose);
        String contact = Fixtures.contact(Api.uniqueEmail(), "en");
        String grant = Fixtures.clientGrant(contact, purpose, notice).getString("id");
        String before = Api.get(AUDITOR, "/api/v1/consents/" + grant + "/receipt")
                .expect(200)
                .body();
        assertEquals("dpv:ConsentGiven", payloadOf(before).getString("status"));
        Api.post(
                        INTEGRATION,
                        "/api/v1/consents",
                        Fixtures.event(contact, purpose, "EMAIL", "WITHDRAW", null, Fixtures.daysAgo(1)))
                .expect(201);
        assertEquals(
                "WITHDRAWN",
                Recipients.history(contact).getValuesAs(JsonObject.class).stream()
                        .filter(e -> e.getString("id").equals(grant))
                        .findFirst()
                        .orElseThrow()
                        .getString("state"),
                "the history lists the client's grant as the withdrawal left it");
        String after = Api.get(AUDITOR, "/api/v1/consents/" + grant + "/receipt")
                .expect(200)
                .body();
        assertEquals(payloadOf(before), payloadOf(after), "the same claims, signed again");
    }

    @Test
    void aWithdrawalsReceiptNamesTheNoticeItTakesBack() throws Exception {
        Recipients.Person p = Recipients.granted("en");
        String withdrawal = Api.post(
                        INTEGRATION,
                        "/api/v1/consents",
                        Fixtures.event(p.contact(), p.purpose(), "EMAIL", "WITHDRAW", null, null))
                .expect(201)
                .json()
                .getString("id");
        JsonObject payload = payloadOf(Api.get(AUDITOR, "/api/v1/consents/" + withdrawal + "/receipt")
                .expect(200)
                .body());
        assertEquals("WITHDRAW", payload.getString("action"));
        assertEquals("dpv:ConsentWithdrawn", payload.getString("status"));
        assertEquals(p.notice(), payload.getJsonObject("notice").getString("id"));
    }

    /**
     * A client's grant after the person's unsubscribe is kept in the history but changes nothing (the pair stays
     * WITHDRAWN): its receipt says so, as the ledger does, not dpv:ConsentGiven dated after the withdrawal (until
     * 2026-12-06), and names the state the event left.
     */
    @Test
    void aGrantThatChangedNothingIsNotSignedAsConsentGiven() throws Exception {
        Recipients.Person p = Recipients.granted("en");
        String link = Recipients.links(p.contact(), p.purpose()).getString("unsubscribeUrl");
        assertEquals(
                200,
                Recipients.post(link, java.util.Map.of("List-Unsubscribe", "One-Click"))
                        .statusCode());
        JsonObject grant = Fixtures.clientGrant(p.contact(), p.purpose(), p.notice());
        assertEquals("WITHDRAWN", grant.getString("state"), grant.toString());
        JsonObject payload = payloadOf(Api.get(AUDITOR, "/api/v1/consents/" + grant.getString("id") + "/receipt")
                .expect(200)
                .body());
        assertEquals("GRANT", payload.getString("action"));
        assertEquals("dpv:ConsentWithdrawn", payload.getString("status"), payload.toString());
        assertEquals("WITHDRAWN", payload.getString("state"), payload.toString());
        String first = Recipients.history(p.contact()).getJsonObject(0).getString("id");
        JsonObject given = payloadOf(Api.get(AUDITOR, "/api/v1/consents/" + first + "/receipt")
                .expect(200)
                .body());
        assertEquals("dpv:ConsentGiven", given.getString("status"), "the person's own grant was given");
        assertEquals("GRANTED", given.getString("state"));
    }

    @Test
    void thePersonGetsTheirReceiptsFromTheMailTheConfirmationPageThePreferenceCentreAndTheAccessExport()
            throws Exception {
        String purpose = Fixtures.purpose(true);
        String notice = Fixtures.notice(purpose, "en", "Yes, send me the good deals " + purpose);
        String email = Api.uniqueEmail();
        String contact = Fixtures.contact(email, "en");
        String grant = Api.post(
                        INTEGRATION,
                        "/api/v1/consents",
                        Fixtures.event(contact, purpose, "EMAIL", "GRANT", notice, null))
                .expect(201)
                .json()
                .getString("id");

        MimeMessage message = mail.await(email, 1).get(0);
        String mailed = Recipients.Mailbox.link(message, "/receipts/");
        HttpResponse<String> download = Recipients.get(mailed);
        assertEquals(200, download.statusCode());
        assertTrue(
                download.headers().firstValue("Content-Disposition").orElse("").contains("attachment"));
        JsonObject pending = payloadOf(download.body());
        assertEquals(grant, pending.getString("recordId"), "the mail links the grant's receipt");
        assertEquals("dpv:ConsentRequested", pending.getString("status"), "not given until confirmed");

        String confirmUrl = Recipients.Mailbox.link(message, "/confirm/");
        HttpResponse<String> page = Recipients.get(confirmUrl);
        java.util.regex.Matcher token = java.util.regex.Pattern.compile("name=\"form\" value=\"([^\"]+)\"")
                .matcher(page.body());
        HttpResponse<String> confirmed =
                Recipients.post(confirmUrl, token.find() ? Map.of("form", token.group(1)) : Map.of());
        assertEquals(200, confirmed.statusCode(), confirmed.body());
        String fromPage = link(confirmed.body(), "/receipts/");
        JsonObject confirmation = payloadOf(Recipients.get(fromPage).body());
        assertEquals("CONFIRM", confirmation.getString("action"));
        assertEquals("dpv:ConsentGiven", confirmation.getString("status"), "the confirmation gives consent");
        assertEquals(notice, confirmation.getJsonObject("notice").getString("id"));
        assertEquals(
                pending,
                payloadOf(Api.get(INTEGRATION, "/api/v1/consents/" + grant + "/receipt")
                        .expect(200)
                        .body()),
                "the grant's receipt is the same once confirmed: what the grant was");

        String preferences = Recipients.preferencesUrl(contact);
        String centre = Recipients.get(preferences + "?lang=en").body();
        String listUrl = Api.BASE + link(centre, "/receipts?").replace("&amp;", "&");
        HttpResponse<String> list = Recipients.get(listUrl);
        assertEquals(200, list.statusCode(), list.body());
        assertEquals(2, count(list.body(), "/receipts/"), "the grant and the confirmation: " + list.body());
        assertFalse(list.body().contains(email), "the list names choices, not the person");
        // Each download link is named by its row (date, time and choice), the table has a caption (tester AT's F6).
        assertTrue(list.body().contains("<caption>Your choices, newest first</caption>"), list.body());
        java.util.regex.Matcher named = java.util.regex.Pattern.compile(
                        ">Download<span class=\"vh\">: receipt of (\\d{1,2} \\w+ \\d{4}, \\d{2}:\\d{2} \\(UTC\\)), ([^<]+)</span></a>")
                .matcher(list.body());
        java.util.Set<String> names = new java.util.HashSet<>();
        while (named.find()) {
            assertTrue(
                    list.body()
                            .contains("<th scope=\"row\">" + named.group(1) + "</th><td>" + named.group(2) + "</td>"),
                    "the name is the row's: " + named.group());
            names.add(named.group());
        }
        assertEquals(2, names.size(), "two links, two names: " + list.body());
        assertEquals(
                404, Recipients.get(Api.BASE + "/preferences/forged/receipts").statusCode());
        assertEquals(404, Recipients.get(Api.BASE + "/receipts/forged").statusCode());

        JsonObject export = Api.get(ADMIN, "/api/v1/contacts/" + contact + "/export")
                .expect(200)
                .json();
        JsonArray receipts = export.getJsonArray("receipts");
        assertEquals(2, receipts.size());
        for (JsonObject r : receipts.getValuesAs(JsonObject.class)) {
            assertEquals(
                    r.getString("eventId"), payloadOf(r.getString("receipt")).getString("recordId"));
        }
    }

    /** Verifies a compact JWS against the published JWKS with jose4j; fails the test (AssertionError) otherwise. */
    static JsonWebSignature verify(String compact) throws JoseException {
        JsonWebKeySet keys = new JsonWebKeySet(
                Api.get(NOBODY, "/.well-known/jwks.json").expect(200).body());
        JsonWebSignature jws = new JsonWebSignature();
        jws.setAlgorithmConstraints(new org.jose4j.jwa.AlgorithmConstraints(
                org.jose4j.jwa.AlgorithmConstraints.ConstraintType.PERMIT, "ES256"));
        jws.setCompactSerialization(compact);
        List<JsonWebKey> matching = keys.findJsonWebKeys(jws.getKeyIdHeaderValue(), null, null, null);
        if (matching.size() != 1) {
            throw new AssertionError("the kid " + jws.getKeyIdHeaderValue() + " names one published key");
        }
        jws.setKey(matching.get(0).getKey());
        if (!jws.verifySignature()) {
            throw new AssertionError("the signature does not verify");
        }
        return jws;
    }

    static JsonObject payloadOf(String compact) throws JoseException {
        return Json.createReader(new StringReader(verify(compact.strip()).getPayload()))
                .readObject();
    }

    private static String changeOneByte(String base64url) {
        byte[] payload = Base64.getUrlDecoder().decode(base64url);
        String text = new String(payload, StandardCharsets.UTF_8).replace("\"EMAIL\"", "\"SMS\"");
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    /** The first href in a page containing {@code part}. */
    private static String link(String html, String part) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile(
                        "href=\"([^\"]*" + java.util.regex.Pattern.quote(part) + "[^\"]*)\"")
                .matcher(html);
        assertTrue(m.find(), "the page links " + part + ": " + html);
        return m.group(1);
    }

    private static int count(String text, String part) {
        int n = 0;
        for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
            n++;
        }
        return n;
    }
}
