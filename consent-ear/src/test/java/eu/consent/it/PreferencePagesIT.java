package eu.consent.it;

import static eu.consent.it.Api.User.ADMIN;
import static eu.consent.it.Api.User.AUDITOR;
import static eu.consent.it.Api.User.INTEGRATION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.mail.internet.MimeMessage;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The preference centre and "send me my link" over plain HTTP: what is saved and how (ledger events with proof,
 * preferences, decisions), forms that did not come from the page, no enumeration, the rate limit, bad tokens, the
 * language.
 */
class PreferencePagesIT {

    private static Recipients.Mailbox mailbox;

    @BeforeAll
    static void startSmtp() {
        mailbox = new Recipients.Mailbox();
    }

    @AfterAll
    static void stopSmtp() {
        mailbox.close();
    }

    /** A consent by email the person gave by phone (a call centre's agent and script as proof): their own word. */
    private static void byPhone(String contact, String purpose, String notice) {
        Api.post(
                        INTEGRATION,
                        "/api/v1/consents",
                        "{\"contactId\":\"" + contact + "\",\"purpose\":\"" + purpose
                                + "\",\"channel\":\"EMAIL\",\"action\":\"GRANT\",\"source\":\"ORAL\",\"noticeId\":\""
                                + notice + "\",\"proof\":{\"agentId\":\"agent-7\",\"scriptRef\":\"script-1\"}}")
                .expect(201);
    }

    /** The form as the page shows it, with a valid token: what a person's browser would post unchanged. */
    private static Map<String, String> shownForm(String url, Recipients.Person p) {
        HttpResponse<String> page = Recipients.get(url);
        assertEquals(200, page.statusCode(), page.body());
        Map<String, String> form = new LinkedHashMap<>();
        form.put("form", Recipients.formToken(page.body()));
        form.put("action", "save");
        form.put(p.purpose() + ".notice", p.notice());
        form.put(p.purpose() + ".per", "WEEK");
        return form;
    }

    /**
     * A script posting the fields it changes, without the page's action nor its twins, changes those alone: a purpose it
     * does not name stays as the person left it, {@code KEY.CHANNEL=off} switches off (tester AN's F1: until 2026-12-07
     * a post switching one purpose on withdrew, in the person's name, every other one).
     */
    @Test
    void aScriptNamingOneSwitchChangesThatOneAlone() {
        Recipients.Person p = Recipients.granted("en");
        String other = Fixtures.purpose(false);
        String otherNotice = Fixtures.notice(other, "en", "Notice en for " + other);
        byPhone(p.contact(), other, otherNotice);
        String url = Recipients.preferencesUrl(p.contact());

        Map<String, String> one = new LinkedHashMap<>();
        one.put(other + ".EMAIL", "on");
        one.put(other + ".notice", otherNotice);
        assertEquals(303, Recipients.post(url, one).statusCode());
        assertEquals("GRANTED", Recipients.state(p.contact(), p.purpose(), "EMAIL"), "not named: left alone");
        assertTrue(
                Recipients.history(p.contact()).getValuesAs(JsonObject.class).stream()
                        .noneMatch(e -> e.getString("action").equals("WITHDRAW")
                                || e.getString("action").equals("OBJECT")),
                "no withdrawal in the person's name: " + Recipients.history(p.contact()));

        HttpResponse<String> unclear = Recipients.post(url, Map.of(p.purpose() + ".EMAIL", "true"));
        assertEquals(422, unclear.statusCode(), "neither on nor off: nothing saved");
        assertTrue(unclear.body().contains("neither on nor off"), unclear.body());
        assertEquals("GRANTED", Recipients.state(p.contact(), p.purpose(), "EMAIL"));
        // Two values for one box, or "true" in the page's own form: neither is a box's value (AP's F1, F10).
        assertEquals(
                422,
                Recipients.postPairs(url, List.of(new String[] {p.purpose() + ".EMAIL", "off"}, new String[] {
                            p.purpose() + ".EMAIL", "on"
                        }))
                        .statusCode());
        Map<String, String> pageForm = shownForm(url, p);
        pageForm.put(p.purpose() + ".EMAIL", "true");
        assertEquals(422, Recipients.post(url, pageForm).statusCode());
        // Switched on without the notice it agrees to: said so (AP's F3), not "changed since the page was shown".
        String third = Fixtures.purpose(false);
        Fixtures.notice(third, "en", "Notice en for " + third);
        HttpResponse<String> noNotice = Recipients.post(url, Map.of(third + ".EMAIL", "on"));
        assertEquals(422, noNotice.statusCode(), noNotice.body());
        assertTrue(noNotice.body().contains("the field notice is missing"), noNotice.body());
        // A cap's period alone says nothing to keep or change: refused (AP's F2); its number alone takes a week.
        HttpResponse<String> periodAlone = Recipients.post(url, Map.of(other + ".per", "MONTH"));
        assertEquals(422, periodAlone.statusCode());
        assertTrue(periodAlone.body().contains("needs its number of messages"), periodAlone.body());
        // A cap given twice says two things: refused, not read by its first value (AR's F4).
        assertEquals(
                422,
                Recipients.postPairs(
                                url, List.of(new String[] {other + ".max", "3"}, new String[] {other + ".max", "9"}))
                        .statusCode());
        assertEquals(303, Recipients.post(url, Map.of(other + ".max", "3")).statusCode());
        assertEquals(
                "{\"max\":3,\"per\":\"WEEK\"}",
                Api.get(AUDITOR, "/api/v1/contacts/" + p.contact() + "/preferences")
                        .json()
                        .getJsonObject("frequency")
                        .getJsonObject(other)
                        .toString());
        assertEquals("GRANTED", Recipients.state(p.contact(), p.purpose(), "EMAIL"), "nothing of the refused saved");
        assertEquals(
                303, Recipients.post(url, Map.of(p.purpose() + ".EMAIL", "off")).statusCode());
        assertEquals("WITHDRAWN", Recipients.state(p.contact(), p.purpose(), "EMAIL"), "named off: withdrawn");
        assertEquals("GRANTED", Recipients.state(p.contact(), other, "EMAIL"), "the other, not named, stays");
        assertEquals(
                "CONSENT_WITHDRAWN",
                Recipients.decision(p.contact(), p.purpose(), "EMAIL").getString("rule"));
    }

    @Test
    void switchingAPurposeOffWithdrawsWithProofAndTheNextDecisionDenies() {
        Recipients.Person p = Recipients.granted("fr");
        assertTrue(Recipients.decision(p.contact(), p.purpose(), "EMAIL").getBoolean("allowed"));
        String url = Recipients.preferencesUrl(p.contact());
        String page = Recipients.get(url).body();
        assertTrue(page.contains("name=\"" + p.purpose() + ".EMAIL\""), page);
        assertTrue(page.contains("id=\"" + p.purpose() + ".EMAIL\" value=\"on\" checked"), "shown as received");
        assertTrue(page.contains("<html lang=\"fr\">"), "the contact's language");

        Map<String, String> form = shownForm(url, p); // the box left unticked: switched off
        HttpResponse<String> saved = Recipients.post(url, form);
        assertEquals(303, saved.statusCode(), saved.body());
        assertTrue(saved.headers().firstValue("Location").orElseThrow().endsWith("saved=1"));

        JsonObject decision = Recipients.decision(p.contact(), p.purpose(), "EMAIL");
        assertFalse(decision.getBoolean("allowed"));
        assertEquals("CONSENT_WITHDRAWN", decision.getString("rule"));
        JsonObject withdraw = Recipients.history(p.contact()).getJsonObject(1);
        assertEquals("WITHDRAW", withdraw.getString("action"));
        assertEquals("PREFERENCE_CENTER", withdraw.getString("source"));
        assertEquals("IT-browser/2.0", withdraw.getJsonObject("proof").getString("userAgent"));
        assertTrue(withdraw.getJsonObject("proof").containsKey("ip"));
        String audit =
                Api.get(AUDITOR, "/api/v1/audit?contactId=" + p.contact()).body();
        assertTrue(audit.contains("PREFERENCE_CENTER_SAVED"), audit);

        String after = Recipients.get(url + "?saved=1").body();
        assertTrue(after.contains("role=\"status\""), "the saved page says so");
        assertFalse(after.contains("id=\"" + p.purpose() + ".EMAIL\" value=\"on\" checked"), "now shown off");
    }

