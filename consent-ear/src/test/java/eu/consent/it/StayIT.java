package eu.consent.it;

import static eu.consent.it.Api.User.ADMIN;
import static eu.consent.it.Api.User.AUDITOR;
import static eu.consent.it.Api.User.CAMPAIGN;
import static eu.consent.it.Api.User.INTEGRATION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** "Keep me": the re-permission link, its page (GET changes nothing) and the person's act (POST). */
class StayIT {

    /**
     * The page promises no retired purpose, and tells a person on a break until when it holds (tester AI's F7: until
     * 2026-12-07 it offered to keep a retired purpose); a break set through the API ending mid-day is told to the minute
     * (F3: it read "until that day included" while sending resumed at that minute).
     */
    @Test
    void thePagePromisesOnlyWhatIsStillSentAndSaysWhenABreakEnds() {
        String retired = Api.uniqueKey("gone");
        Api.post(ADMIN, "/api/v1/purposes", """
                        {"key":"%s","kind":"PROSPECTING","channels":["EMAIL"],"doubleOptIn":false,
                         "similarToPurchases":false,"names":{"en":"Old offers %s"}}""".formatted(retired, retired)).expect(201);
        String email = Api.uniqueEmail();
        String contact = Fixtures.contact(email, "en");
        Api.post(
                        INTEGRATION,
                        "/api/v1/consents",
                        Fixtures.event(
                                contact, retired, "EMAIL", "GRANT", Fixtures.notice(retired, "en", "Old offers"), null))
                .expect(201);
        String kept = Api.uniqueKey("kept");
        Api.post(ADMIN, "/api/v1/purposes", """
                        {"key":"%s","kind":"PROSPECTING","channels":["EMAIL"],"doubleOptIn":false,
                         "similarToPurchases":false,"names":{"en":"Kept offers %s"}}""".formatted(kept, kept)).expect(201);
        Api.post(
                        INTEGRATION,
                        "/api/v1/consents",
                        Fixtures.event(contact, kept, "EMAIL", "GRANT", Fixtures.notice(kept, "en", "Kept"), null))
                .expect(201);
        String url = Api.post(CAMPAIGN, "/api/v1/reactivation-links", "{\"contactId\":\"" + contact + "\"}")
                .expect(200)
                .json()
                .getString("url");
        assertTrue(Recipients.get(url).body().contains("Old offers " + retired), "still sent: named");
        Api.patch(ADMIN, "/api/v1/purposes/" + retired, "{\"retired\":true}").expect(200);
        String page = Recipients.get(url).body();
        assertFalse(page.contains("Old offers " + retired), "retired: no longer promised: " + page);
        assertTrue(page.contains("Kept offers " + kept), page);
        assertTrue(page.contains("<li>Kept offers " + kept + "</li>"), "in the page's language: not marked");
        // Named in English only, on a German page: marked as English, for a screen reader (tester AT's F3).
        assertTrue(
                Recipients.get(url + "?lang=de")
                        .body()
                        .contains("<li><span lang=\"en\">Kept offers " + kept + "</span></li>"),
                page);
        // A complaint: nothing comes by email any more, nothing is promised (tester AJ's F2).
        Api.post(
                        INTEGRATION,
                        "/api/v1/esp-events",
                        "[{\"type\":\"COMPLAINT\",\"email\":\"" + email + "\",\"occurredAt\":\"" + Instant.now()
                                + "\",\"provider\":\"stay-it\"}]")
                .expect(202);
        String complained = Recipients.get(url).body();
        assertFalse(complained.contains("Kept offers " + kept), "under a complaint: " + complained);

        Instant end = Instant.now()
                .plus(10, ChronoUnit.DAYS)
                .truncatedTo(ChronoUnit.DAYS)
                .plusSeconds(15 * 3600 + 1800);
        Api.sendWithHeaders(
                        INTEGRATION,
                        "PUT",
                        "/api/v1/contacts/" + contact + "/preferences",
                        "{\"pausedUntil\":\"" + end + "\"}")
                .expect(200);
        String day = java.time.format.DateTimeFormatter.ofLocalizedDate(java.time.format.FormatStyle.LONG)
                .withLocale(java.util.Locale.UK)
                .format(end.atZone(ZoneOffset.UTC));
        String paused = Recipients.get(url).body();
        assertTrue(paused.contains("You are taking a break until " + day + " at 15:30 (UTC)."), paused);
        String preferences = Recipients.get(Recipients.preferencesUrl(contact)).body();
        assertTrue(preferences.contains("You are taking a break until " + day + " at 15:30 (UTC)."), preferences);
    }

