package eu.consent.it;

import static eu.consent.it.Api.User.ADMIN;
import static eu.consent.it.Api.User.AUDITOR;
import static eu.consent.it.Api.User.CAMPAIGN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The console's pages over HTTP: a person's story and erasure, purposes, why people leave. */
class ConsolePagesIT {

    /**
     * A CRM's id need not be unique: a DPO answering a request by it sees that several people hold it, and opens each
     * (none is missed, nor erased for another).
     */
    @Test
    void everyPersonHoldingAnExternalIdIsNamed() {
        String external = "crm-" + java.util.UUID.randomUUID();
        List<String> ids = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            ids.add(Api.post(Api.User.INTEGRATION, "/api/v1/contacts", """
                            {"email":"%s","externalId":"%s","country":"FR","locale":"fr","audience":"B2C","customer":false}""".formatted(Api.uniqueEmail(), external))
                    .expect(201)
                    .json()
                    .getString("id"));
        }
        ConsoleClient auditor = ConsoleClient.login(AUDITOR);
        HttpResponse<String> found =
                auditor.submit("/console/people", "/console/people", Map.of("kind", "externalId", "value", external));
        assertEquals(200, found.statusCode(), found.body());
        assertTrue(found.body().contains("id=\"shared\""), found.body());
        assertTrue(ids.stream().allMatch(found.body()::contains), "both are named: " + found.body());
        String other = ids.stream()
                .filter(id -> found.body().indexOf(id) > found.body().indexOf("id=\"shared\"")
                        && found.body().indexOf(id) < found.body().indexOf("id=\"story\""))
                .findFirst()
                .orElseThrow();
        HttpResponse<String> opened =
                auditor.submit("/console/people", "/console/people", Map.of("kind", "id", "value", other));
        assertEquals(200, opened.statusCode(), opened.body());
        assertTrue(opened.body().indexOf(other) > opened.body().indexOf("id=\"story\""), "the other's story");
        assertFalse(opened.body().contains("id=\"shared\""), "an id names one person");
        assertEquals(
                422,
                auditor.submit("/console/people", "/console/people", Map.of("kind", "id", "value", "nope"))
                        .statusCode());
    }

    /** An error page is in the operator's language, and says so; the API's detail it quotes is marked English. */
    @Test
    void anErrorPageSaysItsLanguage() {
        ConsoleClient auditor = ConsoleClient.login(AUDITOR);
        for (String lang : new String[] {"de", "it", "fr"}) {
            HttpResponse<String> missing = auditor.get("/console/no-such-page?lang=" + lang);
            assertEquals(404, missing.statusCode());
            assertEquals(
                    lang,
                    missing.headers().firstValue("Content-Language").orElse(""),
                    missing.headers().toString());
            assertTrue(missing.body().contains("<html lang=\"" + lang + "\""), missing.body());
            assertTrue(missing.body().contains("<p class=\"errors\" lang=\"en\">"), missing.body());
        }
    }

    /**
     * An upload whose multipart type names no boundary cannot be read: a 400, nothing imported (tester BK's F4: until
     * 2026-12-08 a 500).
     */
    @Test
    void anUploadWithoutItsBoundaryIsRefused() {
        ConsoleClient admin = ConsoleClient.login(Api.User.ADMIN);
        String token =
                ConsoleClient.formToken(admin.get("/console/imports?lang=en").body());
        String email = Api.uniqueEmail();
        String body = "--B\r\nContent-Disposition: form-data; name=\"form\"\r\n\r\n" + token
                + "\r\n--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.csv\"\r\n"
                + "Content-Type: text/csv\r\n\r\nemail,country\n" + email + ",FR\n\r\n--B--\r\n";
        for (String type : List.of("multipart/form-data", "multipart/form-data; charset=utf-8")) {
            HttpResponse<String> refused = admin.postRaw("/console/imports?lang=en", type, body);
            assertEquals(400, refused.statusCode(), refused.body());
        }
        Api.post(Api.User.INTEGRATION, "/api/v1/contacts/lookup", "{\"email\":\"" + email + "\"}")
                .problem(404);
    }

    /**
     * An import's rejected rows hold the lines as sent: the console shows them to the admin alone (as the API gives
     * them to integration and admin, never the auditor), and each showing is an audited read in the admin's name.
     */
    @Test
    void rejectedRowsAreTheAdminsAndReadingThemIsAudited() {
        String email = "not-an-email-" + java.util.UUID.randomUUID();
        jakarta.json.JsonObject done = ImportIT.importAndWait(
                "", "text/csv", "email,country,locale,audience,customer,emial\n" + email + ",FR,fr,B2C,false,x\n");
        assertEquals(1, done.getJsonNumber("rejected").intValue(), done.toString());
        String id = done.getString("id");
        String page = "/console/imports/" + id + "?lang=en";

        HttpResponse<String> audited = ConsoleClient.login(AUDITOR).get(page);
        assertEquals(200, audited.statusCode(), audited.body());
        assertFalse(audited.body().contains(email), "the auditor sees how many, not the lines");
        // The column the API's answer lists as ignored, named on the page too (tester AL's F1).
        assertTrue(
                audited.body().contains("name no field of the import")
                        && audited.body().contains("<strong>emial</strong>"),
                audited.body());

        ConsoleClient signedIn = ConsoleClient.login(ADMIN);
        java.time.Instant before = java.time.Instant.now().minusSeconds(1);
        HttpResponse<String> admin = signedIn.get(page);
        assertEquals(200, admin.statusCode(), admin.body());
        assertTrue(admin.body().contains(email), admin.body());
        java.util.List<jakarta.json.JsonObject> reads = Api.get(AUDITOR, "/api/v1/audit?limit=1000&from=" + before)
                .json()
                .getJsonArray("items")
                .getValuesAs(jakarta.json.JsonObject.class)
                .stream()
                .filter(e ->
                        e.getString("action").equals("PERSONAL_DATA_READ") && id.equals(e.getString("subjectId", null)))
                .toList();
        assertEquals(1, reads.size(), reads.toString());
        assertEquals("admin", reads.get(0).getString("actor"));
        assertEquals("console", reads.get(0).getJsonObject("details").getString("via"));
    }

    @Test
    void theDpoFindsAPersonByEmailAndReadsTheirStory() {
        Recipients.Person p = Recipients.granted("en");
        ConsoleClient auditor = ConsoleClient.login(AUDITOR);
        HttpResponse<String> story = auditor.submit(
                "/console/people",
                "/console/people",
                Map.of("kind", "email", "value", p.email().toUpperCase()));
        assertEquals(200, story.statusCode(), story.body());
        String html = story.body();
        assertTrue(html.contains(p.contact()), "the story of the person found");
        assertTrue(html.contains("Notice en for " + p.purpose()), "the exact notice text");
        assertTrue(html.contains("203.0.113.7"), "the proof");
        assertTrue(html.contains("State afterwards: granted"), "the state the grant left");
        // The event's action in words, as its source and legal basis (tester AL's F4: until 2026-12-07 the codes).
        assertTrue(html.contains("consent given · " + p.purpose()), html);
        assertTrue(html.contains("Source: web form") && html.contains("Legal basis: consent"), html);
        assertFalse(html.contains("/console/people/erase"), "the auditor changes nothing");
        // The audit's actions in the page's language too (tester AM's F5: until 2026-12-07 the codes).
        String french = auditor.post(
                        "/console/people?lang=fr",
                        Map.of(
                                "form",
                                formAfter(auditor.get("/console/people?lang=fr").body(), "/console/people"),
                                "kind",
                                "email",
                                "value",
                                p.email()))
                .body();
        assertTrue(french.contains("contact créé") && french.contains("consentement donné"), french);
        assertFalse(french.contains("CONSENT_GRANT") || french.contains("CONTACT_CREATED"), french);

        HttpResponse<String> export =
                auditor.submit("/console/people", "/console/people", Map.of("kind", "email", "value", p.email()));
        String exportToken = formAfter(export.body(), "/console/people/export");
        HttpResponse<String> file =
                auditor.post("/console/people/export", Map.of("form", exportToken, "id", p.contact()));
        assertEquals(200, file.statusCode());
        assertTrue(
                file.headers().firstValue("Content-Disposition").orElseThrow().contains("attachment"));
        assertTrue(file.body().contains("\"history\""), file.body());
        jakarta.json.JsonObject exported = Api.get(AUDITOR, "/api/v1/audit?contactId=" + p.contact())
                .json()
                .getJsonArray("items")
                .getValuesAs(jakarta.json.JsonObject.class)
                .stream()
                .filter(e -> e.getString("action").equals("CONTACT_EXPORTED"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the download is an access request answered, in the audit"));
        assertTrue(exported.toString().contains("\"via\":\"console\""), exported.toString());
        assertEquals("auditor", exported.getString("actor"), "in the name of who was given it, not the system's");

        assertEquals(
                404,
                auditor.submit(
                                "/console/people",
                                "/console/people",
                                Map.of("kind", "email", "value", Api.uniqueEmail()))
                        .statusCode());
        assertEquals(
                422,
                auditor.submit("/console/people", "/console/people", Map.of("kind", "phone", "value", "not a phone"))
                        .statusCode());
        assertEquals(
                403,
                auditor.post("/console/people", Map.of("form", "forged", "kind", "email", "value", p.email()))
                        .statusCode());
        assertEquals(
                403,
                auditor.post("/console/people/erase", Map.of("form", exportToken, "id", p.contact()))
                        .statusCode());
        assertEquals(403, ConsoleClient.login(CAMPAIGN).get("/console/people").statusCode());
    }

    /** An imported event shows how it was first collected, as the API's history does (tester AM's F8). */
    @Test
    void anImportedWithdrawalShowsHowItWasFirstCollected() throws InterruptedException {
        Recipients.Person p = Recipients.granted("en");
        Thread.sleep(1_100); // the file's times are in whole seconds: the withdrawal comes after the grant
        jakarta.json.JsonObject done = ImportIT.importAndWait(
                "",
                "text/csv",
                "email,purpose,channel,action,source,occurredAt\n" + p.email() + "," + p.purpose()
                        + ",EMAIL,WITHDRAW,PAPER," + Fixtures.daysAgo(0) + "\n");
        assertEquals(1, done.getInt("updated"), done.toString());
        String story = ConsoleClient.login(AUDITOR)
                .submit("/console/people", "/console/people", Map.of("kind", "email", "value", p.email()))
                .body();
        assertTrue(story.contains("Source: import") && story.contains("First collected by: paper form"), story);
        assertFalse(story.contains("First collected by: web form"), "the API's grant has no origin: " + story);
    }

    @Test
    void theAdminErasesAfterAConfirmationNamingWhatIsKept() {
        Recipients.Person p = Recipients.granted("fr");
        String url = Recipients.links(p.contact(), p.purpose()).getString("unsubscribeUrl");
        assertEquals(
                200,
                Recipients.post(url, Map.of("List-Unsubscribe", "One-Click")).statusCode());
        ConsoleClient admin = ConsoleClient.login(ADMIN);
        HttpResponse<String> story =
                admin.submit("/console/people", "/console/people", Map.of("kind", "email", "value", p.email()));
        HttpResponse<String> confirm = admin.post(
                "/console/people/erase",
                Map.of("form", formAfter(story.body(), "/console/people/erase"), "id", p.contact()));
        assertEquals(200, confirm.statusCode());
        assertTrue(confirm.body().contains("ERASED"), "names the hash kept: " + confirm.body());
        // Everything erasure deletes or keeps, as the README's table says (tester AL's F3: until 2026-12-07 the sends,
        // preferences, soft bounces and sent mail went unnamed, and the comments kept were not mentioned).
        for (String named : List.of(
                "the sends reported", "soft bounces", "(queued or sent)", "their unsubscribe reasons and comments")) {
            assertTrue(confirm.body().contains(named), named + ": " + confirm.body());
        }
        Api.get(AUDITOR, "/api/v1/contacts/" + p.contact()).expect(200);
        HttpResponse<String> done = admin.post(
                "/console/people/erase/confirm",
                Map.of("form", formAfter(confirm.body(), "/console/people/erase/confirm"), "id", p.contact()));
        assertEquals(200, done.statusCode(), done.body());
        Api.get(AUDITOR, "/api/v1/contacts/" + p.contact()).problem(404);
    }

    @Test
    void theAdminRetiresAPurposeAndItLeavesThePreferencePage() {
        String key = Api.uniqueKey("console");
        ConsoleClient admin = ConsoleClient.login(ADMIN);
        HttpResponse<String> created = admin.submit(
                "/console/purposes",
                "/console/purposes/create",
                Map.of(
                        "key",
                        key,
                        "kind",
                        "PROSPECTING",
                        "channels",
                        "EMAIL",
                        "name.en",
                        "Console news",
                        "name.fr",
                        "Nouvelles"));
        assertEquals(303, created.statusCode(), created.body());
        assertEquals(
                303,
                admin.submit(
                                "/console/purposes",
                                "/console/purposes/notice",
                                Map.of("key", key, "locale", "en", "text", "Yes, console news"))
                        .statusCode());
        // A refused form comes back with what was typed (tester AL's F2: until 2026-12-07 the fields came back empty).
        HttpResponse<String> badKey = admin.submit(
                "/console/purposes",
                "/console/purposes/create",
                Map.of("key", "X", "kind", "SERVICE", "channels", "SMS", "name.en", "Typed <b>name</b>"));
        assertEquals(422, badKey.statusCode());
        for (String kept : List.of(
                "name=\"key\" required pattern=\"[a-z0-9-]{2,64}\" value=\"X\"",
                "<option value=\"SERVICE\" selected>",
                "value=\"SMS\" checked>",
                "name=\"name.en\" value=\"Typed &lt;b&gt;name&lt;/b&gt;\"")) {
            assertTrue(badKey.body().contains(kept), kept + ": " + badKey.body());
        }
        HttpResponse<String> badLocale = admin.submit(
                "/console/purposes",
                "/console/purposes/notice",
                Map.of("key", key, "locale", "not a locale", "text", "Keep this long text"));
        assertEquals(422, badLocale.statusCode(), badLocale.body());
        assertTrue(badLocale.body().contains(">Keep this long text</textarea>"), badLocale.body());
        assertTrue(badLocale.body().contains("<option value=\"" + key + "\" selected>"), badLocale.body());
        HttpResponse<String> noSuchPurpose = admin.submit(
                "/console/purposes",
                "/console/purposes/notice",
                Map.of("key", key + "-none", "locale", "fr", "text", "Oui"));
        assertEquals(404, noSuchPurpose.statusCode(), "as the API answers: " + noSuchPurpose.body());
        assertTrue(noSuchPurpose.body().contains(key + "-none"), noSuchPurpose.body());
        String notice = Api.get(AUDITOR, "/api/v1/purposes/" + key + "/notices")
                .json()
                .getJsonArray("items")
                .getJsonObject(0)
                .getString("id");
        String email = Api.uniqueEmail();
        String contact = Fixtures.contact(email, "en");
        Api.post(Api.User.INTEGRATION, "/api/v1/consents", Fixtures.event(contact, key, "EMAIL", "GRANT", notice, null))
                .expect(201);
        String preferences = Recipients.preferencesUrl(contact);
        assertTrue(Recipients.get(preferences).body().contains("Console news"));

        ConsoleClient auditor = ConsoleClient.login(AUDITOR);
        String list = auditor.get("/console/purposes").body();
        assertTrue(list.contains(key));
        assertFalse(list.contains("/console/purposes/retire"), "the auditor sees no forms");

        assertEquals(
                303,
                admin.submit("/console/purposes", "/console/purposes/retire", Map.of("key", key))
                        .statusCode());
        assertTrue(Api.get(AUDITOR, "/api/v1/purposes/" + key).json().getBoolean("retired"));
        assertFalse(Recipients.get(preferences).body().contains("Console news"), "no longer offered");
        assertEquals(
                "PURPOSE_RETIRED", Recipients.decision(contact, key, "EMAIL").getString("rule"));
    }

    @Test
    void whyPeopleLeaveShowsReasonsToEveryoneAndCommentsToTheAuditor() {
        Recipients.Person p = Recipients.granted("en");
        String comment = "console-" + java.util.UUID.randomUUID() + " too much mail";
        String url = Recipients.links(p.contact(), p.purpose()).getString("unsubscribeUrl");
        assertEquals(
                200,
                Recipients.post(url, Map.of("reason", "TOO_FREQUENT", "comment", comment))
                        .statusCode());
        String auditorPage = ConsoleClient.login(AUDITOR)
                .get("/console/leave?purpose=" + p.purpose())
                .body();
        assertTrue(auditorPage.contains(comment), auditorPage);
        assertTrue(auditorPage.contains("<svg"));
        assertFalse(auditorPage.contains(p.email()));
        String campaignPage = ConsoleClient.login(CAMPAIGN)
                .get("/console/leave?purpose=" + p.purpose())
                .body();
        assertFalse(campaignPage.contains(comment), "no free text for the campaign role");
        assertTrue(campaignPage.contains("too many messages · People who opted out: 1</title>"), campaignPage);
    }

    @Test
    void theLocalMailPageShowsTheConfirmationWithItsLink() {
        String purpose = Fixtures.purpose(true);
        String notice = Fixtures.notice(purpose, "en", "Yes please");
        String email = Api.uniqueEmail();
        String contact = Fixtures.contact(email, "en");
        Api.post(
                        Api.User.INTEGRATION,
                        "/api/v1/consents",
                        Fixtures.event(contact, purpose, "EMAIL", "GRANT", notice, null))
                .expect(201);
        String page = ConsoleClient.login(ADMIN).get("/console/mail").body();
        int at = page.indexOf(email);
        assertTrue(at >= 0, "the message to the new contact is listed: " + page);
        assertTrue(page.indexOf("<a href=\"http", at) > at, "with its link clickable");
        String auditors = ConsoleClient.login(AUDITOR).get("/console/mail").body();
        int there = auditors.indexOf(email);
        assertTrue(there >= 0, auditors);
        String message = auditors.substring(there, auditors.indexOf("</li>", there));
        assertTrue(
                message.contains("/confirm/[withheld]"), "a role that changes nothing gets no acting link: " + message);
        assertFalse(message.matches("(?s).*/confirm/[A-Za-z0-9_~%-]{8,}.*"), message);
        assertEquals(403, ConsoleClient.login(CAMPAIGN).get("/console/mail").statusCode());
    }

    @Test
    void theAdminStartsAJobAndEveryReaderSeesItsRun() throws InterruptedException {
        java.time.Instant since = java.time.Instant.now().minusSeconds(5);
        ConsoleClient admin = ConsoleClient.login(ADMIN);
        HttpResponse<String> posted =
                admin.submit("/console/jobs", "/console/jobs", Map.of("action", "start", "job", "pending-expiry"));
        // Redirected (303) to the page naming the run: reloading it shows the page again, never starts a second run.
        assertEquals(303, posted.statusCode(), posted.body());
        String location = posted.headers().firstValue("Location").orElseThrow();
        assertTrue(location.contains("/console/jobs?started="), location);
        String page = java.net.URI.create(location).getPath() + "?"
                + java.net.URI.create(location).getRawQuery();
        HttpResponse<String> started = admin.get(page);
        assertEquals(200, started.statusCode(), started.body());
        java.util.regex.Matcher execution =
                java.util.regex.Pattern.compile("Started: execution (\\d+)").matcher(started.body());
        assertTrue(execution.find(), started.body());
        List<jakarta.json.JsonObject> acts = JobIT.auditedActs(since, Long.parseLong(execution.group(1)));
        assertEquals(List.of("JOB_STARTED"), JobIT.actions(acts), "the console's start is audited: " + acts);
        assertEquals("admin", acts.get(0).getString("actor"), "in the signed-in user's name: " + acts);
        HttpResponse<String> refused =
                admin.submit("/console/jobs", "/console/jobs", Map.of("action", "restart", "id", execution.group(1)));
        assertEquals(409, refused.statusCode(), refused.body());
        assertTrue(
                refused.body().contains("cannot be restarted: it is "),
                "the page says why, in the jobs list: " + refused.body());
        String runs = ConsoleClient.login(AUDITOR).get("/console/jobs").body();
        assertTrue(runs.contains("<th scope=\"row\">pending-expiry</th>"), runs);
        assertFalse(runs.contains("name=\"action\""), "the auditor has no buttons");
        assertEquals(
                403,
                ConsoleClient.login(AUDITOR)
                        .post("/console/jobs", Map.of("form", "x", "action", "start", "job", "pending-expiry"))
                        .statusCode());
        assertEquals(
                422,
                admin.submit("/console/jobs", "/console/jobs", Map.of("action", "start", "job", "no-such-job"))
                        .statusCode());
        HttpResponse<String> malformed =
                admin.submit("/console/jobs", "/console/jobs", Map.of("action", "restart", "id", "abc"));
        assertEquals(404, malformed.statusCode(), "the API's answer to the same id");
        assertTrue(malformed.body().contains("no job execution has this id, which is not a number"), malformed.body());
        assertFalse(malformed.body().contains("Exception"), "no Java class name: " + malformed.body());
        for (String action : List.of("stop", "restart")) {
            HttpResponse<String> unknown =
                    admin.submit("/console/jobs", "/console/jobs", Map.of("action", action, "id", "987654321"));
            assertEquals(404, unknown.statusCode(), "nothing to conflict with: " + unknown.body());
            assertTrue(unknown.body().contains("job execution 987654321 was not found"), unknown.body());
        }
        JobIT.awaitEnd(Long.parseLong(execution.group(1)));
        // A run's status in the page's language (tester AM's F5: until 2026-12-07 the code on every page).
        String german =
                ConsoleClient.login(AUDITOR).get("/console/jobs?lang=de").body();
        assertTrue(german.contains(">abgeschlossen<") && !german.contains(">COMPLETED<"), german);
    }

    /** The form token of the form posting to {@code action} on a page. */
    static String formAfter(String html, String action) {
        int at = html.indexOf("action=\"" + action);
        assertTrue(at >= 0, action + " in " + html);
        return ConsoleClient.formToken(html.substring(at));
    }
}