    /**
     * A switch the person turns off while an admin's block of that purpose came since the page was shown (the switch
     * now shows off, blocked) is their withdrawal all the same: lifting the block later does not make them mailable
     * (tester BH's F7: until 2026-12-07 the page answered "Nothing to save" and the consent stood behind the block).
     */
    @Test
    void aSwitchTurnedOffWhileABlockCameSinceIsWithdrawnAllTheSame() {
        Recipients.Person p = Recipients.granted("en");
        String url = Recipients.preferencesUrl(p.contact());
        Map<String, String> form = shownForm(url, p);
        form.put(p.purpose() + ".EMAIL.shown", "on"); // shown on, left unticked: switched off
        String block = Api.post(ADMIN, "/api/v1/suppressions", """
                        {"email":"%s","channel":"EMAIL","purpose":"%s","reason":"MANUAL"}""".formatted(p.email(), p.purpose()))
                .expect(201)
                .json()
                .getString("id");
        HttpResponse<String> saved = Recipients.post(url, form);
        assertEquals(303, saved.statusCode(), saved.body());
        assertTrue(
                saved.headers().firstValue("Location").orElseThrow().endsWith("saved=1"),
                saved.headers().map().toString());
        assertEquals("WITHDRAWN", Recipients.state(p.contact(), p.purpose(), "EMAIL"));
        Api.send(
                        ADMIN,
                        "DELETE",
                        "/api/v1/suppressions/" + block,
                        null,
                        java.net.http.HttpRequest.BodyPublishers.noBody())
                .expect(204);
        assertEquals(
                "CONSENT_WITHDRAWN",
                Recipients.decision(p.contact(), p.purpose(), "EMAIL").getString("rule"));
    }

    /**
     * The page's form grows with the purposes it lists (a notice, a cap and a box per channel each): a save as large as
     * a few hundred purposes make it is read, not refused as too large — until 2026-12-05, past some 100 purposes, a
     * person could no longer switch anything off. It stays bounded.
     */
    @Test
    void aFormAsLargeAsHundredsOfPurposesMakeItIsSavedAndItStaysBounded() {
        Recipients.Person p = Recipients.granted("en");
        String url = Recipients.preferencesUrl(p.contact());
        Map<String, String> form = shownForm(url, p); // the box left unticked: switched off
        for (int i = 0; i < 400; i++) {
            String other = "purpose-" + i + "-of-a-large-catalogue";
            form.put(other + ".notice", java.util.UUID.randomUUID().toString());
            form.put(other + ".per", "WEEK");
            form.put(other + ".max", "3");
        }
        HttpResponse<String> saved = Recipients.post(url, form);
        assertEquals(303, saved.statusCode(), saved.body());
        assertEquals(
                "CONSENT_WITHDRAWN",
                Recipients.decision(p.contact(), p.purpose(), "EMAIL").getString("rule"));

        Map<String, String> huge = shownForm(url, p);
        huge.put("padding", "x".repeat(1024 * 1024));
        assertEquals(413, Recipients.post(url, huge).statusCode(), "still bounded");
    }

    @Test
    void switchingBackOnIsAFreshConsentWithTheNoticeShownWaitingForConfirmationAndCapsAndPauseAreSaved() {
        Recipients.Person p = Recipients.granted("en");
        String url = Recipients.preferencesUrl(p.contact());
        Recipients.post(url, shownForm(url, p)); // off
        assertEquals("WITHDRAWN", Recipients.state(p.contact(), p.purpose(), "EMAIL"));

        Map<String, String> form = shownForm(url, p);
        form.put(p.purpose() + ".EMAIL", "on");
        form.put(p.purpose() + ".max", "2");
        form.put(p.purpose() + ".per", "MONTH");
        String until = LocalDate.now(ZoneOffset.UTC).plusDays(10).toString();
        form.put("pausedUntil", until);
        assertEquals(303, Recipients.post(url, form).statusCode());

        // What the person closed re-opens only from the mailed confirmation (PreferenceReopeningIT).
        assertEquals("PENDING", Recipients.state(p.contact(), p.purpose(), "EMAIL"));
        JsonArray history = Recipients.history(p.contact());
        JsonObject grant = history.getJsonObject(history.size() - 1);
        assertEquals("GRANT", grant.getString("action"));
        assertEquals("PREFERENCE_CENTER", grant.getString("source"));
        assertEquals(p.notice(), grant.getJsonObject("notice").getString("id"), grant.toString());
        JsonObject prefs = Api.get(AUDITOR, "/api/v1/contacts/" + p.contact() + "/preferences")
                .expect(200)
                .json();
        assertEquals(
                2, prefs.getJsonObject("frequency").getJsonObject(p.purpose()).getInt("max"));
        assertEquals(
                "MONTH",
                prefs.getJsonObject("frequency").getJsonObject(p.purpose()).getString("per"));
        assertEquals(
                LocalDate.parse(until).plusDays(1) + "T00:00:00Z", prefs.getString("pausedUntil"), prefs.toString());
        assertEquals(
                "PAUSED", Recipients.decision(p.contact(), p.purpose(), "EMAIL").getString("rule"));

        String page = Recipients.get(url).body();
        assertTrue(page.contains("value=\"" + until + "\""), "the pause is shown as the last day");
        assertTrue(page.contains("<option value=\"MONTH\" selected>"), page);

        // Saving the page unchanged changes nothing.
        int events = Recipients.history(p.contact()).size();
        Map<String, String> same = shownForm(url, p);
        same.put(p.purpose() + ".EMAIL", "on");
        same.put(p.purpose() + ".max", "2");
        same.put(p.purpose() + ".per", "MONTH");
        same.put("pausedUntil", until);
        HttpResponse<String> again = Recipients.post(url, same);
        assertTrue(again.headers().firstValue("Location").orElseThrow().endsWith("saved=0"));
        assertEquals(events, Recipients.history(p.contact()).size());
    }

