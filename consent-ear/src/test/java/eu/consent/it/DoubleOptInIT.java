package eu.consent.it;

import static eu.consent.it.Api.User.ADMIN;
import static eu.consent.it.Api.User.AUDITOR;
import static eu.consent.it.Api.User.INTEGRATION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Double opt-in end to end: a real SMTP server (GreenMail, in this JVM) receives the confirmation message the test
 * server relays; the test follows its link with a real HTTP client.
 */
class DoubleOptInIT {

    private static final Pattern LINK = Pattern.compile("(http://\\S+/confirm/\\S+)");
    private static final int SMTP_PORT = Integer.getInteger("it.smtp.port", 3925);
    private static GreenMail smtp;

    /** A new SMTP server, before the tests and after a test stopped it (a GreenMail server does not start twice). */
    @BeforeAll
    static void startSmtp() {
        smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterAll
    static void stopSmtp() {
        smtp.stop();
    }

    private static String grantDoubleOptIn(String email, String locale) {
        String purpose = Fixtures.purpose(true);
        String notice = Fixtures.notice(purpose, locale, "Je veux les bons plans");
        String contact = Fixtures.contact(email, locale);
        JsonObject grant = Api.post(
                        INTEGRATION,
                        "/api/v1/consents",
                        Fixtures.event(contact, purpose, "EMAIL", "GRANT", notice, null))
                .expect(201)
                .json();
        assertEquals("PENDING", grant.getString("state"));
        return contact;
    }

    private static MimeMessage awaitMessageTo(String email) throws Exception {
        for (int i = 0; i < 300; i++) {
            MimeMessage found = Arrays.stream(smtp.getReceivedMessages())
                    .filter(m -> recipients(m).contains(email))
                    .findFirst()
                    .orElse(null);
            if (found != null) {
                return found;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no message to " + email + " within 30 s");
    }

    private static String recipients(MimeMessage message) {
        try {
            return GreenMailUtil.getAddressList(message.getAllRecipients());
        } catch (jakarta.mail.MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String linkIn(MimeMessage message) {
        Matcher m =
                LINK.matcher(GreenMailUtil.getBody(message).replace("=\r\n", "").replace("=3D", "="));
        assertTrue(m.find(), "the message carries a confirmation link");
        return m.group(1);
    }

    private static String state(String contact) {
        JsonArray states = Api.get(AUDITOR, "/api/v1/contacts/" + contact + "/consents")
                .structure()
                .asJsonArray();
        return states.getJsonObject(0).getString("state");
    }

    /**
     * Confirms as a person does: opens the page, then presses its button (the form carries the page's token). A page
     * with nothing left to confirm has no button: the post then goes without a token, as a reload would.
     */
    static HttpResponse<String> confirm(String link) {
        String page = Recipients.get(link).body();
        java.util.Map<String, String> form = page.contains("name=\"form\"")
                ? java.util.Map.of("form", Recipients.formToken(page))
                : java.util.Map.of();
        return Recipients.post(link, form);
    }

    /**
     * A post from another site, or with a form token that is not the page's, confirms nothing; a scanner's GET neither.
     * A plain POST, as the contract describes it, confirms.
     */
    @Test
    void aCrossSiteOrForgedPostConfirmsNothingAndAPlainPostConfirms() throws Exception {
        String email = Api.uniqueEmail();
        String contact = grantDoubleOptIn(email, "en");
        String link = linkIn(awaitMessageTo(email));

        assertEquals(200, Recipients.get(link).statusCode());
        HttpResponse<String> crossSite = Recipients.post(link, java.util.Map.of(), "Sec-Fetch-Site", "cross-site");
        assertEquals(403, crossSite.statusCode(), "a form posted from another site");
        assertTrue(crossSite.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
        assertTrue(crossSite.body().contains("Nothing was changed"), crossSite.body());
        assertEquals(
                403,
                Recipients.post(link, java.util.Map.of(), "Origin", "https://evil.example")
                        .statusCode());
        HttpResponse<String> forged = Recipients.post(link, java.util.Map.of("form", "forged"));
        assertEquals(403, forged.statusCode());
        assertEquals("PENDING", state(contact));
        assertEquals(
                "CONSENT_PENDING",
                Recipients.decision(contact, purposeOf(contact), "EMAIL").getString("rule"));

        Api.Answer json = Api.send(
                Api.User.NOBODY,
                "POST",
                link,
                "application/json",
                java.net.http.HttpRequest.BodyPublishers.ofString("{}"));
        assertEquals(415, json.status(), "JSON is no form: " + json.body());
        assertTrue(json.contentType().startsWith("text/html"), "a page, never problem+json nor a 500");
        assertEquals("PENDING", state(contact));

        Api.Answer plain =
                Api.send(Api.User.NOBODY, "POST", link, null, java.net.http.HttpRequest.BodyPublishers.noBody());
        assertEquals(200, plain.status(), "the contract's plain POST, without a body, confirms: " + plain.body());
        assertEquals("GRANTED", state(contact));
    }

    private static String purposeOf(String contact) {
        return Api.get(AUDITOR, "/api/v1/contacts/" + contact + "/consents")
                .structure()
                .asJsonArray()
                .getJsonObject(0)
                .getString("purpose");
    }

    @Test
    void confirmingTheLinkGrantsAndOnlyThePostChangesAnything() throws Exception {
        String email = Api.uniqueEmail();
        String contact = grantDoubleOptIn(email, "fr");

        MimeMessage message = awaitMessageTo(email);
        assertTrue(message.getSubject().startsWith("Merci de confirmer"), message.getSubject());
        assertTrue(message.getSubject().contains("Les bons plans"), "names the purpose in French");
        String link = linkIn(message);

        for (int i = 0; i < 3; i++) {
            HttpResponse<String> shown = ConsentIT.page("GET", link);
            assertEquals(200, shown.statusCode());
            assertTrue(shown.body().contains("<form method=\"post\">"), shown.body());
            assertTrue(shown.body().contains("name=\"form\""), "the button's form carries the page's token");
            assertTrue(shown.body().contains("lang=\"fr\""));
            assertEquals("PENDING", state(contact), "a GET (a mail scanner) changes nothing");
        }
        assertEquals(200, ConsentIT.page("HEAD", link).statusCode());
        assertEquals("PENDING", state(contact));

        HttpResponse<String> confirmed = confirm(link);
        assertEquals(200, confirmed.statusCode(), confirmed.body());
        assertEquals("GRANTED", state(contact));
        JsonArray history = Api.get(AUDITOR, "/api/v1/contacts/" + contact + "/consents/history")
                .structure()
                .asJsonArray();
        JsonObject confirm = history.getJsonObject(1);
        assertEquals("CONFIRM", confirm.getString("action"));
        assertEquals("IT-browser/2.0", confirm.getJsonObject("proof").getString("userAgent"));
        assertNotNull(confirm.getJsonObject("proof").getString("ip"));

        HttpResponse<String> again = confirm(link);
        assertEquals(409, again.statusCode(), "an already used link changes nothing");
        // It says that the subscription stands, not "confirmed, or withdrawn since", and leads on (tester AT's F7).
        assertTrue(again.body().contains("Déjà confirmé") && again.body().contains("est confirmée"), again.body());
        assertTrue(
                again.body().replace("&#61;", "=").matches("(?s).*href=\"[^\"]*/preferences/[^\"]*\\?lang=fr\".*"),
                again.body());
        assertEquals(
                2,
                Api.get(AUDITOR, "/api/v1/contacts/" + contact + "/consents/history")
                        .structure()
                        .asJsonArray()
                        .size());
    }

    /**
     * A confirmed consent given again — the person ticking the box at checkout, a CRM re-sending what it holds — stays
     * confirmed and mails nothing. Until 2026-12-06 it went back to PENDING: not mailable, a second request mailed, and
     * the nightly expiry withdrew it a week later.
     */
    @Test
    void aConfirmedConsentGivenAgainStaysConfirmedAndMailsNothing() throws Exception {
        String email = Api.uniqueEmail();
        String contact = grantDoubleOptIn(email, "fr");
        String purpose = purposeOf(contact);
        assertEquals(200, confirm(linkIn(awaitMessageTo(email))).statusCode());
        assertEquals("GRANTED", state(contact));
        String notice = Fixtures.notice(purpose, "fr", "Toujours les bons plans");
        String byTheSystem = Json.createObjectBuilder()
                .add("contactId", contact)
                .add("purpose", purpose)
                .add("channel", "EMAIL")
                .add("action", "GRANT")
                .add("source", "API")
                .add("noticeId", notice)
                .build()
                .toString();
        for (String again : List.of(Fixtures.event(contact, purpose, "EMAIL", "GRANT", notice, null), byTheSystem)) {
            JsonObject recorded =
                    Api.post(INTEGRATION, "/api/v1/consents", again).expect(201).json();
            assertEquals("GRANTED", recorded.getString("state"), recorded.toString());
        }
        assertEquals("GRANTED", state(contact));
        JsonObject decision = Recipients.decision(contact, purpose, "EMAIL");
        assertEquals("CONSENT_GRANTED", decision.getString("rule"), decision.toString());
        JsonArray messages = Api.get(ADMIN, "/api/v1/contacts/" + contact + "/export")
                .expect(200)
                .json()
                .getJsonArray("messages");
        assertEquals(1, messages.size(), "the one request, no second: " + messages);
    }

    /**
     * The read-only auditor's access export shows the confirmation mail as sent, but the token of its link reads
     * {@code [withheld]}: a role that may change nothing cannot confirm a consent in the person's name. The admin's
     * export, like the person's mailbox, holds the mail as it was sent.
     */
    @Test
    void theAuditorsAccessExportShowsTheConfirmationMailWithoutALinkThatConfirms() throws Exception {
        String email = Api.uniqueEmail();
        String contact = grantDoubleOptIn(email, "fr");
        String link = linkIn(awaitMessageTo(email));
        String token = link.substring(link.lastIndexOf('/') + 1);

        JsonObject message = Api.get(AUDITOR, "/api/v1/contacts/" + contact + "/export")
                .expect(200)
                .json()
                .getJsonArray("messages")
                .getJsonObject(0);
        String body = message.getString("body");
        assertEquals(email, message.getString("recipient"));
        assertTrue(body.contains("/confirm/[withheld]"), body);
        assertFalse(body.contains(token), body);
        assertTrue(body.contains("/receipts/"), "the receipt link, which only reads, stays: " + body);
        assertEquals("PENDING", state(contact));
        String asSent = Api.get(Api.User.ADMIN, "/api/v1/contacts/" + contact + "/export")
                .expect(200)
                .json()
                .getJsonArray("messages")
                .getJsonObject(0)
                .getString("body");
        assertTrue(asSent.contains(token), asSent);

        assertEquals(200, confirm(link).statusCode());
        assertEquals("GRANTED", state(contact));
    }

    /**
     * The mail and the page name the channel the click confirms: a consent is per purpose and channel (tester AQ's F5:
     * until 2026-12-07 an SMS consent was confirmed from a mail that read as the email one).
     */
    @Test
    void theMailAndThePageNameTheChannelTheyConfirm() throws Exception {
        String email = Api.uniqueEmail();
        String purpose = Fixtures.purpose(true);
        smsGrant(email, purpose, Fixtures.notice(purpose, "en", "I want the deals by text message"));
        MimeMessage message = awaitMessageTo(email);
        assertTrue(message.getSubject().endsWith("(by text message (SMS))"), message.getSubject());
        String body = GreenMailUtil.getBody(message).replace("=\r\n", "");
        assertTrue(body.contains("by text message (SMS)"), body);
        String page = Recipients.get(linkIn(message)).body();
        assertTrue(page.contains("by text message (SMS)"), page);
    }

    @Test
    void forgedOrTruncatedLinksRevealNothing() throws Exception {
        String email = Api.uniqueEmail();
        String contact = grantDoubleOptIn(email, "en");
        String link = linkIn(awaitMessageTo(email));
        assertTrue(awaitMessageTo(email).getSubject().startsWith("Please confirm"));

        String forged = link.substring(0, link.length() - 2) + (link.endsWith("A") ? "BB" : "AA");
        for (String bad : new String[] {forged, link.substring(0, link.length() - 10), Api.BASE + "/confirm/nothing"}) {
            HttpResponse<String> answer = ConsentIT.page("POST", bad);
            assertEquals(404, answer.statusCode());
            assertFalse(answer.body().contains(email));
        }
        assertEquals("PENDING", state(contact));
    }

    @Test
    void aWithdrawalBeforeTheClickMakesTheLinkUseless() throws Exception {
        String email = Api.uniqueEmail();
        String contact = grantDoubleOptIn(email, "de");
        String link = linkIn(awaitMessageTo(email));
        String purpose = Api.get(AUDITOR, "/api/v1/contacts/" + contact + "/consents")
                .structure()
                .asJsonArray()
                .getJsonObject(0)
                .getString("purpose");
        Api.post(INTEGRATION, "/api/v1/consents", Fixtures.event(contact, purpose, "EMAIL", "WITHDRAW", null, null))
                .expect(201);
        assertEquals(409, confirm(link).statusCode());
        assertEquals("WITHDRAWN", state(contact));
    }

    /**
     * An unsubscribe that reaches us as an entry, with no consent event: a call centre's {@code UNSUBSCRIBED} through
     * the API (for all prospecting email, or for the purpose), or the provider's own unsubscribe list.
     */
    private static void unsubscribeByEntry(String how, String email, String purpose) throws InterruptedException {
        if (how.equals("list")) {
            String source = Api.uniqueKey("esp");
            JsonObject accepted = Api.send(
                            INTEGRATION,
                            "PUT",
                            "/api/v1/suppression-sources/" + source + "/snapshot?format=generic",
                            "text/csv",
                            java.net.http.HttpRequest.BodyPublishers.ofString(
                                    "identifier,reason,date\n" + email + ",UNSUBSCRIBED,\n"))
                    .expect(202)
                    .json();
            JsonObject run =
                    JobIT.awaitEnd(accepted.getJsonNumber("executionId").longValue());
            assertEquals("COMPLETED", run.getString("status"), run.toString());
            return;
        }
        String scope = how.equals("api-purpose") ? ",\"purpose\":\"" + purpose + "\"" : "";
        Api.post(ADMIN, "/api/v1/suppressions", """
                        {"email":"%s","channel":"EMAIL","reason":"UNSUBSCRIBED","source":"callcentre"%s}""".formatted(email, scope)).expect(201);
    }

    /**
     * The person asks for a double opt-in purpose, then unsubscribes by an entry (a call centre's, a list's line). The link
     * of the message mailed before is overtaken, as after a one-click (until 2026-12-06 it confirmed, and the older
     * click undid the newer opt-out): 409 on the page and on its post, nothing changed.
     */
    @ParameterizedTest
    @ValueSource(strings = {"api", "api-purpose", "list"})
    void anUnsubscribeByEntryAfterTheMailOvertakesItsLink(String how) throws Exception {
        String email = Api.uniqueEmail();
        String contact = grantDoubleOptIn(email, "en");
        String link = linkIn(awaitMessageTo(email));
        String purpose = purposeOf(contact);

        unsubscribeByEntry(how, email, purpose);
        assertEquals(
                "SUPPRESSED_UNSUBSCRIBED",
                Recipients.decision(contact, purpose, "EMAIL").getString("rule"));

        HttpResponse<String> shown = Recipients.get(link);
        assertEquals(409, shown.statusCode(), "no button to press: " + shown.body());
        assertTrue(shown.body().contains("you unsubscribed since this message was sent"), shown.body());
        assertTrue(shown.body().contains("/preferences/"), "the way to choose it again: " + shown.body());
        assertEquals(409, confirm(link).statusCode());
        assertEquals(409, Recipients.post(link, java.util.Map.of()).statusCode(), "a post without the page");
        // A call centre's stop closes the request it covers at once (since 2026-12-08, tester BJ's F5); a list's line
        // leaves it waiting, as it did: either way nothing is confirmed.
        boolean closed = !how.equals("list");
        assertEquals(closed ? "WITHDRAWN" : "PENDING", state(contact), "nothing confirmed");
        assertEquals(
                closed ? 2 : 1,
                Api.get(AUDITOR, "/api/v1/contacts/" + contact + "/consents/history")
                        .structure()
                        .asJsonArray()
                        .size());
        assertEquals(
                "SUPPRESSED_UNSUBSCRIBED",
                Recipients.decision(contact, purpose, "EMAIL").getString("rule"),
                "the opt-out stands");
    }

    /**
     * The same entry made before the person asks: their confirmation is the fresh opt-in of theirs that answers it,
     * and re-opens the purpose.
     */
    @ParameterizedTest
    @ValueSource(strings = {"api", "list"})
    void anUnsubscribeByEntryBeforeTheRequestIsAnsweredByItsConfirmation(String how) throws Exception {
        String email = Api.uniqueEmail();
        String contact = Fixtures.contact(email, "en");
        String purpose = Fixtures.purpose(true);
        unsubscribeByEntry(how, email, purpose);
        Api.post(
                        INTEGRATION,
                        "/api/v1/consents",
                        Fixtures.event(contact, purpose, "EMAIL", "GRANT", Fixtures.notice(purpose, "en", "Yes"), null))
                .expect(201);
        assertEquals(200, confirm(linkIn(awaitMessageTo(email))).statusCode());
        assertEquals(
                "CONSENT_GRANTED",
                Recipients.decision(contact, purpose, "EMAIL").getString("rule"));
    }

    /** A new contact at {@code email} who then one-clicked out of all prospecting email. */
    private static String unsubscribedFromAllEmail(String email, String locale) {
        String contact = Fixtures.contact(email, locale);
        String unsubscribe = Recipients.links(contact, null).getString("unsubscribeUrl");
        assertEquals(
                200,
                Recipients.post(unsubscribe, java.util.Map.of("List-Unsubscribe", "One-Click"))
                        .statusCode());
        return contact;
    }

    /**
     * A confirmation binds the address it was mailed to. The person unsubscribed from all prospecting email, then asks
     * on a web form for a double opt-in purpose; before the click the CRM moves them to another address, and the old
     * one becomes someone else's. The click in the old mailbox confirms nothing (until 2026-12-06 it made the person
     * GRANTED at their new address, past their unsubscribe): 409 in the person's language, their opt-out stands.
     */
    @Test
    void aConfirmationMailedToAnAddressThePersonGaveUpConfirmsNothing() throws Exception {
        String old = Api.uniqueEmail();
        String contact = unsubscribedFromAllEmail(old, "de");
        String purpose = Fixtures.purpose(true);
        Api.post(
                        INTEGRATION,
                        "/api/v1/consents",
                        Fixtures.event(contact, purpose, "EMAIL", "GRANT", Fixtures.notice(purpose, "de", "Ja"), null))
                .expect(201);
        String link = linkIn(awaitMessageTo(old));
        Api.patch(INTEGRATION, "/api/v1/contacts/" + contact, "{\"email\":\"" + Api.uniqueEmail() + "\"}")
                .expect(200);
        Fixtures.contact(old, "en");

        HttpResponse<String> shown = Recipients.get(link);
        assertEquals(409, shown.statusCode(), shown.body());
        assertTrue(shown.body().contains("nicht mehr die bei uns hinterlegte"), shown.body());
        assertTrue(shown.body().contains("lang=\"de\""), "in the person's language");
        assertEquals(409, confirm(link).statusCode());
        assertEquals("PENDING", Recipients.state(contact, purpose, "EMAIL"), "nothing confirmed");
        assertEquals(
                "SUPPRESSED_UNSUBSCRIBED",
                Recipients.decision(contact, purpose, "EMAIL").getString("rule"),
                "their unsubscribe, which followed them to their new address, stands");
    }

    /** An address given up and taken back is the person's again: the link mailed there confirms. */
    @Test
    void aConfirmationMailedToAnAddressTakenBackConfirms() throws Exception {
        String email = Api.uniqueEmail();
        String contact = grantDoubleOptIn(email, "en");
        String link = linkIn(awaitMessageTo(email));
        String path = "/api/v1/contacts/" + contact;
        Api.patch(INTEGRATION, path, "{\"email\":\"" + Api.uniqueEmail() + "\"}")
                .expect(200);
        assertEquals(409, Recipients.get(link).statusCode(), "while the address is not theirs");
        Api.patch(INTEGRATION, path, "{\"email\":\"" + email + "\"}").expect(200);

        assertEquals(200, confirm(link).statusCode());
        assertEquals("GRANTED", state(contact));
    }

    /**
     * Someone who unsubscribed from everything by email is not mailed a confirmation request on a client's word (source
     * API, no proof of theirs): the grant changes nothing, and the pair, which had no history, says so — OBJECTED, their
     * unsubscribe written before it (it read PENDING until 2026-12-07, a confirmation no one would be asked for: tester
     * AV's F1). Their own consent, from a form, mails it.
     */
    @Test
    void aClientsGrantMailsNoConfirmationToAPersonWhoUnsubscribed() throws Exception {
        String email = Api.uniqueEmail();
        String beforeTheClick = java.time.Instant.now().minusSeconds(1).toString();
        String contact = unsubscribedFromAllEmail(email, "fr");
        // Their own form, sent before the click and received after it, stands behind it: no request mailed (AY's F7).
        String late = Fixtures.purpose(true);
        assertEquals(
                "OBJECTED",
                Api.post(
                                INTEGRATION,
                                "/api/v1/consents",
                                Fixtures.event(
                                        contact,
                                        late,
                                        "EMAIL",
                                        "GRANT",
                                        Fixtures.notice(late, "fr", "Oui"),
                                        beforeTheClick))
                        .expect(201)
                        .json()
                        .getString("state"));
        String byClient = Fixtures.purpose(true);
        JsonObject grant = Api.post(INTEGRATION, "/api/v1/consents", """
                        {"contactId":"%s","purpose":"%s","channel":"EMAIL","action":"GRANT","source":"API",                        "noticeId":"%s"}""".formatted(
                                contact, byClient, Fixtures.notice(byClient, "fr", "Oui")))
                .expect(201)
                .json();
        assertEquals("OBJECTED", grant.getString("state"));
        String own = Fixtures.purpose(true);
        Api.post(
                        INTEGRATION,
                        "/api/v1/consents",
                        Fixtures.event(contact, own, "EMAIL", "GRANT", Fixtures.notice(own, "fr", "Oui"), null))
                .expect(201);
        awaitMessageTo(email);
        Thread.sleep(1000);
        assertEquals(
                1,
                Arrays.stream(smtp.getReceivedMessages())
                        .filter(m -> recipients(m).contains(email))
                        .count(),
                "only the person's own grant was mailed");
    }

    /**
     * A double opt-in request nobody confirmed is no sign of the person's life: anyone can type an address into a form.
     * A person past retention stays so until they click; the click moves their clock. Until 2026-12-07 the request
     * alone made them mailable again on every purpose for three more years (tester AY's F6).
     */
    @Test
    void anUnconfirmedRequestMovesNoRetentionClockAndTheClickDoes() throws Exception {
        String email = Api.uniqueEmail();
        String contact = Fixtures.contact(email, "fr");
        String sent = Fixtures.purpose(false);
        Api.post(INTEGRATION, "/api/v1/consents", """
                        {"contactId":"%s","purpose":"%s","channel":"EMAIL","action":"GRANT","source":"API",\
                        "noticeId":"%s"}""".formatted(contact, sent, Fixtures.notice(sent, "fr", "Oui")))
                .expect(201);
        Api.post(
                        INTEGRATION,
                        "/api/v1/contacts/" + contact + "/activities",
                        "{\"type\":\"CLICK\",\"occurredAt\":\"" + Fixtures.daysAgo(4 * 366) + "\"}")
                .expect(204);
        String lastActive =
                Api.get(AUDITOR, "/api/v1/contacts/" + contact).json().getString("lastActiveAt");
        assertEquals(
                "RETENTION_EXPIRED", Recipients.decision(contact, sent, "EMAIL").getString("rule"));

        String asked = Fixtures.purpose(true);
        Api.post(
                        INTEGRATION,
                        "/api/v1/consents",
                        Fixtures.event(contact, asked, "EMAIL", "GRANT", Fixtures.notice(asked, "fr", "Oui"), null))
                .expect(201);
        assertEquals(
                lastActive,
                Api.get(AUDITOR, "/api/v1/contacts/" + contact).json().getString("lastActiveAt"),
                "a request waiting for its confirmation");
        assertEquals(
                "RETENTION_EXPIRED", Recipients.decision(contact, sent, "EMAIL").getString("rule"));

        assertEquals(200, confirm(linkIn(awaitMessageTo(email))).statusCode());
        assertEquals(
                "CONSENT_GRANTED", Recipients.decision(contact, sent, "EMAIL").getString("rule"), "the click");
    }

    @Test
    void anSmtpOutageDelaysTheMessageButLosesNothing() throws Exception {
        smtp.stop();
        String email = Api.uniqueEmail();
        String contact;
        try {
            contact = grantDoubleOptIn(email, "it");
            Thread.sleep(2500);
            assertEquals("PENDING", state(contact), "the consent event is kept while mail cannot leave");
        } finally {
            startSmtp(); // again: GreenMail's servers do not start twice
        }
        MimeMessage message = awaitMessageTo(email);
        assertTrue(message.getSubject().startsWith("Conferma"), message.getSubject());
        assertEquals(200, confirm(linkIn(message)).statusCode());
        assertEquals("GRANTED", state(contact));
    }

    /**
     * A request that became moot while the mail could not leave is dropped, not sent when the server is back: the person
     * unsubscribed in the meantime (tester AQ's F2: until 2026-12-07 it went out, retried for hours). The other one,
     * still asked, goes.
     */
    @Test
    void aRequestThatBecameMootWhileQueuedIsNotSent() throws Exception {
        smtp.stop();
        String left = Api.uniqueEmail();
        String stays = Api.uniqueEmail();
        String[] leftContact = new String[1];
        try {
            String contact = grantDoubleOptIn(left, "en");
            leftContact[0] = contact;
            grantDoubleOptIn(stays, "en");
            JsonObject consent = Api.get(AUDITOR, "/api/v1/contacts/" + contact + "/consents")
                    .structure()
                    .asJsonArray()
                    .getJsonObject(0);
            String unsubscribe =
                    Recipients.links(contact, consent.getString("purpose")).getString("unsubscribeUrl");
            unsubscribe(unsubscribe);
        } finally {
            startSmtp(); // again: GreenMail's servers do not start twice
        }
        awaitMessageTo(stays);
        // The relay's next attempt at the moot one drops its row: awaited, not guessed (review 41).
        awaitRequestDropped(leftContact[0]);
        assertTrue(
                Arrays.stream(smtp.getReceivedMessages())
                        .noneMatch(m -> recipients(m).contains(left)),
                "no request to the person who unsubscribed meanwhile");
    }

    /**
     * An SMS consent's request goes by mail: queued while mail could not leave, it is not sent to a mailbox that stopped
     * mail since — unsubscribed from all prospecting, or marked a message as spam (review 41: until 2026-12-07 only
     * an opt-out of the SMS channel dropped it). The person who only left the newsletter by mail gets theirs.
     */
    @ParameterizedTest
    @ValueSource(strings = {"unsubscribed from all", "complained"})
    void anSmsRequestIsNotMailedToAMailboxThatStoppedMailSinceItWasQueued(String how) throws Exception {
        String purpose = Fixtures.purpose(true);
        String notice = Fixtures.notice(purpose, "en", "The deals by text message");
        String stopped = Api.uniqueEmail();
        String other = Fixtures.purpose(false);
        String unrelated = Api.uniqueEmail();
        smtp.stop();
        String contact;
        try {
            contact = smsGrant(stopped, purpose, notice);
            String control = smsGrant(unrelated, purpose, notice);
            // The control person only leaves another purpose's mail: their SMS request still goes.
            unsubscribe(Recipients.links(control, other).getString("unsubscribeUrl"));
            if (how.equals("complained")) {
                Api.post(INTEGRATION, "/api/v1/esp-events", """
                                [{"type":"COMPLAINT","email":"%s","occurredAt":"%s","provider":"it"}]""".formatted(stopped, Fixtures.daysAgo(0)))
                        .expect(202);
            } else {
                unsubscribe(Recipients.links(contact, null).getString("unsubscribeUrl"));
            }
        } finally {
            startSmtp(); // again: GreenMail's servers do not start twice
        }
        awaitMessageTo(unrelated);
        awaitRequestDropped(contact);
        assertTrue(
                Arrays.stream(smtp.getReceivedMessages())
                        .noneMatch(m -> recipients(m).contains(stopped)),
                "no mail to a mailbox that stopped mail");
        assertEquals("PENDING", Recipients.state(contact, purpose, "SMS"), "the grant waits, unconfirmed");
    }

    /**
     * Until the relay's next attempt at the contact's queued request has dropped it (the access export lists no
     * message): awaited, not guessed (review 41).
     */
    private static void awaitRequestDropped(String contact) throws InterruptedException {
        JsonArray queued = null;
        for (int i = 0; i < 300; i++) {
            queued = Api.get(ADMIN, "/api/v1/contacts/" + contact + "/export")
                    .expect(200)
                    .json()
                    .getJsonArray("messages");
            if (queued.isEmpty()) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the moot request was not dropped: " + queued);
    }

    /** A contact with an address and a number, and a web form's SMS grant of {@code purpose}: the contact's id. */
    private static String smsGrant(String email, String purpose, String notice) {
        String contact = Api.post(INTEGRATION, "/api/v1/contacts", """
                        {"email":"%s","phone":"%s","country":"FR","locale":"en","audience":"B2C","customer":false}""".formatted(email, Api.uniqueFrenchMobile()))
                .expect(201)
                .json()
                .getString("id");
        Api.post(INTEGRATION, "/api/v1/consents", Fixtures.event(contact, purpose, "SMS", "GRANT", notice, null))
                .expect(201);
        return contact;
    }

    private static void unsubscribe(String link) {
        assertEquals(
                200,
                Recipients.post(link, java.util.Map.of("List-Unsubscribe", "One-Click"))
                        .statusCode());
    }

    /**
     * A request whose purpose was retired after it was mailed confirms nothing: the page says the offer ended (tester
     * AQ's F3: until 2026-12-07 it confirmed and said "your subscription is confirmed").
     */
    @Test
    void aRequestOfARetiredPurposeConfirmsNothing() throws Exception {
        String email = Api.uniqueEmail();
        String contact = grantDoubleOptIn(email, "en");
        String link = linkIn(awaitMessageTo(email));
        String purpose = Api.get(AUDITOR, "/api/v1/contacts/" + contact + "/consents")
                .structure()
                .asJsonArray()
                .getJsonObject(0)
                .getString("purpose");
        Api.patch(ADMIN, "/api/v1/purposes/" + purpose, "{\"retired\":true}").expect(200);
        HttpResponse<String> page = Recipients.get(link);
        assertEquals(409, page.statusCode(), page.body());
        assertTrue(page.body().contains("is no longer offered"), page.body());
        assertEquals(409, confirm(link).statusCode());
        assertEquals("PENDING", state(contact));
    }

    /**
     * The same request twice (a form sent twice): the person confirms from either mail (tester AQ's F6: until 2026-12-07
     * the second mail killed the first one's link, whose page said "already confirmed, or withdrawn since").
     */
    @Test
    void eitherMailOfARequestSentTwiceConfirmsIt() throws Exception {
        String email = Api.uniqueEmail();
        String purpose = Fixtures.purpose(true);
        String notice = Fixtures.notice(purpose, "en", "Yes please");
        String contact = Fixtures.contact(email, "en");
        List<String> grants = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            grants.add(Api.post(
                            INTEGRATION,
                            "/api/v1/consents",
                            Fixtures.event(contact, purpose, "EMAIL", "GRANT", notice, null))
                    .expect(201)
                    .json()
                    .getString("id"));
        }
        List<MimeMessage> both = new java.util.ArrayList<>();
        for (int i = 0; i < 300 && both.size() < 2; i++) {
            both = Arrays.stream(smtp.getReceivedMessages())
                    .filter(m -> recipients(m).contains(email))
                    .toList();
            Thread.sleep(100);
        }
        assertEquals(2, both.size(), "one mail per request sent");
        // The link names its grant: the first request's mail is the one whose link names the first grant.
        MimeMessage first = grantOf(linkIn(both.get(0))).equals(grants.get(0)) ? both.get(0) : both.get(1);
        MimeMessage second = first == both.get(0) ? both.get(1) : both.get(0);
        assertEquals(grants.get(0), grantOf(linkIn(first)));
        assertEquals(200, confirm(linkIn(first)).statusCode(), "the first mail's link");
        assertEquals("GRANTED", state(contact));
        assertEquals(409, confirm(linkIn(second)).statusCode(), "nothing left to confirm");
    }

    /** The grant a confirmation link names (its token's payload: {@code confirm|<grant>|<expiry>}). */
    private static String grantOf(String link) {
        String token = link.substring(link.lastIndexOf('/') + 1);
        String payload = new String(
                java.util.Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
                java.nio.charset.StandardCharsets.UTF_8);
        return payload.split("\\|")[1];
    }

    /**
     * No request goes to an address that bounced for good, which no other message reaches either (tester AQ's F9: until
     * 2026-12-07 the service's own mails did); the grant stays pending.
     */
    @Test
    void noRequestGoesToAnAddressThatBounced() throws Exception {
        String email = Api.uniqueEmail();
        String contact = Fixtures.contact(email, "en");
        Api.post(INTEGRATION, "/api/v1/esp-events", """
                        [{"type":"HARD_BOUNCE","email":"%s","occurredAt":"%s","provider":"it"}]""".formatted(email, Fixtures.daysAgo(0)))
                .expect(202);
        String purpose = Fixtures.purpose(true);
        Api.post(
                        INTEGRATION,
                        "/api/v1/consents",
                        Fixtures.event(contact, purpose, "EMAIL", "GRANT", Fixtures.notice(purpose, "en", "Yes"), null))
                .expect(201);
        String control = Api.uniqueEmail();
        grantDoubleOptIn(control, "en");
        awaitMessageTo(control);
        Thread.sleep(2000);
        assertTrue(
                Arrays.stream(smtp.getReceivedMessages())
                        .noneMatch(m -> recipients(m).contains(email)),
                "nothing to the bounced address");
        assertEquals("PENDING", state(contact));
    }

    /**
     * After a complaint, the person's own grant on a double opt-in purpose is recorded, and no confirmation request goes
     * to the address that complained: no consent answers a complaint, and a link answering "confirmed" while every
     * decision denies SUPPRESSED_COMPLAINT told them a lie (tester BD's F6, until 2026-12-07).
     */
    @Test
    void noConfirmationRequestGoesToAnAddressThatComplained() {
        String purpose = Fixtures.purpose(true);
        String notice = Fixtures.notice(purpose, "en", "The deals");
        String email = Api.uniqueEmail();
        String contact = Fixtures.contact(email, "en");
        Api.post(INTEGRATION, "/api/v1/esp-events", """
                        [{"type":"COMPLAINT","email":"%s","occurredAt":"%s","provider":"it"}]""".formatted(email, Fixtures.daysAgo(0)))
                .expect(202);
        Api.post(INTEGRATION, "/api/v1/consents", Fixtures.event(contact, purpose, "EMAIL", "GRANT", notice, null))
                .expect(201);
        assertEquals(
                "SUPPRESSED_COMPLAINT",
                Recipients.decision(contact, purpose, "EMAIL").getString("rule"));
        JsonArray messages = Api.get(ADMIN, "/api/v1/contacts/" + contact + "/export")
                .expect(200)
                .json()
                .getJsonArray("messages");
        assertEquals(0, messages.size(), messages::toString);
    }
}
