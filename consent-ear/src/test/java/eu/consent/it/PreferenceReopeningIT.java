package eu.consent.it;

import static eu.consent.it.Api.User.ADMIN;
import static eu.consent.it.Api.User.AUDITOR;
import static eu.consent.it.Api.User.INTEGRATION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The preference centre never re-opens by itself what the person closed: switching back on something withdrawn,
 * objected to or unsubscribed from mails a confirmation (the double opt-in path) and takes effect only when the person
 * confirms from that mail; whoever else holds the link (a forwarded mail, a scanner, the campaign role that mints
 * links) can not re-subscribe them. And the page says why opt-out-regime switches are on without consent, and marks a
 * notice shown in another language.
 */
class PreferenceReopeningIT {

    private static Recipients.Mailbox mailbox;

    @BeforeAll
    static void startSmtp() {
        mailbox = new Recipients.Mailbox();
    }

    @AfterAll
    static void stopSmtp() {
        mailbox.close();
    }

    /** The page's form as shown, with its token and the purpose's notice, its box ticked or not. */
    private static Map<String, String> form(String url, Recipients.Person p, boolean on) {
        HttpResponse<String> page = Recipients.get(url);
        assertEquals(200, page.statusCode(), page.body());
        Map<String, String> form = new LinkedHashMap<>();
        form.put("form", Recipients.formToken(page.body()));
        form.put("action", "save");
        form.put(p.purpose() + ".notice", p.notice());
        form.put(p.purpose() + ".per", "WEEK");
        if (on) {
            form.put(p.purpose() + ".EMAIL", "on");
        }
        return form;
    }

    private static String confirmLink(String email) throws InterruptedException {
        return Recipients.Mailbox.link(mailbox.await(email, 1).get(0), "/confirm/");
    }

    @Test
    void switchingBackOnWhatThePersonWithdrewWaitsForTheMailedConfirmation() throws Exception {
        Recipients.Person p = Recipients.granted("en");
        String url = Recipients.preferencesUrl(p.contact());
        assertEquals(303, Recipients.post(url, form(url, p, false)).statusCode());
        assertEquals("WITHDRAWN", Recipients.state(p.contact(), p.purpose(), "EMAIL"), "closing is immediate");
        assertTrue(Recipients.get(url).body().contains("sends you an email to confirm"), "the page says so first");

        HttpResponse<String> saved = Recipients.post(url, form(url, p, true));
        assertEquals(303, saved.statusCode(), saved.body());
        String back = saved.headers().firstValue("Location").orElseThrow();
        assertTrue(back.endsWith("saved=1&mailed=1"), back);
        assertEquals("PENDING", Recipients.state(p.contact(), p.purpose(), "EMAIL"));
        assertEquals(
                "CONSENT_PENDING",
                Recipients.decision(p.contact(), p.purpose(), "EMAIL").getString("rule"));

        String shown =
                Recipients.get(back.startsWith("http") ? back : Api.BASE + back).body();
        assertTrue(shown.contains("We sent you an email"), shown);
        assertTrue(shown.contains("id=\"" + p.purpose() + ".EMAIL\" value=\"on\" checked"), "shown as waiting");
        assertTrue(shown.contains("waiting for your confirmation"), shown);

        String link = confirmLink(p.email());
        assertEquals(200, DoubleOptInIT.confirm(link).statusCode());
        assertEquals("GRANTED", Recipients.state(p.contact(), p.purpose(), "EMAIL"));
        assertTrue(Recipients.decision(p.contact(), p.purpose(), "EMAIL").getBoolean("allowed"));
    }