    @Test
    void keepMeMovesTheRetentionClockAndTakesThePersonOffTheReactivationList() throws Exception {
        String activeAt = Instant.now()
                .atOffset(ZoneOffset.UTC)
                .minusMonths(32)
                .toInstant()
                .truncatedTo(ChronoUnit.SECONDS)
                .toString();
        String purpose = Fixtures.purpose(false);
        String notice = Fixtures.notice(purpose, "fr", "Les bons plans, par email");
        Recipients.Person p = new Recipients.Person(Fixtures.contact(Api.uniqueEmail(), "fr"), null, purpose, notice);
        // The consent was given when the person was last active, 32 months ago: the re-permission window.
        Api.post(
                        INTEGRATION,
                        "/api/v1/consents",
                        Fixtures.event(p.contact(), purpose, "EMAIL", "GRANT", notice, activeAt))
                .expect(201);
        Api.post(
                        INTEGRATION,
                        "/api/v1/contacts/" + p.contact() + "/activities",
                        "{\"type\":\"PURCHASE\",\"occurredAt\":\"" + activeAt + "\"}")
                .expect(204);
        JsonObject flagged = run("reactivation-flag");
        assertEquals("COMPLETED", flagged.getString("status"), flagged.toString());
        assertTrue(candidates().contains(p.contact()), "listed for re-permission");

        String url = Api.post(CAMPAIGN, "/api/v1/reactivation-links", "{\"contactId\":\"" + p.contact() + "\"}")
                .expect(200)
                .json()
                .getString("url");
        assertTrue(url.startsWith(Api.BASE + "/stay/"), url);

        HttpResponse<String> page = Recipients.get(url);
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("lang=\"fr\""), "in the person's language");
        assertTrue(page.body().contains("Les bons plans"), "names what they keep receiving: " + page.body());
        assertTrue(page.body().contains("/preferences/"), "offers the preference centre");
        assertTrue(page.body().contains("/unsubscribe/"), "offers to leave instead");
        assertTrue(
                page.body().contains("ne plus recevoir de communication commerciale par email"),
                "says leaving is from one channel, not everything: " + page.body());
        assertEquals(200, Recipients.get(url + "?lang=de").statusCode());
        assertEquals(activeAt, lastActiveAt(p.contact()), "a GET (a mail scanner) changes nothing");
        assertTrue(candidates().contains(p.contact()));

        HttpResponse<String> forged = Recipients.post(url, Map.of("form", "forged"));
        assertEquals(403, forged.statusCode(), "a form not from our page changes nothing");
        assertEquals(
                403,
                Recipients.post(url, Map.of(), "Origin", "https://evil.example").statusCode(),
                "nor one posted from another site");
        assertEquals(activeAt, lastActiveAt(p.contact()));

        Instant from = Instant.now().minusSeconds(60);
        Instant to = Instant.now().plusSeconds(3600);
        long stayedBefore = stayed(from, to);
        Instant clicked = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        HttpResponse<String> kept = Recipients.post(url, Map.of("form", Recipients.formToken(page.body())));
        assertEquals(200, kept.statusCode(), kept.body());
        Instant moved = Instant.parse(lastActiveAt(p.contact()));
        assertFalse(moved.isBefore(clicked), "the person's act restarts the retention clock: " + moved);
        assertFalse(candidates().contains(p.contact()), "off the reactivation list at once");
        assertEquals(stayedBefore + 1, stayed(from, to), "the statistics count who stayed");
        // A reload or a second press is the person's act again (their clock restarts), but they are one person.
        assertEquals(
                200,
                Recipients.post(url, Map.of("form", Recipients.formToken(page.body())))
                        .statusCode());
        assertEquals(stayedBefore + 1, stayed(from, to), "people, not presses of the button");