    /**
     * A pause the API set more than a year ahead: the page's date field reaches it, so that a browser sends the form at
     * all (until 2026-12-06 the field's limit stopped at a year, and the browser refused to submit, the person unable to
     * unsubscribe from a purpose there), and a save keeps the pause as it is.
     */
    @Test
    void aPauseSetTwoYearsAheadByTheApiLeavesTheFormSendable() {
        Recipients.Person p = Recipients.granted("en");
        String url = Recipients.preferencesUrl(p.contact());
        java.time.Instant far = LocalDate.now(ZoneOffset.UTC)
                .plusYears(2)
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant();
        Api.send(
                        Api.User.INTEGRATION,
                        "PUT",
                        "/api/v1/contacts/" + p.contact() + "/preferences",
                        "application/json",
                        java.net.http.HttpRequest.BodyPublishers.ofString(
                                "{\"frequency\":{},\"channels\":[],\"pausedUntil\":\"" + far + "\"}"))
                .expect(200);
        String page = Recipients.get(url).body();
        java.util.regex.Matcher field = java.util.regex.Pattern.compile(
                        "name=\"pausedUntil\" id=\"pausedUntil\" value=\"([0-9-]+)\" min=\"[0-9-]+\" max=\"([0-9-]+)\"")
                .matcher(page);
        assertTrue(field.find(), page);
        assertFalse(LocalDate.parse(field.group(1)).isAfter(LocalDate.parse(field.group(2))), field.group());

        Map<String, String> form = shownForm(url, p); // the purpose switched off, the pause as shown
        form.put("pausedUntil", field.group(1));
        assertEquals(303, Recipients.post(url, form).statusCode());
        assertEquals("WITHDRAWN", Recipients.state(p.contact(), p.purpose(), "EMAIL"));
        assertEquals(
                far.toString(),
                Api.get(AUDITOR, "/api/v1/contacts/" + p.contact() + "/preferences")
                        .expect(200)
                        .json()
                        .getString("pausedUntil"));
    }

    @Test
    void invalidValuesAreListedKeptInTheFormAndNothingIsSaved() {
        Recipients.Person p = Recipients.granted("fr");
        String url = Recipients.preferencesUrl(p.contact());
        Map<String, String> form = shownForm(url, p); // the box unticked, but the form is invalid
        form.put(p.purpose() + ".max", "0");
        form.put("pausedUntil", "2020-01-01");
        HttpResponse<String> refused = Recipients.post(url, form);
        assertEquals(422, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("role=\"alert\""), refused.body());
        assertTrue(refused.body().contains("doit être un nombre entier"), "the cap's error, in French");
        assertTrue(refused.body().contains("La fin de la pause"), "the pause's error");
        assertTrue(refused.body().contains("value=\"0\""), "what was typed is kept");
        // Each message is tied to its field, which is flagged and linked from the list; the title says the save failed
        // (tester AT's F4).
        String body = refused.body();
        assertTrue(body.contains("<title>Erreur : Vos préférences – "), body);
        assertTrue(body.contains("<li id=\"error-1\"><a href=\"#" + p.purpose() + ".max\">"), body);
        assertTrue(body.contains("<li id=\"error-2\"><a href=\"#pausedUntil\">"), body);
        assertTrue(
                body.contains(
                        "value=\"0\" aria-describedby=\"" + p.purpose() + "-maxhint error-1\" aria-invalid=\"true\">"),
                body);
        assertTrue(body.contains("aria-describedby=\"pause-hint error-2\" aria-invalid=\"true\">"), body);
        assertEquals(2, body.split("aria-invalid", -1).length - 1, "only the two fields are flagged: " + body);
        assertFalse(Recipients.get(url).body().contains("<title>Erreur"), "a page shown afresh has its own title");
        assertEquals("GRANTED", Recipients.state(p.contact(), p.purpose(), "EMAIL"), "nothing saved");
        assertEquals(1, Recipients.history(p.contact()).size());
        // What the number field never sends (until 2026-12-07 read as 3 and 12).
        for (String cap : List.of("+3", "\u0661\u0662")) {
            Map<String, String> odd = shownForm(url, p);
            odd.put(p.purpose() + ".EMAIL", "on");
            odd.put(p.purpose() + ".max", cap);
            assertEquals(422, Recipients.post(url, odd).statusCode(), cap);
        }
    }

    @Test
    void aNoticeReplacedSinceThePageWasShownRefusesTheGrant() {
        Recipients.Person p = Recipients.granted("en");
        String url = Recipients.preferencesUrl(p.contact());
        Recipients.post(url, shownForm(url, p)); // off
        Map<String, String> form = shownForm(url, p);
        form.put(p.purpose() + ".EMAIL", "on");
        Fixtures.notice(p.purpose(), "en", "A new wording"); // the shown notice is no longer current
        HttpResponse<String> refused = Recipients.post(url, form);
        assertEquals(409, refused.statusCode());
        assertTrue(refused.body().contains("A new wording"), "the page shows the new text to read");
        assertEquals("WITHDRAWN", Recipients.state(p.contact(), p.purpose(), "EMAIL"));
    }

    @Test
    void serviceMessagesAreShownAsAlwaysSentAndCannotBeSwitchedOff() {
        Recipients.Person p = Recipients.granted("de");
        String service = Recipients.servicePurpose();
        String url = Recipients.preferencesUrl(p.contact());
        String page = Recipients.get(url).body();
        assertTrue(page.contains("Bestellstatus"), page);
        assertTrue(page.contains("immer gesendet"), page);
        assertFalse(page.contains("name=\"" + service + "."), "no control for a service purpose");

        Map<String, String> form = shownForm(url, p);
        form.put(p.purpose() + ".EMAIL", "on");
        form.put(service + ".EMAIL", "off");
        Recipients.post(url, form);
        assertEquals("NONE", Recipients.state(p.contact(), service, "EMAIL"));
        assertEquals(
                "SERVICE_MESSAGE",
                Recipients.decision(p.contact(), service, "EMAIL").getString("rule"));
    }

    @Test
    void unsubscribingFromEverythingStopsAllProspectingWithTheReason() {
        Recipients.Person p = Recipients.granted("it");
        String url = Recipients.preferencesUrl(p.contact());
        Map<String, String> form = new LinkedHashMap<>();
        form.put("form", Recipients.formToken(Recipients.get(url).body()));
        form.put("action", "leave");
        form.put("reason", "NOT_RELEVANT");
        form.put("comment", "Non mi interessa");
        HttpResponse<String> left = Recipients.post(url, form);
        assertEquals(200, left.statusCode(), left.body());
        assertTrue(left.body().contains("<html lang=\"it\">"));
        assertEquals("WITHDRAWN", Recipients.state(p.contact(), p.purpose(), "EMAIL"));
        assertFalse(Recipients.decision(p.contact(), p.purpose(), "EMAIL").getBoolean("allowed"));
        assertEquals(
                "PREFERENCE_CENTER",
                Recipients.history(p.contact()).getJsonObject(1).getString("source"));
        String suppressions = Api.get(AUDITOR, "/api/v1/contacts/" + p.contact() + "/export")
                .json()
                .getJsonArray("suppressions")
                .toString();
        assertTrue(suppressions.contains("UNSUBSCRIBED"), suppressions);
        String stats = Api.get(AUDITOR, "/api/v1/stats/opt-outs?by=reason").body();
        assertTrue(stats.contains("NOT_RELEVANT"), stats);
    }