    /**
     * While the re-opening waits for the click, the pair stays closed to every grant that is not the person's own: a
     * CRM's grant through the API (no proof) or an import's row changes nothing. Until 2026-12-06 the waiting grant
     * opened the pair, and a client's grant then made it GRANTED without the click (tester AB's F1).
     */
    @Test
    void whileAReopeningWaitsForItsClickNoClientOrImportGrantOpensIt() throws Exception {
        Recipients.Person p = Recipients.granted("fr");
        String url = Recipients.preferencesUrl(p.contact());
        assertEquals(303, Recipients.post(url, form(url, p, false)).statusCode());
        assertEquals(303, Recipients.post(url, form(url, p, true)).statusCode());
        assertEquals("PENDING", Recipients.state(p.contact(), p.purpose(), "EMAIL"));

        JsonObject crm = Fixtures.clientGrant(p.contact(), p.purpose(), p.notice());
        assertEquals("PENDING", crm.getString("state"), crm.toString());
        assertEquals(
                "CONSENT_PENDING",
                Recipients.decision(p.contact(), p.purpose(), "EMAIL").getString("rule"));
        JsonObject imported = ImportIT.importAndWait(
                "",
                "text/csv",
                "email,purpose,channel,action,noticeId,occurredAt\n" + p.email() + "," + p.purpose() + ",EMAIL,GRANT,"
                        + p.notice() + "," + java.time.Instant.now() + "\n");
        assertEquals(1, imported.getInt("rejected"), imported.toString());
        assertEquals(
                List.of("OPTED_OUT"),
                ImportIT.rejects(imported.getString("id")).values().stream()
                        .map(r -> r.get(2))
                        .toList());
        assertEquals(
                "CONSENT_PENDING",
                Recipients.decision(p.contact(), p.purpose(), "EMAIL").getString("rule"));

        assertEquals(200, DoubleOptInIT.confirm(confirmLink(p.email())).statusCode());
        assertEquals("GRANTED", Recipients.state(p.contact(), p.purpose(), "EMAIL"));
    }

    /**
     * On a double opt-in purpose the same holds, and a client's grant while the re-opening waits mails nothing: it
     * changes nothing, and the link of its mail would confirm nothing (until 2026-12-06 such a mail went out, its
     * button answering 409). The person's own mail still confirms.
     */
    @Test
    void aClientsGrantWhileADoubleOptInReopeningWaitsMailsNothing() throws Exception {
        String purpose = Fixtures.purpose(true);
        String notice = Fixtures.notice(purpose, "fr", "Lettre " + purpose);
        String email = Api.uniqueEmail();
        String contact = Fixtures.contact(email, "fr");
        Api.post(INTEGRATION, "/api/v1/consents", Fixtures.event(contact, purpose, "EMAIL", "GRANT", notice, null))
                .expect(201);
        assertEquals(200, DoubleOptInIT.confirm(confirmLink(email)).statusCode());
        Recipients.Person p = new Recipients.Person(contact, email, purpose, notice);
        String url = Recipients.preferencesUrl(contact);
        assertEquals(303, Recipients.post(url, form(url, p, false)).statusCode());
        assertEquals(303, Recipients.post(url, form(url, p, true)).statusCode());
        String reopening = Recipients.Mailbox.link(mailbox.await(email, 2).get(1), "/confirm/");

        JsonObject crm = Fixtures.clientGrant(contact, purpose, notice);
        assertEquals("PENDING", crm.getString("state"), crm.toString());
        Thread.sleep(2_000); // the outbox relays within a second or two: a mail for the client's grant would be here
        assertEquals(2, mailbox.to(email).size(), "no mail for the client's grant");
        assertEquals(200, DoubleOptInIT.confirm(reopening).statusCode());
        assertEquals("GRANTED", Recipients.state(contact, purpose, "EMAIL"));
    }