        JsonObject export = Api.get(AUDITOR, "/api/v1/contacts/" + p.contact() + "/export")
                .expect(200)
                .json();
        String activities = export.getJsonArray("activities").toString();
        assertTrue(activities.contains("FORM_SUBMIT"), activities);
        // the answer's proof is theirs too: the access export gives it back
        JsonObject stay = export.getJsonArray("stays").getJsonObject(0);
        assertFalse(Instant.parse(stay.getString("stayedAt")).isBefore(clicked), stay.toString());
        assertFalse(stay.getString("userAgent").isBlank(), stay.toString());
        assertFalse(stay.getString("ip").isBlank(), stay.toString());
    }

    /**
     * Presses of "keep me" at once — a double click, a reload, a mail client prefetching — each get the thanks page.
     * Until 2026-12-06 two at once often deadlocked on Derby (the decision change counter's lock went before the
     * audit head's was taken again): 9 of 20 answered 503 "nothing was changed".
     */
    @Test
    void pressesOfKeepMeAtOnceAllSucceed() throws Exception {
        Recipients.Person p = Recipients.granted("en");
        String url = Api.post(CAMPAIGN, "/api/v1/reactivation-links", "{\"contactId\":\"" + p.contact() + "\"}")
                .expect(200)
                .json()
                .getString("url");
        String form = Recipients.formToken(Recipients.get(url).body());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(20);
        try {
            java.util.concurrent.CountDownLatch ready = new java.util.concurrent.CountDownLatch(20);
            java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
            List<java.util.concurrent.Future<Integer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 20; i++) {
                answers.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return Recipients.post(url, Map.of("form", form)).statusCode();
                }));
            }
            ready.await(); // every thread waits at the gate, so the presses leave together
            go.countDown();
            List<Integer> statuses = new java.util.ArrayList<>();
            for (java.util.concurrent.Future<Integer> answer : answers) {
                statuses.add(answer.get());
            }
            assertTrue(statuses.stream().allMatch(s -> s == 200), "every press answered: " + statuses);
        } finally {
            pool.shutdownNow();
        }
        String audit = Api.get(AUDITOR, "/api/v1/audit?contactId=" + p.contact() + "&limit=1000")
                .expect(200)
                .body();
        assertEquals(20, audit.split("\"CONTACT_STAYED\"", -1).length - 1, "each press is the person's act: " + audit);
    }

    @Test
    void linksAreForKnownContactsAndTheCampaignRole() {
        Api.post(CAMPAIGN, "/api/v1/reactivation-links", "{\"contactId\":\"" + UUID.randomUUID() + "\"}")
                .problem(404);
        assertEquals(
                "contactId",
                Api.post(CAMPAIGN, "/api/v1/reactivation-links", "{\"contactId\":\"nope\"}")
                        .problem(422)
                        .getJsonArray("errors")
                        .getJsonObject(0)
                        .getString("field"));
        assertEquals(
                "contactid",
                Api.post(CAMPAIGN, "/api/v1/reactivation-links", "{\"contactid\":\"x\"}")
                        .problem(422)
                        .getJsonArray("errors")
                        .getJsonObject(0)
                        .getString("field"),
                "an unknown member is named");
        for (String wrongType : List.of("5", "true", "{}")) {
            JsonObject error = Api.post(CAMPAIGN, "/api/v1/reactivation-links", "{\"contactId\":" + wrongType + "}")
                    .problem(422)
                    .getJsonArray("errors")
                    .getJsonObject(0);
            assertEquals("contactId: must be a UUID", error.getString("field") + ": " + error.getString("message"));
        }
        JsonObject missing = Api.post(CAMPAIGN, "/api/v1/reactivation-links", "{\"contactId\":null}")
                .problem(422)
                .getJsonArray("errors")
                .getJsonObject(0);
        assertTrue(missing.getString("message").startsWith("is required"), missing.toString());
        Api.post(CAMPAIGN, "/api/v1/reactivation-links", "{").problem(400);
        String contact = Fixtures.contact(Api.uniqueEmail(), "en");
        Api.post(INTEGRATION, "/api/v1/reactivation-links", "{\"contactId\":\"" + contact + "\"}")
                .problem(403);
        Api.post(ADMIN, "/api/v1/reactivation-links", "{\"contactId\":\"" + contact + "\"}")
                .expect(200);
        assertEquals(404, Recipients.get(Api.BASE + "/stay/forged").statusCode());
        assertEquals(404, Recipients.post(Api.BASE + "/stay/forged", Map.of()).statusCode());
    }

    private static JsonObject run(String job) throws InterruptedException {
        long id = Api.post(ADMIN, "/api/v1/jobs/" + job, "")
                .expect(202)
                .json()
                .getJsonNumber("executionId")
                .longValue();
        return JobIT.awaitEnd(id);
    }

    private static String candidates() {
        return Api.get(ADMIN, "/api/v1/reactivation-candidates?limit=1000")
                .expect(200)
                .body();
    }

    private static String lastActiveAt(String contact) {
        return Api.get(INTEGRATION, "/api/v1/contacts/" + contact).json().getString("lastActiveAt");
    }

    private static long stayed(Instant from, Instant to) {
        return Api.get(AUDITOR, "/api/v1/stats/opt-outs?from=" + from + "&to=" + to)
                .expect(200)
                .json()
                .getJsonNumber("stayed")
                .longValue();
    }
}