    @Test
    void formsThatDidNotComeFromThePageAreRefusedAndChangeNothing() {
        Recipients.Person p = Recipients.granted("en");
        String url = Recipients.preferencesUrl(p.contact());
        String other = Recipients.preferencesUrl(Recipients.granted("en").contact());
        Map<String, String> valid = shownForm(url, p);
        String otherPagesToken = Recipients.formToken(Recipients.get(other).body());

        Map<String, String> forged = new LinkedHashMap<>(valid);
        forged.put("form", valid.get("form").substring(0, valid.get("form").length() - 3) + "AAA");
        Map<String, String> moved = new LinkedHashMap<>(valid);
        moved.put("form", otherPagesToken);
        for (Map<String, String> bad : List.of(forged, moved)) {
            HttpResponse<String> refused = Recipients.post(url, bad);
            assertEquals(403, refused.statusCode(), refused.body());
            assertTrue(
                    refused.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"));
            assertTrue(refused.body().contains("<html lang=\"en\">"), refused.body());
        }
        HttpResponse<String> crossSite = Recipients.post(url, valid, "Origin", "https://evil.example");
        assertEquals(403, crossSite.statusCode());
        HttpResponse<String> fetchCrossSite = Recipients.post(url, valid, "Sec-Fetch-Site", "cross-site");
        assertEquals(403, fetchCrossSite.statusCode());
        assertEquals("GRANTED", Recipients.state(p.contact(), p.purpose(), "EMAIL"), "nothing changed");
        assertEquals(1, Recipients.history(p.contact()).size());

        // The human unsubscribe form is held to the same rules; the RFC 8058 one-click is not (no Origin, no token).
        String unsubscribe = Recipients.links(p.contact(), p.purpose()).getString("unsubscribeUrl");
        assertEquals(
                403,
                Recipients.post(unsubscribe, Map.of("reason", "OTHER"), "Origin", "https://evil.example")
                        .statusCode());
        assertEquals(
                403,
                Recipients.post(unsubscribe, Map.of("reason", "OTHER", "form", "forged"))
                        .statusCode());
        assertEquals("GRANTED", Recipients.state(p.contact(), p.purpose(), "EMAIL"));
        assertEquals(
                200,
                Recipients.post(unsubscribe, Map.of("List-Unsubscribe", "One-Click"))
                        .statusCode());
        assertEquals("WITHDRAWN", Recipients.state(p.contact(), p.purpose(), "EMAIL"));
    }

    @Test
    void badTokensGetAPageThatRevealsNothing() {
        Recipients.Person p = Recipients.granted("fr");
        String url = Recipients.preferencesUrl(p.contact());
        String token = url.substring(url.lastIndexOf('/') + 1);
        String unsubscribeToken = Recipients.links(p.contact(), null).getString("unsubscribeUrl");
        unsubscribeToken = unsubscribeToken.substring(unsubscribeToken.lastIndexOf('/') + 1);
        for (String bad : new String[] {
            token.substring(0, token.length() - 4), token + "x", unsubscribeToken, "nothing", "%3Cscript%3E"
        }) {
            for (HttpResponse<String> answer : List.of(
                    Recipients.get(Api.BASE + "/preferences/" + bad),
                    Recipients.post(Api.BASE + "/preferences/" + bad, Map.of("action", "leave")))) {
                assertEquals(404, answer.statusCode(), bad);
                assertTrue(answer.headers()
                        .firstValue("Content-Type")
                        .orElseThrow()
                        .startsWith("text/html"));
                assertFalse(answer.body().contains(p.email()));
                assertFalse(answer.body().contains(p.contact()));
                assertFalse(answer.body().contains("<script"));
            }
        }
        // An erased person's link is as unknown as a forged one.
        Api.send(
                Api.User.INTEGRATION,
                "DELETE",
                "/api/v1/contacts/" + p.contact(),
                null,
                java.net.http.HttpRequest.BodyPublishers.noBody());
        assertEquals(404, Recipients.get(url).statusCode());
        // Errors HTTP detects are pages too, not problem+json.
        HttpResponse<String> put = Api.send(
                        Api.User.NOBODY,
                        "PUT",
                        "/preferences/" + token,
                        "text/plain",
                        java.net.http.HttpRequest.BodyPublishers.ofString("x"))
                .raw();
        assertEquals(405, put.statusCode());
        assertTrue(put.headers().firstValue("Content-Type").orElseThrow().startsWith("text/html"), put.body());
        assertFalse(put.body().contains("Exception"));
        // In the language asked for, and saying so (the header said "en" whatever the page, until 2026-12-06).
        HttpResponse<String> german = Api.send(
                        Api.User.NOBODY,
                        "PUT",
                        "/preferences/" + token + "?lang=de",
                        "text/plain",
                        java.net.http.HttpRequest.BodyPublishers.ofString("x"))
                .raw();
        assertEquals(405, german.statusCode());
        assertTrue(german.body().contains("<html lang=\"de\""), german.body());
        assertEquals(
                "de",
                german.headers().firstValue("Content-Language").orElse(""),
                german.headers().toString());
    }

    /**
     * A purpose named only in French and English, shown on a German page: its English name carries {@code lang="en"} in
     * the page's legend and in the receipts list, a name in the page's language none (tester AT's F3, WCAG 3.1.2).
     */
    @Test
    void aPurposeNameInAnotherLanguageThanThePageIsMarkedWithItsLanguage() {
        Recipients.Person p = Recipients.granted("de");
        String service = Recipients.servicePurpose();
        String url = Recipients.preferencesUrl(p.contact());
        Recipients.post(url, shownForm(url, p)); // switched off: a receipt of the person's own

        String german = Recipients.get(url).body();
        assertTrue(german.contains("<legend><span lang=\"en\">Good deals</span></legend>"), german);
        assertTrue(german.contains("<li>Bestellstatus <span"), "named in German: not marked " + german);
        assertFalse(german.contains("<span lang=\"en\">Order updates"), german);
        String french = Recipients.get(url + "?lang=fr").body();
        assertTrue(french.contains("<legend>Les bons plans</legend>"), french);

        String receipts = Recipients.get(url + "/receipts?lang=de").body();
        assertTrue(receipts.contains("Sie haben „<span lang=\"en\">Good deals</span>“ widerrufen"), receipts);
        assertTrue(
                Recipients.get(url + "/receipts?lang=fr").body().contains("« Les bons plans »"),
                "named in French on a French page");
    }

    /**
     * A person with a phone number only sees an email-only purpose with the reason it has no switch — not "by ticking a
     * box above" and a cap — and neither the page's form nor a script's post changes it (tester AT's F8).
     */
    @Test
    void aPurposeNoneOfWhoseChannelsReachesThePersonSaysWhyAndIsNotChangedBySaving() {
        String emailOnly = Api.uniqueKey("mailonly");
        Api.post(Api.User.ADMIN, "/api/v1/purposes", """
                        {"key":"%s","kind":"PROSPECTING","channels":["EMAIL"],"doubleOptIn":false,
                         "similarToPurchases":false,"names":{"de":"Nur per Mail","en":"Mail only"}}""".formatted(emailOnly)).expect(201);
        Fixtures.notice(emailOnly, "de", "Notice de for " + emailOnly);
        String both = Fixtures.purpose(false); // email and SMS: the switch for SMS
        Fixtures.notice(both, "de", "Notice de for " + both);
        String contact = Api.post(INTEGRATION, "/api/v1/contacts", """
                        {"phone":"%s","country":"FR","locale":"de","audience":"B2C","customer":false}""".formatted(Api.uniqueFrenchMobile()))
                .expect(201)
                .json()
                .getString("id");
        String url = Recipients.preferencesUrl(contact);

        String page = Recipients.get(url).body();
        int start = page.indexOf("<legend>Nur per Mail</legend>");
        assertTrue(start > 0, page);
        String group = page.substring(start, page.indexOf("</fieldset>", start));
        assertTrue(
                group.contains(
                        "<p class=\"hint\">Nur per E-Mail versandt: Wir haben keine E-Mail-Adresse von Ihnen.</p>"),
                group);
        assertFalse(group.contains("<input"), "no switch, no notice to agree to, no cap: " + group);
        assertFalse(group.contains("Häkchen"), group);
        assertFalse(group.contains("Notice de"), group);
        assertTrue(page.contains("name=\"" + both + ".SMS\""), "a purpose with a channel that reaches: its switch");

        assertEquals(303, Recipients.postPairs(url, Recipients.asShown(page)).statusCode(), "the page as shown");
        assertEquals(303, Recipients.post(url, Map.of(emailOnly + ".max", "3")).statusCode(), "a script's cap");
        JsonObject prefs = Api.get(AUDITOR, "/api/v1/contacts/" + contact + "/preferences")
                .expect(200)
                .json();
        assertFalse(
                prefs.containsKey("frequency")
                        && prefs.getJsonObject("frequency").containsKey(emailOnly),
                prefs.toString());
        assertEquals("NONE", Recipients.state(contact, emailOnly, "EMAIL"));
        assertEquals(0, Recipients.history(contact).size(), "nothing recorded");
    }

    /** A cap whose period is wrong is refused by a message about the period, not the number (tester AU's F4). */
    @Test
    void aWrongPeriodIsSaidToBeThePeriod() {
        Recipients.Person p = Recipients.granted("en");
        String url = Recipients.preferencesUrl(p.contact());
        HttpResponse<String> refused =
                Recipients.post(url, Map.of(p.purpose() + ".max", "3", p.purpose() + ".per", "YEAR"));
        assertEquals(422, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("per day, per week or per month"), refused.body());
        assertFalse(refused.body().contains("must be a whole number"), refused.body());
    }

    /**
     * A consent that stands on a channel the person can no longer be reached on (the address removed since) is shown,
     * on, and switching it off withdraws it: until 2026-12-07 the page hid it, told them they received nothing, and the
     * consent came back to life with the address (tester AU's F3).
     */
    @Test
    void aConsentStandingWhereThePersonCannotBeReachedNowIsShownAndCanBeWithdrawn() {
        String emailOnly = Api.uniqueKey("mailonly");
        Api.post(Api.User.ADMIN, "/api/v1/purposes", """
                        {"key":"%s","kind":"PROSPECTING","channels":["EMAIL"],"doubleOptIn":false,
                         "similarToPurchases":false,"names":{"en":"Mail only"}}""".formatted(emailOnly)).expect(201);
        String notice = Fixtures.notice(emailOnly, "en", "Notice for " + emailOnly);
        String contact = Api.post(
                        INTEGRATION, "/api/v1/contacts", """
                        {"email":"%s","phone":"%s","country":"FR","locale":"en","audience":"B2C","customer":false}""".formatted(Api.uniqueEmail(), Api.uniqueFrenchMobile()))
                .expect(201)
                .json()
                .getString("id");
        Api.post(INTEGRATION, "/api/v1/consents", Fixtures.event(contact, emailOnly, "EMAIL", "GRANT", notice, null))
                .expect(201);
        Api.patch(INTEGRATION, "/api/v1/contacts/" + contact, "{\"email\":null}")
                .expect(200);
        String url = Recipients.preferencesUrl(contact);

        String page = Recipients.get(url).body();
        assertTrue(page.contains("name=\"" + emailOnly + ".EMAIL\""), "the standing consent's switch: " + page);
        List<String[]> shown = Recipients.asShown(page);
        assertTrue(shown.stream().anyMatch(f -> f[0].equals(emailOnly + ".EMAIL") && f[1].equals("on")), "shown on");
        List<String[]> off =
                shown.stream().filter(f -> !f[0].equals(emailOnly + ".EMAIL")).toList();
        assertEquals(303, Recipients.postPairs(url, off).statusCode());
        assertEquals("WITHDRAWN", Recipients.state(contact, emailOnly, "EMAIL"));
    }

    @Test
    void theLanguageIsTheRequestedOneElseTheContactsElseTheBrowsers() {
        Recipients.Person p = Recipients.granted("fr");
        String url = Recipients.preferencesUrl(p.contact());
        assertTrue(Recipients.get(url).body().contains("Vos préférences"));
        // Mustache escapes '=' in attribute values as &#61;, which a browser reads back as '='.
        String german =
                Recipients.get(url + "?lang=de", "Accept-Language", "it").body().replace("&#61;", "=");
        assertTrue(german.contains("<html lang=\"de\">") && german.contains("Ihre Einstellungen"), german);
        assertTrue(german.contains("action=\"/preferences/"), german);
        assertTrue(german.contains("?lang=de\""), "the form keeps the chosen language");
        // A link a mailer wrote in capitals, or with a region, asks for the same language (until 2026-12-06: ignored).
        assertTrue(Recipients.get(url + "?lang=DE").body().contains("<html lang=\"de\">"));
        assertTrue(Recipients.get(url + "?lang=it-CH").body().contains("<html lang=\"it\">"));
        String italian = Recipients.get(Api.BASE + "/preferences", "Accept-Language", "it-IT,en;q=0.5")
                .body();
        assertTrue(italian.contains("<html lang=\"it\">"), italian);
        String fallback = Recipients.get(Api.BASE + "/preferences?lang=xx", "Accept-Language", "ja")
                .body();
        assertTrue(fallback.contains("<html lang=\"en\">"), fallback);
        // A language weighed 0 is one the browser refuses; an unreadable entry leaves the others (tester AT's F5).
        for (String[] asked : new String[][] {{"de;q=0", "en"}, {"it;q=0, *", "en"}, {"it;q=1.5, de", "de"}}) {
            assertTrue(
                    Recipients.get(Api.BASE + "/preferences", "Accept-Language", asked[0])
                            .body()
                            .contains("<html lang=\"" + asked[1] + "\">"),
                    asked[0]);
        }
    }

    @Test
    void askingForTheLinkAnswersTheSameForKnownAndUnknownAddressesAndMailsOnlyTheKnown() throws Exception {
        Recipients.Person p = Recipients.granted("de");
        String unknown = Api.uniqueEmail();
        String page = Api.BASE + "/preferences?lang=en";
        HttpResponse<String> known = Recipients.post(
                page, Map.of("form", Recipients.formToken(Recipients.get(page).body()), "email", p.email()));
        HttpResponse<String> stranger = Recipients.post(
                page, Map.of("form", Recipients.formToken(Recipients.get(page).body()), "email", unknown));
        assertEquals(200, known.statusCode());
        assertEquals(known.statusCode(), stranger.statusCode());
        assertEquals(Recipients.withoutFormTokens(known.body()), Recipients.withoutFormTokens(stranger.body()));
        assertFalse(known.body().contains(p.email()), "the address is not echoed");

        MimeMessage message = mailbox.await(p.email(), 1).get(0);
        assertTrue(message.getSubject().startsWith("Ihre Einstellungen"), "in the contact's language");
        String link = Recipients.Mailbox.link(message, "/preferences/");
        HttpResponse<String> opened = Recipients.get(link);
        assertEquals(200, opened.statusCode());
        assertTrue(opened.body().contains("name=\"" + p.purpose() + ".EMAIL\""), "the link opens their centre");
        Thread.sleep(2000);
        assertTrue(mailbox.to(unknown).isEmpty(), "nothing is sent to an unknown address");

        HttpResponse<String> invalid = Recipients.post(
                page, Map.of("form", Recipients.formToken(Recipients.get(page).body()), "email", "not an address"));
        assertEquals(422, invalid.statusCode());
        // The message is tied to the field it is about, and the title says the request failed (tester AT's F4).
        assertTrue(invalid.body().contains("aria-invalid=\"true\" aria-describedby=\"email-error\""), invalid.body());
        assertTrue(invalid.body().contains("<p id=\"email-error\">"), invalid.body());
        assertTrue(invalid.body().contains("<title>Error: "), invalid.body());
        assertEquals(
                403,
                Recipients.post(page, Map.of("email", p.email()), "Sec-Fetch-Site", "cross-site")
                        .statusCode(),
                "a request from another site, no mail");
        assertEquals(
                403,
                Recipients.post(page, Map.of("email", p.email(), "form", "forged"))
                        .statusCode(),
                "a forged form, no mail");
        Thread.sleep(1000);
        assertEquals(1, mailbox.to(p.email()).size(), "neither sent a second mail");

        // The contract's plain POST of the field email (no form token, no cross-site signal) is served.
        Recipients.Person scripted = Recipients.granted("en");
        assertEquals(
                200, Recipients.post(page, Map.of("email", scripted.email())).statusCode());
        assertEquals(1, mailbox.await(scripted.email(), 1).size());
    }

    @Test
    void askingTooOftenForOneAddressSendsNoMoreMailButAnswersTheSame() throws Exception {
        Recipients.Person p = Recipients.granted("en");
        String page = Api.BASE + "/preferences";
        String first = null;
        for (int i = 0; i < 5; i++) {
            HttpResponse<String> answer = Recipients.post(
                    page,
                    Map.of("form", Recipients.formToken(Recipients.get(page).body()), "email", p.email()));
            assertEquals(200, answer.statusCode());
            String body = Recipients.withoutFormTokens(answer.body());
            if (first == null) {
                first = body;
            }
            assertEquals(first, body, "a limited request looks like any other");
        }
        mailbox.await(p.email(), 3);
        Thread.sleep(3000);
        assertEquals(3, mailbox.to(p.email()).size(), "three per address and hour (consent.pages.link-requests)");
    }

    /**
     * Preferred channels chosen elsewhere (a call centre through the API) that leave out the channel a topic is
     * received on: the page showed the switch on, said nothing, and had no place to undo it (until 2026-12-06). It now
     * says why nothing comes that way and offers the channels to prefer; ticking none is refused, saving one allows
     * the decision again, and the channels it did not show stay preferred.
     */
    @Test
    void preferredChannelsChosenElsewhereAreShownAndCanBeChangedOnThePage() {
        Recipients.Person p = Recipients.granted("de");
        String prefsPath = "/api/v1/contacts/" + p.contact() + "/preferences";
        Api.sendWithHeaders(
                        INTEGRATION, "PUT", prefsPath, "{\"frequency\":{},\"channels\":[\"SMS\"],\"pausedUntil\":null}")
                .expect(200);
        assertEquals(
                "CHANNEL_NOT_PREFERRED",
                Recipients.decision(p.contact(), p.purpose(), "EMAIL").getString("rule"));
        String url = Recipients.preferencesUrl(p.contact());
        String page = Recipients.get(url).body();
        assertTrue(page.contains("Ihre bevorzugten Kanäle"), page);
        assertTrue(page.contains("solange er nicht zu Ihren bevorzugten Kanälen"), "why nothing comes by email");
        assertTrue(page.contains("id=\"preferred-EMAIL\" value=\"EMAIL\">"), "email not preferred: unticked");

        Map<String, String> none = shownForm(url, p);
        none.put(p.purpose() + ".EMAIL", "on");
        none.put("preferred_channels_shown", "1");
        HttpResponse<String> refused = Recipients.post(url, none);
        assertEquals(422, refused.statusCode(), refused.body());
        assertTrue(refused.body().contains("Kreuzen Sie mindestens einen Kanal an"), refused.body());
        assertEquals(
                "[\"SMS\"]",
                Api.get(AUDITOR, prefsPath).json().getJsonArray("channels").toString());

        Map<String, String> email = shownForm(url, p);
        email.put(p.purpose() + ".EMAIL", "on");
        email.put("preferred_channels_shown", "1");
        email.put("preferred_channels", "EMAIL");
        HttpResponse<String> saved = Recipients.post(url, email);
        assertEquals(303, saved.statusCode(), saved.body());
        assertTrue(saved.headers().firstValue("Location").orElseThrow().endsWith("saved=1"));
        assertEquals(
                "[\"EMAIL\",\"SMS\"]",
                Api.get(AUDITOR, prefsPath).json().getJsonArray("channels").toString(),
                "SMS, not on the page (no number), stays preferred");
        assertTrue(Recipients.decision(p.contact(), p.purpose(), "EMAIL").getBoolean("allowed"));
        // Email preferred now: nothing to explain (the section stays where other topics use other channels).
        String after = Recipients.get(url).body();
        assertFalse(after.contains("solange er nicht zu Ihren bevorzugten Kanälen"), after);
        assertFalse(after.contains("id=\"preferred-EMAIL\" value=\"EMAIL\">"), "email ticked: " + after);
    }

    /**
     * The page's form, posted as a browser sends it, changes what the person changed on it and nothing else: a pause,
     * a cap and preferred channels a call centre set after the page was shown stay, and so does a consent given by phone
     * since, to a purpose the page showed off or to one created after (tester AI's F1 and F2: until 2026-12-07 the form
     * lifted the pause, deleted the cap, re-opened email and withdrew the phone consent in the person's name). A post
     * that does not send the pause or a purpose's cap leaves them (F4: it lifted the pause). What the person does change
     * is saved.
     */
    @Test
    void theFormChangesWhatThePersonChangedAndKeepsWhatWasChangedElsewhereSince() {
        Recipients.Person p = Recipients.granted("en");
        Api.patch(INTEGRATION, "/api/v1/contacts/" + p.contact(), "{\"phone\":\"" + Api.uniqueFrenchMobile() + "\"}")
                .expect(200);
        String shownOff = Fixtures.purpose(false);
        String shownOffNotice = Fixtures.notice(shownOff, "en", "Notice en for " + shownOff);
        String prefsPath = "/api/v1/contacts/" + p.contact() + "/preferences";
        String url = Recipients.preferencesUrl(p.contact());
        List<String[]> shown = Recipients.asShown(Recipients.get(url).body());
        assertTrue(shown.stream().anyMatch(f -> f[0].equals(shownOff + ".EMAIL.shown") && f[1].equals("off")));

        String until = java.time.Instant.now()
                .plus(java.time.Duration.ofDays(30))
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .toString();
        Api.sendWithHeaders(
                        INTEGRATION,
                        "PUT",
                        prefsPath,
                        "{\"pausedUntil\":\"" + until + "\",\"channels\":[\"SMS\"],\"frequency\":{\"" + p.purpose()
                                + "\":{\"max\":1,\"per\":\"MONTH\"},\"" + shownOff + "\":{\"max\":2,\"per\":\"DAY\"}}}")
                .expect(200);
        String later = Fixtures.purpose(false);
        byPhone(p.contact(), shownOff, shownOffNotice);
        byPhone(p.contact(), later, Fixtures.notice(later, "en", "Notice en for " + later));
        JsonObject set = Api.get(AUDITOR, prefsPath).json();

        HttpResponse<String> untouched = Recipients.postPairs(url, shown);
        assertEquals(303, untouched.statusCode(), untouched.body());
        assertEquals(set, Api.get(AUDITOR, prefsPath).json(), "the call centre's pause, caps and channels");
        assertEquals(
                "PAUSED", Recipients.decision(p.contact(), p.purpose(), "EMAIL").getString("rule"));
        for (String purpose : List.of(shownOff, later)) {
            assertEquals("GRANTED", Recipients.state(p.contact(), purpose, "EMAIL"), purpose + ", given by phone");
        }
        assertTrue(
                Recipients.history(p.contact()).getValuesAs(JsonObject.class).stream()
                        .noneMatch(e -> e.getString("action").equals("WITHDRAW")),
                "no withdrawal in the person's name: " + Recipients.history(p.contact()));

        // A post naming one purpose's switch and cap alone: the pause and the other cap stay.
        Map<String, String> one = new LinkedHashMap<>();
        one.put(p.purpose() + ".EMAIL", "on");
        one.put(p.purpose() + ".max", "5");
        one.put(p.purpose() + ".per", "WEEK");
        assertEquals(303, Recipients.post(url, one).statusCode());
        JsonObject after = Api.get(AUDITOR, prefsPath).json();
        assertEquals(until, after.getString("pausedUntil"), after.toString());
        assertEquals(
                "{\"max\":2,\"per\":\"DAY\"}",
                after.getJsonObject("frequency").getJsonObject(shownOff).toString());
        assertEquals(
                "{\"max\":5,\"per\":\"WEEK\"}",
                after.getJsonObject("frequency").getJsonObject(p.purpose()).toString());

        // What the person changes on a page shown now is saved: the pause lifted, email preferred again.
        List<String[]> changed = new java.util.ArrayList<>();
        for (String[] f : Recipients.asShown(Recipients.get(url).body())) {
            if (f[0].equals("pausedUntil")) {
                changed.add(new String[] {f[0], ""});
            } else if (!f[0].equals("preferred_channels")) {
                changed.add(f);
            }
        }
        changed.add(new String[] {"preferred_channels", "EMAIL"});
        assertEquals(303, Recipients.postPairs(url, changed).statusCode());
        JsonObject changedPrefs = Api.get(AUDITOR, prefsPath).json();
        assertTrue(changedPrefs.isNull("pausedUntil"), changedPrefs.toString());
        assertTrue(changedPrefs.getJsonArray("channels").toString().contains("\"EMAIL\""), changedPrefs.toString());
        assertEquals(
                "CONSENT_GRANTED",
                Recipients.decision(p.contact(), p.purpose(), "EMAIL").getString("rule"));
    }

    /**
     * A refused post's page keeps the first page's twins, and shows what holds now for what that post did not carry (a
     * purpose created since, consented to by phone): sent again once corrected, it changes only what the person changed
     * (review 38, point 14: until 2026-12-07 it showed that purpose off with its twin on, and withdrew it). A twin sent
     * without its field changes nothing either.
     */
    @Test
    void aRefusedPostsPageSentAgainChangesOnlyWhatThePersonChanged() {
        Recipients.Person p = Recipients.granted("en");
        String prefsPath = "/api/v1/contacts/" + p.contact() + "/preferences";
        String url = Recipients.preferencesUrl(p.contact());
        List<String[]> first = Recipients.asShown(Recipients.get(url).body());
        String later = Fixtures.purpose(false);
        byPhone(p.contact(), later, Fixtures.notice(later, "en", "Notice en for " + later));
        List<String[]> wrong = first.stream()
                .map(f -> f[0].equals(p.purpose() + ".max") ? new String[] {f[0], "many"} : f)
                .toList();
        HttpResponse<String> refused = Recipients.postPairs(url, wrong);
        assertEquals(422, refused.statusCode(), refused.body());
        assertTrue(
                refused.body().contains("id=\"" + later + ".EMAIL\" value=\"on\" checked"),
                "what holds now for what the post did not carry");

        List<String[]> corrected = Recipients.asShown(refused.body()).stream()
                .map(f -> f[0].equals(p.purpose() + ".max") ? new String[] {f[0], "3"} : f)
                .toList();
        HttpResponse<String> saved = Recipients.postPairs(url, corrected);
        assertEquals(303, saved.statusCode(), saved.body());
        assertEquals("GRANTED", Recipients.state(p.contact(), later, "EMAIL"), "given by phone, never shown off");
        assertEquals("GRANTED", Recipients.state(p.contact(), p.purpose(), "EMAIL"));
        assertEquals(
                3,
                Api.get(AUDITOR, prefsPath)
                        .json()
                        .getJsonObject("frequency")
                        .getJsonObject(p.purpose())
                        .getInt("max"));

        String until = java.time.Instant.now()
                .plus(java.time.Duration.ofDays(5))
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .toString();
        Api.sendWithHeaders(INTEGRATION, "PUT", prefsPath, "{\"pausedUntil\":\"" + until + "\"}")
                .expect(200);
        Map<String, String> twinAlone = new LinkedHashMap<>();
        twinAlone.put(p.purpose() + ".EMAIL", "on");
        twinAlone.put("pausedUntil.shown", "");
        assertEquals(303, Recipients.post(url, twinAlone).statusCode());
        assertEquals(until, Api.get(AUDITOR, prefsPath).json().getString("pausedUntil"), "no field, no change");
    }

    /**
     * A switch turned off on a page shown before its consent was closed and opened again is left as it stands, and the
     * page shows it: the same old form sent again from a tab left open, after a consent given by phone since its first
     * save, withdraws nothing (tester AJ's F3: until 2026-12-07 it withdrew, in the person's name, the consent given by
     * phone) — through a refused post's page too, which keeps the first page's time. The rest of the post is saved (an
     * opt-out beside it is not lost). Sent twice with nothing changed since, it saves nothing the second time.
     */
    @Test
    void aSwitchTurnedOffOnAPageShownBeforeItsConsentWasReopenedIsLeftAsItStands() {
        Recipients.Person p = Recipients.granted("en");
        String other = Fixtures.purpose(false);
        Api.post(
                        INTEGRATION,
                        "/api/v1/consents",
                        Fixtures.event(
                                p.contact(),
                                other,
                                "EMAIL",
                                "GRANT",
                                Fixtures.notice(other, "en", "Notice en for " + other),
                                null))
                .expect(201);
        String url = Recipients.preferencesUrl(p.contact());
        List<String[]> shown = Recipients.asShown(Recipients.get(url).body());
        List<String[]> off =
                shown.stream().filter(f -> !f[0].equals(p.purpose() + ".EMAIL")).toList();
        HttpResponse<String> first = Recipients.postPairs(url, off);
        assertEquals(303, first.statusCode(), first.body());
        assertEquals("WITHDRAWN", Recipients.state(p.contact(), p.purpose(), "EMAIL"));
        HttpResponse<String> twice = Recipients.postPairs(url, off);
        assertEquals(303, twice.statusCode(), twice.body());
        assertTrue(twice.headers().firstValue("Location").orElseThrow().endsWith("saved=0"), "nothing more to do");

        byPhone(p.contact(), p.purpose(), p.notice());
        // The old tab again, the other purpose switched off too, with a typo in a cap: refused (422), then corrected.
        List<String[]> typo = off.stream()
                .filter(f -> !f[0].equals(other + ".EMAIL"))
                .map(f -> f[0].equals(other + ".max") ? new String[] {f[0], "many"} : f)
                .toList();
        HttpResponse<String> refused = Recipients.postPairs(url, typo);
        assertEquals(422, refused.statusCode(), refused.body());
        List<String[]> corrected = Recipients.asShown(refused.body()).stream()
                .map(f -> f[0].equals(other + ".max") ? new String[] {f[0], ""} : f)
                .toList();
        HttpResponse<String> stale = Recipients.postPairs(url, corrected);
        assertEquals(409, stale.statusCode(), stale.body());
        assertTrue(stale.body().contains("changed since this page was shown"), stale.body());
        // The banner says the rest was saved, never "Nothing was saved" (tester AM's F3, until 2026-12-07).
        assertTrue(stale.body().contains("Your other choices were saved, but not this one:"), stale.body());
        assertFalse(stale.body().contains("Nothing was saved"), stale.body());
        assertTrue(
                stale.body().contains("id=\"" + p.purpose() + ".EMAIL\" value=\"on\" checked"),
                "shown as it stands: " + stale.body());
        assertEquals("GRANTED", Recipients.state(p.contact(), p.purpose(), "EMAIL"), "given by phone, kept");
        assertEquals("WITHDRAWN", Recipients.state(p.contact(), other, "EMAIL"), "the rest of the post saved");

        List<String[]> again = Recipients.asShown(stale.body()).stream()
                .filter(f -> !f[0].equals(p.purpose() + ".EMAIL"))
                .toList();
        assertEquals(303, Recipients.postPairs(url, again).statusCode());
        assertEquals(
                "WITHDRAWN", Recipients.state(p.contact(), p.purpose(), "EMAIL"), "chosen on the page as it stands");
    }

    /**
     * A double click: the same form posted twice at once, a switch turned off. One post withdraws it; the other, which
     * waited for the first under the contact's lock, finds it off already, as asked, and saves nothing — both answer
     * 303, never the 409 "changed since this page was shown … not saved" (tester AV's F5: 13 times in 15 until
     * 2026-12-07, the person told their unsubscribe was not saved).
     */
    @Test
    void aFormPostedTwiceAtOnceSavesOnceAndAnswersBothAsSaved() throws Exception {
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 5; i++) {
                Recipients.Person p = Recipients.granted("en");
                String url = Recipients.preferencesUrl(p.contact());
                List<String[]> off = Recipients.asShown(Recipients.get(url).body()).stream()
                        .filter(f -> !f[0].equals(p.purpose() + ".EMAIL"))
                        .toList();
                Future<HttpResponse<String>> first = two.submit(() -> Recipients.postPairs(url, off));
                Future<HttpResponse<String>> second = two.submit(() -> Recipients.postPairs(url, off));
                for (Future<HttpResponse<String>> post : List.of(first, second)) {
                    assertEquals(
                            303,
                            post.get().statusCode(),
                            "try " + i + ": " + post.get().body());
                }
                assertEquals("WITHDRAWN", Recipients.state(p.contact(), p.purpose(), "EMAIL"));
                assertEquals(
                        1,
                        Recipients.history(p.contact()).stream()
                                .filter(e ->
                                        e.asJsonObject().getString("action").equals("WITHDRAW"))
                                .count(),
                        "one withdrawal");
            }
        } finally {
            two.shutdownNow();
        }
    }

    /**
     * A client withdraws a consent while the person's page is open; the person then turns it off on the page: their
     * own "off" is recorded all the same (saved), so that a grant of theirs dated before it and received later (a web
     * form synced late) does not re-open the pair. Until 2026-12-07 the post answered saved=0 and recorded nothing,
     * and that late grant made the pair GRANTED and mailable (tester AX's F2).
     */
    @Test
    void thePersonsOffOnAPairAClientClosedSinceThePageIsRecordedAllTheSame() throws Exception {
        Recipients.Person p = Recipients.granted("en");
        String url = Recipients.preferencesUrl(p.contact());
        List<String[]> off = Recipients.asShown(Recipients.get(url).body()).stream()
                .filter(f -> !f[0].equals(p.purpose() + ".EMAIL"))
                .toList();
        Api.post(INTEGRATION, "/api/v1/consents", """
                        {"contactId":"%s","purpose":"%s","channel":"EMAIL","action":"WITHDRAW","source":"API"}""".formatted(p.contact(), p.purpose()))
                .expect(201);
        String beforeTheSave = java.time.Instant.now().toString();
        Thread.sleep(50);
        HttpResponse<String> saved = Recipients.postPairs(url, off);
        assertEquals(303, saved.statusCode(), saved.body());
        assertTrue(
                saved.headers().firstValue("Location").orElseThrow().endsWith("saved=1"),
                saved.headers().map()::toString);
        assertTrue(
                Recipients.history(p.contact()).stream()
                        .map(e -> e.asJsonObject())
                        .anyMatch(e -> e.getString("action").equals("WITHDRAW")
                                && e.getString("source").equals("PREFERENCE_CENTER")),
                "the person's own off: " + Recipients.history(p.contact()));
        Api.post(
                        INTEGRATION,
                        "/api/v1/consents",
                        Fixtures.event(p.contact(), p.purpose(), "EMAIL", "GRANT", p.notice(), beforeTheSave))
                .expect(201);
        assertEquals("WITHDRAWN", Recipients.state(p.contact(), p.purpose(), "EMAIL"));
        assertFalse(Recipients.decision(p.contact(), p.purpose(), "EMAIL").getBoolean("allowed"));
    }

    /**
     * Preferred channels a call centre set to channels the page cannot show (SMS for a person we hold no number for)
     * leave every box unticked; the form as shown still saves, here one topic switched off (tester AI's F6: until
     * 2026-12-07 every save was refused, "tick at least one channel").
     */
    @Test
    void aFormWhoseChannelsWereSetElsewhereToOnesItCannotShowStillSaves() {
        Recipients.Person p = Recipients.granted("en");
        String prefsPath = "/api/v1/contacts/" + p.contact() + "/preferences";
        Api.sendWithHeaders(INTEGRATION, "PUT", prefsPath, "{\"channels\":[\"SMS\"]}")
                .expect(200);
        String url = Recipients.preferencesUrl(p.contact());
        String page = Recipients.get(url).body();
        assertTrue(page.contains("id=\"preferred-EMAIL\" value=\"EMAIL\">"), "email unticked: " + page);
        List<String[]> off = Recipients.asShown(page).stream()
                .filter(f -> !f[0].equals(p.purpose() + ".EMAIL"))
                .toList();
        HttpResponse<String> saved = Recipients.postPairs(url, off);
        assertEquals(303, saved.statusCode(), saved.body());
        assertEquals("WITHDRAWN", Recipients.state(p.contact(), p.purpose(), "EMAIL"));
        assertEquals(
                "[\"SMS\"]",
                Api.get(AUDITOR, prefsPath).json().getJsonArray("channels").toString());
    }

    /**
     * With topics on two channels and none preferred, both show ticked; saving unchanged keeps "none chosen" (every
     * channel, those to come too); unticking one prefers the other.
     */
    @Test
    void withSeveralChannelsNoneChosenShowsAllTickedAndUntickingOnePrefersTheOther() {
        Recipients.Person p = Recipients.granted("en");
        Api.patch(INTEGRATION, "/api/v1/contacts/" + p.contact(), "{\"phone\":\"" + Api.uniqueFrenchMobile() + "\"}")
                .expect(200);
        String prefsPath = "/api/v1/contacts/" + p.contact() + "/preferences";
        String url = Recipients.preferencesUrl(p.contact());
        String page = Recipients.get(url).body();
        assertTrue(page.contains("id=\"preferred-EMAIL\" value=\"EMAIL\" checked>"), page);
        assertTrue(page.contains("id=\"preferred-SMS\" value=\"SMS\" checked>"), page);

        Map<String, String> sms = shownForm(url, p);
        sms.put(p.purpose() + ".EMAIL", "on");
        sms.put("preferred_channels_shown", "1");
        sms.put("preferred_channels", "SMS");
        assertEquals(303, Recipients.post(url, sms).statusCode());
        String channels =
                Api.get(AUDITOR, prefsPath).json().getJsonArray("channels").toString();
        assertTrue(channels.contains("\"SMS\"") && !channels.contains("\"EMAIL\""), channels);
        // Of the channels the page did not show, those that need the person's consent stay fine, as they were with
        // none chosen (tester AJ's F1); post, which needs none, is not carried.
        assertFalse(channels.contains("\"POSTAL\""), channels);
        assertEquals(
                "CHANNEL_NOT_PREFERRED",
                Recipients.decision(p.contact(), p.purpose(), "EMAIL").getString("rule"));
        assertTrue(Recipients.get(url).body().contains("while it is not among the channels you prefer"));
    }
}