    /**
     * The same when what the person closed is a suppression (their mail provider's unsubscribe), which no consent event
     * of the pair records: a client's grant while their re-opening waits leaves it waiting on their request, and their
     * click opens it. Until 2026-12-06 the client's grant made the pair GRANTED in every record while decisions denied,
     * and the person's link answered 409 (tester AC's F6).
     */
    @Test
    void aClientsGrantLeavesAReopeningOfASuppressionWaitingForTheClick() throws Exception {
        String purpose = Fixtures.purpose(false);
        String notice = Fixtures.notice(purpose, "fr", "Offres " + purpose);
        String email = Api.uniqueEmail();
        String contact = Fixtures.contact(email, "fr");
        Api.post(INTEGRATION, "/api/v1/esp-events", """
                        [{"type":"UNSUBSCRIBE","email":"%s","occurredAt":"%s","provider":"it"}]""".formatted(
                                email, java.time.Instant.now().minusSeconds(60)))
                .expect(202);
        assertEquals(
                "SUPPRESSED_UNSUBSCRIBED",
                Recipients.decision(contact, purpose, "EMAIL").getString("rule"));
        Recipients.Person p = new Recipients.Person(contact, email, purpose, notice);
        String url = Recipients.preferencesUrl(contact);
        assertEquals(303, Recipients.post(url, form(url, p, true)).statusCode());
        assertEquals("PENDING", Recipients.state(contact, purpose, "EMAIL"));

        JsonObject crm = Fixtures.clientGrant(contact, purpose, notice);
        assertEquals("PENDING", crm.getString("state"), crm.toString());
        assertEquals(200, DoubleOptInIT.confirm(confirmLink(email)).statusCode());
        assertEquals("GRANTED", Recipients.state(contact, purpose, "EMAIL"));
        assertEquals(
                "CONSENT_GRANTED",
                Recipients.decision(contact, purpose, "EMAIL").getString("rule"));
    }

    /**
     * A person who objected, was erased and came back: their yes to another purpose does not re-open the one they had
     * objected to (the erasure's mark stays), and their own page offers it as closed, re-opened by the confirmation
     * mailed to them — not locked for good.
     */
    @Test
    void anErasedPersonWhoCameBackReopensWhatTheyHadClosedByTheConfirmation() throws Exception {
        Recipients.Person before = Recipients.granted("en");
        String firstUrl = Recipients.preferencesUrl(before.contact());
        assertEquals(
                303, Recipients.post(firstUrl, form(firstUrl, before, false)).statusCode());
        Api.send(
                        Api.User.INTEGRATION,
                        "DELETE",
                        "/api/v1/contacts/" + before.contact(),
                        null,
                        java.net.http.HttpRequest.BodyPublishers.noBody())
                .expect(204);

        String back = Fixtures.contact(before.email(), "en");
        Recipients.Person p = new Recipients.Person(back, before.email(), before.purpose(), before.notice());
        String other = Fixtures.purpose(false);
        String otherNotice = Fixtures.notice(other, "en", "Other news " + other);
        Api.post(
                        Api.User.INTEGRATION,
                        "/api/v1/consents",
                        Fixtures.event(back, other, "EMAIL", "GRANT", otherNotice, null))
                .expect(201);
        assertEquals(
                "SUPPRESSED_ERASED",
                Recipients.decision(back, p.purpose(), "EMAIL").getString("rule"));

        String url = Recipients.preferencesUrl(back);
        String page = Recipients.get(url).body();
        int at = page.indexOf("id=\"" + p.purpose() + ".EMAIL\"");
        assertTrue(at >= 0, page);
        assertFalse(page.substring(at, page.indexOf('>', at)).contains("disabled"), "offered, not locked: " + page);
        HttpResponse<String> saved = Recipients.post(url, form(url, p, true));
        assertTrue(saved.headers().firstValue("Location").orElseThrow().endsWith("saved=1&mailed=1"), saved::body);
        assertEquals(
                "SUPPRESSED_ERASED",
                Recipients.decision(back, p.purpose(), "EMAIL").getString("rule"));

        assertEquals(200, DoubleOptInIT.confirm(confirmLink(p.email())).statusCode());
        assertTrue(Recipients.decision(back, p.purpose(), "EMAIL").getBoolean("allowed"), "their own confirmed yes");
    }

    /**
     * The same form sent many times at once (a double submit, or whoever holds the link): one save asks for the
     * confirmation, and none re-opens the purpose without it (until 2026-12-05 a save that read the page before
     * another committed recorded a plain GRANT, which derived GRANTED).
     */
    @Test
    void formsSentAtOnceNeverReopenWithoutTheConfirmation() throws Exception {
        Recipients.Person p = Recipients.granted("en");
        String url = Recipients.preferencesUrl(p.contact());
        assertEquals(303, Recipients.post(url, form(url, p, false)).statusCode());
        assertEquals("WITHDRAWN", Recipients.state(p.contact(), p.purpose(), "EMAIL"));

        Map<String, String> switchedOn = form(url, p, true);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(10);
        try {
            // each sender also loads the page, as a browser does: pages and saves interleave (a page once lost its
            // request's data part-way under such load, a 500)
            List<java.util.concurrent.Future<List<HttpResponse<String>>>> sent = new java.util.ArrayList<>();
            for (int i = 0; i < 20; i++) {
                sent.add(pool.submit(() -> List.of(Recipients.get(url), Recipients.post(url, switchedOn))));
            }
            for (var answers : sent) {
                assertEquals(
                        200,
                        answers.get().get(0).statusCode(),
                        answers.get().get(0).body());
                assertEquals(
                        303,
                        answers.get().get(1).statusCode(),
                        answers.get().get(1).body());
            }
        } finally {
            pool.shutdown();
        }
        assertEquals("PENDING", Recipients.state(p.contact(), p.purpose(), "EMAIL"), "waits for the confirmation");
        assertEquals(
                "CONSENT_PENDING",
                Recipients.decision(p.contact(), p.purpose(), "EMAIL").getString("rule"));
        String history = Api.get(Api.User.AUDITOR, "/api/v1/contacts/" + p.contact() + "/consents/history")
                .expect(200)
                .body();
        assertEquals(
                2,
                history.split("\"action\":\"GRANT\"", -1).length - 1,
                "the first grant, then one to confirm: " + history);
    }

    /**
     * The page's switch turned on while a call centre records the person's stop of that purpose, for a dozen people at
     * once: whichever comes first, the stop stands until the person clicks a confirmation. Until 2026-12-07 a save that
     * had read the page's state before the stop committed was GRANTED at once and lifted the stop just answered 201
     * (tester BG's F3).
     */
    @Test
    void aSwitchTurnedOnAsACallCentreRecordsTheStopNeverLiftsIt() throws Exception {
        Recipients.Person first = Recipients.granted("en");
        String source = Api.uniqueKey("call-centre");
        List<Callable<Integer>> requests = new ArrayList<>();
        List<Recipients.Person> people = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String email = Api.uniqueEmail();
            Recipients.Person p =
                    new Recipients.Person(Fixtures.contact(email, "en"), email, first.purpose(), first.notice());
            people.add(p);
            String url = Recipients.preferencesUrl(p.contact());
            Map<String, String> switchedOn = form(url, p, true);
            String stop = SuppressionRaceIT.stopOf(p, source);
            requests.add(() -> Recipients.post(url, switchedOn).statusCode());
            requests.add(() -> Api.post(ADMIN, "/api/v1/suppressions", stop).status());
        }
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<Integer>> answers = new ArrayList<>();
            for (Callable<Integer> request : requests) {
                answers.add(pool.submit(request));
            }
            for (Future<Integer> answer : answers) {
                assertTrue(answer.get() == 303 || answer.get() == 201, "answered " + answer.get());
            }
        } finally {
            pool.shutdown();
        }
        for (Recipients.Person p : people) {
            JsonObject decision = Recipients.decision(p.contact(), p.purpose(), "EMAIL");
            String story = p.contact() + ": " + Recipients.state(p.contact(), p.purpose(), "EMAIL") + ", " + decision
                    + ", " + suppressions(p.contact());
            assertFalse(decision.getBoolean("allowed"), story);
            assertTrue(suppressions(p.contact()).contains(source), "the stop stands: " + story);
        }
    }

    @Test
    void aLinkHolderCannotResubscribeSomeoneWhoUnsubscribedFromEverything() throws Exception {
        Recipients.Person p = Recipients.granted("fr");
        String all = Recipients.links(p.contact(), null).getString("unsubscribeUrl");
        assertEquals(
                200,
                Recipients.post(all, Map.of("List-Unsubscribe", "One-Click")).statusCode());

        // The campaign role mints a preference link, and ticks the box back on: nothing is re-opened.
        String url = Recipients.preferencesUrl(p.contact());
        String page = Recipients.get(url).body();
        assertFalse(page.contains("id=\"" + p.purpose() + ".EMAIL\" value=\"on\" checked"));
        assertTrue(page.contains("vous envoie un email de confirmation"), page);
        assertEquals(303, Recipients.post(url, form(url, p, true)).statusCode());
        JsonObject decision = Recipients.decision(p.contact(), p.purpose(), "EMAIL");
        assertFalse(decision.getBoolean("allowed"), decision.toString());
        assertEquals("SUPPRESSED_UNSUBSCRIBED", decision.getString("rule"));

        // A scanner following the mailed link (GET) does not confirm either, nor a post from another site.
        String link = confirmLink(p.email());
        assertEquals(200, Recipients.get(link).statusCode());
        assertEquals(
                403,
                Recipients.post(link, java.util.Map.of(), "Sec-Fetch-Site", "cross-site")
                        .statusCode());
        assertFalse(Recipients.decision(p.contact(), p.purpose(), "EMAIL").getBoolean("allowed"));

        // The person's own click does.
        assertEquals(200, DoubleOptInIT.confirm(link).statusCode());
        decision = Recipients.decision(p.contact(), p.purpose(), "EMAIL");
        assertTrue(decision.getBoolean("allowed"), decision.toString());
        assertEquals("CONSENT_GRANTED", decision.getString("rule"));
    }

    @Test
    void anUnsubscribeFromOnePurposeIsLiftedOnlyByTheConfirmation() throws Exception {
        Recipients.Person p = Recipients.granted("en");
        String one = Recipients.links(p.contact(), p.purpose()).getString("unsubscribeUrl");
        assertEquals(
                200,
                Recipients.post(one, Map.of("List-Unsubscribe", "One-Click")).statusCode());
        String url = Recipients.preferencesUrl(p.contact());
        assertEquals(303, Recipients.post(url, form(url, p, true)).statusCode());
        assertTrue(suppressions(p.contact()).contains("UNSUBSCRIBED"), "the opt-out stands until confirmed");
        assertFalse(Recipients.decision(p.contact(), p.purpose(), "EMAIL").getBoolean("allowed"));

        assertEquals(200, DoubleOptInIT.confirm(confirmLink(p.email())).statusCode());
        assertFalse(suppressions(p.contact()).contains("UNSUBSCRIBED"), suppressions(p.contact()));
        assertTrue(Recipients.decision(p.contact(), p.purpose(), "EMAIL").getBoolean("allowed"));
    }

    @Test
    void withoutAnEmailAddressWhatThePersonClosedStaysClosedOnThePage() {
        String purpose = Fixtures.purpose(false);
        String notice = Fixtures.notice(purpose, "en", "Texts about good deals");
        String contact = Api.post(INTEGRATION, "/api/v1/contacts", """
                        {"phone":"%s","country":"FR","locale":"en","audience":"B2C","customer":false}""".formatted(Api.uniqueFrenchMobile()))
                .expect(201)
                .json()
                .getString("id");
        Api.post(INTEGRATION, "/api/v1/consents", Fixtures.event(contact, purpose, "SMS", "GRANT", notice, null))
                .expect(201);
        Api.post(INTEGRATION, "/api/v1/consents", Fixtures.event(contact, purpose, "SMS", "WITHDRAW", null, null))
                .expect(201);

        String url = Recipients.preferencesUrl(contact);
        String page = Recipients.get(url).body();
        assertTrue(page.contains("id=\"" + purpose + ".SMS\" value=\"on\" disabled"), page);
        assertTrue(page.contains("we have no email address to confirm it with"), page);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("form", Recipients.formToken(page));
        form.put("action", "save");
        form.put(purpose + ".notice", notice);
        form.put(purpose + ".SMS", "on");
        assertEquals(303, Recipients.post(url, form).statusCode());
        assertEquals("WITHDRAWN", Recipients.state(contact, purpose, "SMS"), "nothing re-opened");
    }

    @Test
    void optOutRegimeSwitchesSayWhyTheyAreOnAndANoticeInAnotherLanguageIsMarked() {
        String purpose = Api.uniqueKey("catalogue");
        Api.post(ADMIN, "/api/v1/purposes", """
                        {"key":"%s","kind":"PROSPECTING","channels":["EMAIL","POSTAL","PHONE"],"doubleOptIn":false,
                         "similarToPurchases":false,"names":{"fr":"Catalogue","en":"Catalogue"}}""".formatted(purpose)).expect(201);
        Fixtures.notice(purpose, "en", "Yes, send me the catalogue");
        String contact = Api.post(
                        INTEGRATION,
                        "/api/v1/contacts",
                        Json.createObjectBuilder()
                                .add("email", Api.uniqueEmail())
                                .add("phone", Api.uniqueFrenchMobile())
                                .add("country", "FR")
                                .add("locale", "fr")
                                .add("audience", "B2B")
                                .add("customer", false)
                                .add(
                                        "postalAddress",
                                        Json.createObjectBuilder()
                                                .add(
                                                        "lines",
                                                        Json.createArrayBuilder()
                                                                .add("2 rue Y"))
                                                .add("postcode", "69001")
                                                .add("city", "Lyon")
                                                .add("country", "FR"))
                                .build()
                                .toString())
                .expect(201)
                .json()
                .getString("id");
        String page = Recipients.get(Recipients.preferencesUrl(contact)).body().replace("&#39;", "'");
        for (String channel : new String[] {"EMAIL", "POSTAL", "PHONE"}) {
            assertTrue(
                    page.contains("id=\"" + purpose + "." + channel + "\" value=\"on\" checked"),
                    channel + " is on without consent");
        }
        assertTrue(page.contains("En tant que contact professionnel"), page);
        assertTrue(page.contains("Nous pouvons vous écrire par courrier"), page);
        assertTrue(page.contains("Nous pouvons vous appeler"), page);
        String notice = noticeOf(page, purpose);
        assertTrue(notice.contains("Ce texte n'existe qu'en anglais."), notice);
        assertTrue(notice.contains("<blockquote class=\"notice\" lang=\"en\">"), notice);

        // A consumer who never consented to an opt-in purpose sees it as an offer, with no such sentence.
        Recipients.Person p = Recipients.granted("fr");
        String own =
                Recipients.get(Recipients.preferencesUrl(p.contact())).body().replace("&#39;", "'");
        assertFalse(own.contains("sauf si vous vous y opposez"), own);
        assertFalse(noticeOf(own, p.purpose()).contains("n'existe qu'en"), "the notice is in the page's language");
    }

    /** The part of the page that shows a purpose's notice (every purpose with a notice is offered on every page). */
    private static String noticeOf(String page, String purpose) {
        int start = page.indexOf("name=\"" + purpose + ".notice\"");
        assertTrue(start >= 0, "the page shows the notice of " + purpose);
        return page.substring(start, page.indexOf("</blockquote>", start));
    }

    private static String suppressions(String contact) {
        return Api.get(AUDITOR, "/api/v1/contacts/" + contact + "/export")
                .expect(200)
                .json()
                .getJsonArray("suppressions")
                .toString();
    }

    /**
     * A double opt-in waiting for the confirmation mailed to an address the person has given up since: the page
     * showed it as "waiting for your confirmation: check your inbox", saving it mailed nothing, and the only link (at
     * the old address) confirms nothing (until 2026-12-06). It is now shown off, saying why; switching it on mails the
     * address held now, whose link confirms.
     */
    @Test
    void aConfirmationMailedToAnAddressGivenUpSinceCanBeAskedForAgainFromThePage() throws Exception {
        String purpose = Fixtures.purpose(true);
        String notice = Fixtures.notice(purpose, "en", "Notice en for " + purpose);
        String old = Api.uniqueEmail();
        String contact = Fixtures.contact(old, "en");
        Api.post(INTEGRATION, "/api/v1/consents", Fixtures.event(contact, purpose, "EMAIL", "GRANT", notice, null))
                .expect(201);
        assertEquals("PENDING", Recipients.state(contact, purpose, "EMAIL"));
        String oldLink = confirmLink(old);
        String moved = Api.uniqueEmail();
        Api.patch(INTEGRATION, "/api/v1/contacts/" + contact, "{\"email\":\"" + moved + "\"}")
                .expect(200);

        Recipients.Person p = new Recipients.Person(contact, moved, purpose, notice);
        String url = Recipients.preferencesUrl(contact);
        String page = Recipients.get(url).body();
        assertFalse(page.contains("id=\"" + purpose + ".EMAIL\" value=\"on\" checked"), "not shown as waiting");
        assertFalse(page.contains("check your inbox"), page);
        assertTrue(page.contains("can no longer be used"), page);

        HttpResponse<String> saved = Recipients.post(url, form(url, p, true));
        assertEquals(303, saved.statusCode(), saved.body());
        String back = saved.headers().firstValue("Location").orElseThrow();
        assertTrue(back.endsWith("saved=1&mailed=1"), back);
        assertEquals("PENDING", Recipients.state(contact, purpose, "EMAIL"), "waits for the new confirmation");
        assertEquals(1, mailbox.to(old).size(), "nothing more to the address given up");

        assertEquals(409, DoubleOptInIT.confirm(oldLink).statusCode(), "the old link still confirms nothing");
        assertEquals(200, DoubleOptInIT.confirm(confirmLink(moved)).statusCode());
        assertEquals("GRANTED", Recipients.state(contact, purpose, "EMAIL"));
        assertTrue(Recipients.get(url).body().contains("id=\"" + purpose + ".EMAIL\" value=\"on\" checked"));
    }

    /**
     * A re-opening waiting for its confirmation, whose mail went to an address given up since: ticking it again mails
     * the new address and still waits — it never becomes GRANTED at once, purpose without double opt-in or not.
     */
    @Test
    void aReopeningWhoseConfirmationWasLostIsAskedAgainNeverGrantedAtOnce() throws Exception {
        Recipients.Person p = Recipients.granted("en");
        String url = Recipients.preferencesUrl(p.contact());
        assertEquals(303, Recipients.post(url, form(url, p, false)).statusCode());
        assertEquals(303, Recipients.post(url, form(url, p, true)).statusCode());
        assertEquals("PENDING", Recipients.state(p.contact(), p.purpose(), "EMAIL"));
        String moved = Api.uniqueEmail();
        Api.patch(INTEGRATION, "/api/v1/contacts/" + p.contact(), "{\"email\":\"" + moved + "\"}")
                .expect(200);
        HttpResponse<String> again = Recipients.post(url, form(url, p, true));
        assertEquals(303, again.statusCode(), again.body());
        assertTrue(again.headers().firstValue("Location").orElseThrow().endsWith("saved=1&mailed=1"));
        assertEquals("PENDING", Recipients.state(p.contact(), p.purpose(), "EMAIL"), "not GRANTED without the click");
        assertEquals(200, DoubleOptInIT.confirm(confirmLink(moved)).statusCode());
        assertEquals("GRANTED", Recipients.state(p.contact(), p.purpose(), "EMAIL"));
    }

    /** A double opt-in purpose ticked for the first time mails its confirmation: the page says so. */
    @Test
    void tickingADoubleOptInPurposeSaysAConfirmationWasMailed() throws Exception {
        String purpose = Fixtures.purpose(true);
        String notice = Fixtures.notice(purpose, "en", "Notice en for " + purpose);
        Recipients.Person anchor = Recipients.granted("en"); // a topic received, so that the page lists offers too
        Recipients.Person p = new Recipients.Person(anchor.contact(), anchor.email(), purpose, notice);
        String url = Recipients.preferencesUrl(p.contact());
        Map<String, String> form = form(url, p, true);
        form.put(anchor.purpose() + ".EMAIL", "on");
        form.put(anchor.purpose() + ".notice", anchor.notice());
        HttpResponse<String> saved = Recipients.post(url, form);
        assertEquals(303, saved.statusCode(), saved.body());
        assertTrue(saved.headers().firstValue("Location").orElseThrow().endsWith("saved=1&mailed=1"));
        assertEquals("PENDING", Recipients.state(p.contact(), purpose, "EMAIL"));
        assertEquals("GRANTED", Recipients.state(p.contact(), anchor.purpose(), "EMAIL"), "the other one untouched");
        assertEquals(200, DoubleOptInIT.confirm(confirmLink(p.email())).statusCode());
        assertEquals("GRANTED", Recipients.state(p.contact(), purpose, "EMAIL"));
    }
}
