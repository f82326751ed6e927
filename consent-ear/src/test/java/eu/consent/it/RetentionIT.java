package eu.consent.it;

import static eu.consent.it.Api.User.ADMIN;
import static eu.consent.it.Api.User.AUDITOR;
import static eu.consent.it.Api.User.CAMPAIGN;
import static eu.consent.it.Api.User.INTEGRATION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The nightly retention jobs, run over REST and judged by their status, metrics and effects. */
class RetentionIT {

    private static String monthsAgo(int months) {
        return Instant.now()
                .atOffset(ZoneOffset.UTC)
                .minusMonths(months)
                .toInstant()
                .toString();
    }

    private static String contactActive(String email, String activeAt) {
        String id = Fixtures.contact(email, "fr");
        Api.post(
                        INTEGRATION,
                        "/api/v1/contacts/" + id + "/activities",
                        "{\"type\":\"PURCHASE\",\"occurredAt\":\"" + activeAt + "\"}")
                .expect(204);
        return id;
    }

    private static JsonObject run(String job, String parameters) throws InterruptedException {
        long id = Api.post(ADMIN, "/api/v1/jobs/" + job + parameters, "")
                .expect(202)
                .json()
                .getJsonNumber("executionId")
                .longValue();
        return JobIT.awaitEnd(id);
    }

    /**
     * The purges below run with a retention of fifty years on contacts last active 51 years ago: they purge this test's
     * contacts and nobody else's, so their counts are exact. (A century until 2026-12-07, when dates before 1970 came to
     * be refused: AY-F4.)
     */
    private static final String HALF_CENTURY = "retentionMonths=600";

    private static final int HALF_CENTURY_AND_A_YEAR = 612;

    private static JsonObject purgeStep(JsonObject execution) {
        return execution.getJsonArray("steps").getJsonObject(0);
    }

    private static long metric(JsonObject execution, String name) {
        return purgeStep(execution).getJsonObject("metrics").getJsonNumber(name).longValue();
    }

    /** The audit entries that record this contact's purge. */
    private static List<JsonObject> purgeEntries(String contact) {
        List<JsonObject> entries = new ArrayList<>();
        Api.get(AUDITOR, "/api/v1/audit?limit=1000&contactId=" + contact)
                .expect(200)
                .json()
                .getJsonArray("items")
                .getValuesAs(JsonObject.class)
                .stream()
                .filter(e -> e.getString("action").equals("CONTACT_PURGED"))
                .forEach(entries::add);
        return entries;
    }

    /**
     * A person past retention who asks for a double opt-in on a form: the request moves no clock until the click, but
     * the purge leaves them while it waits, so that the click finds it (review 44); an expired request does not hold it.
     */
    @Test
    void aContactWhoseDoubleOptInRequestWaitsIsNotPurgedBeforeTheyCanClick() throws Exception {
        String waiting = contactActive(Api.uniqueEmail(), monthsAgo(HALF_CENTURY_AND_A_YEAR));
        String purpose = Fixtures.purpose(true);
        assertEquals(
                "PENDING",
                Api.post(
                                INTEGRATION,
                                "/api/v1/consents",
                                Fixtures.event(
                                        waiting,
                                        purpose,
                                        "EMAIL",
                                        "GRANT",
                                        Fixtures.notice(purpose, "fr", "Oui"),
                                        null))
                        .expect(201)
                        .json()
                        .getString("state"));
        // A web form's request synced ten days late waits from its arrival, as its link does (tester BF's F9: until
        // 2026-12-07 the purge counted from its occurredAt and erased the person seconds after their request).
        String syncedLate = contactActive(Api.uniqueEmail(), monthsAgo(HALF_CENTURY_AND_A_YEAR));
        assertEquals(
                "PENDING",
                Api.post(
                                INTEGRATION,
                                "/api/v1/consents",
                                Fixtures.event(
                                        syncedLate,
                                        purpose,
                                        "EMAIL",
                                        "GRANT",
                                        Fixtures.notice(purpose, "fr", "Oui"),
                                        Fixtures.daysAgo(10)))
                        .expect(201)
                        .json()
                        .getString("state"));
        // A client's grant asks nobody: it holds no purge back (tester BA's F11).
        String askedByAClient = contactActive(Api.uniqueEmail(), monthsAgo(HALF_CENTURY_AND_A_YEAR));
        assertEquals(
                "PENDING",
                Fixtures.clientGrant(askedByAClient, purpose, Fixtures.notice(purpose, "fr", "Oui"))
                        .getString("state"));
        String stale = contactActive(Api.uniqueEmail(), monthsAgo(HALF_CENTURY_AND_A_YEAR));
        JsonObject execution = run("retention-purge", "?" + HALF_CENTURY);
        assertEquals("COMPLETED", execution.getString("status"), execution.toString());
        Api.get(AUDITOR, "/api/v1/contacts/" + stale).problem(404);
        Api.get(AUDITOR, "/api/v1/contacts/" + askedByAClient).problem(404);
        Api.get(AUDITOR, "/api/v1/contacts/" + waiting).expect(200);
        Api.get(AUDITOR, "/api/v1/contacts/" + syncedLate).expect(200);
        // Gone, so that the other tests' purges count only their own contacts.
        for (String kept : List.of(waiting, syncedLate)) {
            Api.send(
                            ADMIN,
                            "DELETE",
                            "/api/v1/contacts/" + kept,
                            null,
                            java.net.http.HttpRequest.BodyPublishers.noBody())
                    .expect(204);
        }
    }

    @Test
    void purgesExactlyTheContactsInactivePastTheRetentionPeriodAndKeepsTheirOptOutsAsHashes() throws Exception {
        String purpose = Fixtures.purpose(false);
        String notice = Fixtures.notice(purpose, "fr", "Oui");
        String staleEmail = Api.uniqueEmail();
        String stale = contactActive(staleEmail, monthsAgo(HALF_CENTURY_AND_A_YEAR));
        String staleOptedOutEmail = Api.uniqueEmail();
        String staleOptedOut = contactActive(staleOptedOutEmail, monthsAgo(HALF_CENTURY_AND_A_YEAR));
        Api.post(
                        INTEGRATION,
                        "/api/v1/consents",
                        Fixtures.event(
                                staleOptedOut,
                                purpose,
                                "EMAIL",
                                "GRANT",
                                notice,
                                monthsAgo(HALF_CENTURY_AND_A_YEAR + 4)))
                .expect(201);
        Api.post(
                        INTEGRATION,
                        "/api/v1/consents",
                        Fixtures.event(
                                staleOptedOut,
                                purpose,
                                "EMAIL",
                                "WITHDRAW",
                                null,
                                monthsAgo(HALF_CENTURY_AND_A_YEAR + 3)))
                .expect(201);
        String withinHalfACentury = contactActive(Api.uniqueEmail(), monthsAgo(590));
        String neverActive = Fixtures.contact(Api.uniqueEmail(), "fr");

        JsonObject execution = run("retention-purge", "?chunkSize=1&partitions=2&" + HALF_CENTURY);
        assertEquals("COMPLETED", execution.getString("status"), execution.toString());
        assertEquals("purge", purgeStep(execution).getString("name"), execution.toString());
        assertEquals(2, metric(execution, "readCount"), execution.toString());
        assertEquals(2, metric(execution, "writeCount"), execution.toString());
        // Chunks of one: each partition commits once per contact and once more when its reader ends.
        assertEquals(2 + 2, metric(execution, "commitCount"), execution.toString());
        assertEquals(0, metric(execution, "rollbackCount"), execution.toString());

        Api.get(AUDITOR, "/api/v1/contacts/" + stale).problem(404);
        Api.get(AUDITOR, "/api/v1/contacts/" + staleOptedOut).problem(404);
        Api.get(AUDITOR, "/api/v1/contacts/" + withinHalfACentury).expect(200);
        Api.get(AUDITOR, "/api/v1/contacts/" + neverActive).expect(200);
        for (String purged : List.of(stale, staleOptedOut)) {
            List<JsonObject> entries = purgeEntries(purged);
            assertEquals(1, entries.size(), "the purge of " + purged + " is found by its id: " + entries);
            assertEquals(1, entries.get(0).getJsonObject("details").getInt("contacts"), entries.toString());
        }
        String audit = Api.get(AUDITOR, "/api/v1/audit?contactId=" + stale).body();
        assertFalse(audit.contains(staleEmail), audit);
        assertTrue(Api.get(AUDITOR, "/api/v1/audit/verify").json().getBoolean("valid"));

        JsonObject decision = Api.post(
                        CAMPAIGN,
                        "/api/v1/decisions",
                        "{\"email\":\"" + staleOptedOutEmail + "\",\"purpose\":\"" + purpose
                                + "\",\"channel\":\"EMAIL\"}")
                .expect(200)
                .json();
        assertEquals("UNKNOWN_CONTACT", decision.getString("rule"));
        String back = Fixtures.contact(staleOptedOutEmail, "fr");
        JsonObject afterReturn = Api.post(
                        CAMPAIGN,
                        "/api/v1/decisions",
                        "{\"contactId\":\"" + back + "\",\"purpose\":\"" + purpose + "\",\"channel\":\"EMAIL\"}")
                .expect(200)
                .json();
        assertEquals("SUPPRESSED_ERASED", afterReturn.getString("rule"), "the purged person's opt-out still holds");
        String neverOptedOut = Fixtures.contact(staleEmail, "fr");
        assertTrue(
                Api.get(AUDITOR, "/api/v1/contacts/" + neverOptedOut + "/export")
                        .json()
                        .getJsonArray("suppressions")
                        .isEmpty(),
                "someone who never opted out leaves nothing behind");
    }

    /**
     * The nightly purge deletes the soft bounces past their threshold window, kept "until the threshold window has
     * passed" (AY-F5: until 2026-12-07 they were kept for ever), and keeps those that may still count.
     */
    @Test
    void thePurgeDeletesTheSoftBouncesPastTheirWindowAndKeepsTheRecentOnes() throws Exception {
        String email = Api.uniqueEmail();
        String contact = Fixtures.contact(email, "fr");
        String provider = Api.uniqueKey("esp");
        Instant old =
                Instant.now().minus(java.time.Duration.ofDays(31)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        Instant recent =
                Instant.now().minus(java.time.Duration.ofDays(29)).truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        String batch = "[" + softBounce(email, provider, "old-1", old.toString()) + ","
                + softBounce(email, provider, "recent-1", recent.toString()) + "]";
        Api.post(INTEGRATION, "/api/v1/esp-events", batch).expect(202);
        assertEquals(List.of(old, recent), softBounces(contact));

        JsonObject execution = run("retention-purge", "?chunkSize=1&partitions=1&" + HALF_CENTURY);
        assertEquals("COMPLETED", execution.getString("status"), execution.toString());
        JsonObject step = execution.getJsonArray("steps").getValuesAs(JsonObject.class).stream()
                .filter(s -> s.getString("name").equals("forget-soft-bounces"))
                .findFirst()
                .orElseThrow(() -> new AssertionError(execution.toString()));
        assertEquals("COMPLETED", step.getString("status"), step.toString());
        assertTrue(step.getString("exitStatus").matches("FORGOTTEN_[1-9][0-9]*"), step.toString());
        assertEquals(List.of(recent), softBounces(contact), "the bounce past the window is gone, the recent one stays");
    }

    private static String softBounce(String email, String provider, String messageId, String at) {
        return jakarta.json.Json.createObjectBuilder()
                .add("type", "SOFT_BOUNCE")
                .add("email", email)
                .add("occurredAt", at)
                .add("provider", provider)
                .add("messageId", messageId)
                .build()
                .toString();
    }

    private static List<Instant> softBounces(String contact) {
        return Api.get(AUDITOR, "/api/v1/contacts/" + contact + "/export")
                .expect(200)
                .json()
                .getJsonArray("softBounces")
                .getValuesAs(JsonObject.class)
                .stream()
                .map(b -> Instant.parse(b.getString("occurredAt")))
                .sorted()
                .toList();
    }

    @Test
    void aChunkIsAuditedByOneEntryThatEachOfItsContactsFinds() throws Exception {
        List<String> stale = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            stale.add(contactActive(Api.uniqueEmail(), monthsAgo(HALF_CENTURY_AND_A_YEAR)));
        }
        long before = Api.get(ADMIN, "/api/v1/audit/verify")
                .json()
                .getJsonNumber("entries")
                .longValue();

        JsonObject execution = run("retention-purge", "?chunkSize=10&partitions=1&" + HALF_CENTURY);

        assertEquals("COMPLETED", execution.getString("status"), execution.toString());
        assertEquals(3, metric(execution, "writeCount"), execution.toString());
        assertEquals(1, metric(execution, "commitCount"), execution.toString());
        JsonObject entry = purgeEntries(stale.get(0)).get(0);
        assertEquals(3, entry.getJsonObject("details").getInt("contacts"), entry.toString());
        for (String contact : stale) {
            assertEquals(
                    List.of(entry), purgeEntries(contact), "one entry for the chunk, found by each of its contacts");
        }
        JsonObject verified = Api.get(ADMIN, "/api/v1/audit/verify").json();
        assertTrue(verified.getBoolean("valid"), verified.toString());
        // One entry for three people (other tests may append theirs meanwhile, never fewer).
        assertTrue(verified.getJsonNumber("entries").longValue() > before, verified.toString());
    }

    @Test
    void aStoppedPurgeRestartsFromTheCheckpointsOfItsPartitionsAndPurgesEachContactOnce() throws Exception {
        java.time.Instant since = java.time.Instant.now().minusSeconds(5);
        List<String> stale = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            stale.add(contactActive(Api.uniqueEmail(), monthsAgo(HALF_CENTURY_AND_A_YEAR)));
        }
        // The first partition purges the lowest id first: once it is gone the step runs.
        String first = stale.stream().sorted().findFirst().orElseThrow();
        long id = Api.post(
                        ADMIN, "/api/v1/jobs/retention-purge?chunkSize=1&fetchSize=10&partitions=2&" + HALF_CENTURY, "")
                .expect(202)
                .json()
                .getJsonNumber("executionId")
                .longValue();
        long deadline = System.currentTimeMillis() + 30_000;
        while (Api.get(AUDITOR, "/api/v1/contacts/" + first).status() != 404) {
            assertTrue(System.currentTimeMillis() < deadline, "the purge never started");
            Thread.sleep(5);
        }

        Api.Answer stop = Api.post(ADMIN, "/api/v1/jobs/executions/" + id + "/stop", "");
        assertEquals(202, stop.status(), "a running purge accepts the stop: " + stop.body());
        JsonObject stopped = JobIT.awaitEnd(id);
        assertEquals("STOPPED", stopped.getString("status"), stopped.toString());
        Api.post(ADMIN, "/api/v1/jobs/executions/" + id + "/stop", "").problem(409);
        long purgedBeforeTheStop = stale.stream()
                .filter(c -> Api.get(AUDITOR, "/api/v1/contacts/" + c).status() == 404)
                .count();
        assertTrue(
                purgedBeforeTheStop > 0 && purgedBeforeTheStop < stale.size(),
                "stopped between chunks, part of the way: " + purgedBeforeTheStop);
        assertEquals(purgedBeforeTheStop, metric(stopped, "writeCount"), stopped.toString());

        long restartedId = Api.post(ADMIN, "/api/v1/jobs/executions/" + id + "/restart", "")
                .expect(202)
                .json()
                .getJsonNumber("executionId")
                .longValue();
        JsonObject restarted = JobIT.awaitEnd(restartedId);
        assertEquals("COMPLETED", restarted.getString("status"), restarted.toString());
        assertEquals(
                "execution " + id + " cannot be restarted: execution " + restartedId
                        + ", a later run of the same work, is COMPLETED",
                Api.post(ADMIN, "/api/v1/jobs/executions/" + id + "/restart", "")
                        .problem(409)
                        .getString("detail"),
                "the stopped execution was restarted already");
        assertEquals(
                stale.size() - purgedBeforeTheStop,
                metric(restarted, "writeCount"),
                "resumed where each partition stopped: " + restarted);
        // The history pages by execution: the stopped run and its restart are one instance, two pages of one (until
        // 2026-12-06 a page held whole instances, both on the first page of limit=1).
        JsonObject page = Api.get(ADMIN, "/api/v1/jobs/executions?job=retention-purge&limit=1")
                .expect(200)
                .json();
        assertEquals(1, page.getJsonArray("items").size(), page.toString());
        assertEquals(
                id,
                page.getJsonArray("items")
                        .getJsonObject(0)
                        .getJsonNumber("executionId")
                        .longValue());
        JsonObject second = Api.get(
                        ADMIN, "/api/v1/jobs/executions?job=retention-purge&limit=1&after=" + page.getString("next"))
                .expect(200)
                .json();
        assertEquals(1, second.getJsonArray("items").size(), second.toString());
        assertEquals(
                restartedId,
                second.getJsonArray("items")
                        .getJsonObject(0)
                        .getJsonNumber("executionId")
                        .longValue());
        // The operator's three acts are proof, in their name: the start with its parameters, the stop, the restart.
        assertEquals(List.of("JOB_STARTED", "JOB_STOP_REQUESTED"), JobIT.actions(JobIT.auditedActs(since, id)));
        JsonObject restartEntry = JobIT.auditedActs(since, restartedId).get(0);
        assertEquals("JOB_RESTARTED", restartEntry.getString("action"), restartEntry.toString());
        assertEquals("retention-purge", restartEntry.getString("subjectId"));
        assertEquals("admin", restartEntry.getString("actor"));
        assertEquals(
                id,
                restartEntry.getJsonObject("details").getJsonNumber("restartOf").longValue());
        assertEquals(
                "600",
                JobIT.auditedActs(since, id)
                        .get(0)
                        .getJsonObject("details")
                        .getJsonObject("parameters")
                        .getString("retentionMonths"),
                "the start names the retention it purged with");
        for (String contact : stale) {
            Api.get(AUDITOR, "/api/v1/contacts/" + contact).problem(404);
            assertEquals(1, purgeEntries(contact).size(), "purged exactly once: " + contact);
        }
    }

    @Test
    void listsContactsNearingThePurgeForRePermission() throws Exception {
        String nearing = contactActive(Api.uniqueEmail(), monthsAgo(32));
        String comesBack = contactActive(Api.uniqueEmail(), monthsAgo(33));
        String fresh = contactActive(Api.uniqueEmail(), monthsAgo(3));
        String blockedEmail = Api.uniqueEmail();
        String blocked = contactActive(blockedEmail, monthsAgo(32));
        Api.post(INTEGRATION, "/api/v1/suppressions", """
                {"email":"%s","channel":"EMAIL","reason":"MANUAL"}""".formatted(blockedEmail))
                .expect(201);
        JsonObject execution = run("reactivation-flag", "");
        assertEquals("COMPLETED", execution.getString("status"), execution.toString());

        String all = Api.get(CAMPAIGN, "/api/v1/reactivation-candidates?limit=1000")
                .expect(200)
                .body();
        assertTrue(all.contains(nearing) && all.contains(comesBack) && !all.contains(fresh), all);
        assertFalse(all.contains(blocked), "someone who may not be mailed is no re-permission candidate");
        Api.post(INTEGRATION, "/api/v1/contacts/" + comesBack + "/activities", "{\"type\":\"CLICK\"}")
                .expect(204);
        String after =
                Api.get(CAMPAIGN, "/api/v1/reactivation-candidates?limit=1000").body();
        assertTrue(after.contains(nearing) && !after.contains(comesBack), "a contact active again leaves the list");

        Api.Answer csv =
                Api.sendWithHeaders(INTEGRATION, "GET", "/api/v1/reactivation-candidates", "", "Accept", "text/csv");
        assertTrue(csv.body().startsWith("contactId,email,phone,locale,lastActiveAt,purgeAfter"), csv.body());
        assertTrue(csv.body().contains(nearing));
        JsonObject refused = Api.sendWithHeaders(
                        INTEGRATION, "GET", "/api/v1/reactivation-candidates", "", "Accept", "application/json")
                .problem(403);
        assertTrue(
                refused.getString("detail").endsWith("; yours may have it as text/csv (Accept: text/csv)"),
                "the refusal names the representation the role may have: " + refused);
        JsonObject campaign = Api.sendWithHeaders(
                        CAMPAIGN, "GET", "/api/v1/reactivation-candidates", "", "Accept", "text/csv")
                .problem(403);
        assertTrue(
                campaign.getString("detail")
                        .endsWith("; yours may have it as application/json (Accept: application/json)"),
                campaign.toString());
    }

    private static Api.Answer candidatesCsv(String path) {
        return Api.sendWithHeaders(INTEGRATION, "GET", path, "", "Accept", "text/csv")
                .expect(200);
    }

    private static List<String> rows(Api.Answer csv) {
        List<String> lines = List.of(csv.body().split("\r\n"));
        assertEquals("contactId,email,phone,locale,lastActiveAt,purgeAfter", lines.get(0));
        return lines.subList(1, lines.size());
    }

    /** A phone-only contact last active at {@code activeAt}. */
    private static String phoneContactActive(String phone, String activeAt) {
        String id = Api.post(INTEGRATION, "/api/v1/contacts", """
                        {"phone":"%s","country":"FR","locale":"fr","audience":"B2C","customer":false}""".formatted(phone))
                .expect(201)
                .json()
                .getString("id");
        Api.post(
                        INTEGRATION,
                        "/api/v1/contacts/" + id + "/activities",
                        "{\"type\":\"PURCHASE\",\"occurredAt\":\"" + activeAt + "\"}")
                .expect(204);
        return id;
    }

    /**
     * The CSV is for the sending system, which mails and texts its identifiers: they go as they are (until 2026-12-07
     * {@code '+33…} reached no phone and {@code '-x@…} was another address, tester AW's F3).
     */
    @Test
    void theCsvWritesTheIdentifiersAsTheyAre() throws Exception {
        String dashed = "-" + Api.uniqueEmail();
        String byEmail = contactActive(dashed, monthsAgo(32));
        String phone = Api.uniqueFrenchMobile();
        String byPhone = phoneContactActive(phone, monthsAgo(32));
        JsonObject execution = run("reactivation-flag", "");
        assertEquals("COMPLETED", execution.getString("status"), execution.toString());

        List<String> all = rows(candidatesCsv("/api/v1/reactivation-candidates"));
        assertTrue(all.stream().anyMatch(r -> r.startsWith(byEmail + "," + dashed + ",,fr,")), all.toString());
        assertTrue(all.stream().anyMatch(r -> r.startsWith(byPhone + ",," + phone + ",fr,")), all.toString());
    }

    /**
     * The sending system may not read the JSON form and its {@code next}: a CSV page cut by {@code limit} names the
     * next one in a {@code Link} header, and the pages followed by it are the whole list once (until 2026-12-07 a page
     * named none: the first page and no way on, tester AW's F2).
     */
    @Test
    void theCsvPagesByItsLinkHeader() throws Exception {
        for (int i = 0; i < 3; i++) { // pages of two go on at least once
            contactActive(Api.uniqueEmail(), monthsAgo(32));
        }
        JsonObject execution = run("reactivation-flag", "");
        assertEquals("COMPLETED", execution.getString("status"), execution.toString());

        Api.Answer whole = candidatesCsv("/api/v1/reactivation-candidates");
        assertNull(whole.header("Link"), "the whole list has no next page");
        List<String> all = rows(whole);
        List<String> paged = new ArrayList<>();
        String next = "/api/v1/reactivation-candidates?limit=2";
        int pages = 0;
        while (next != null) {
            assertTrue(++pages <= all.size() / 2 + 1, "paging ends: " + paged);
            Api.Answer page = candidatesCsv(next);
            List<String> rows = rows(page);
            assertTrue(rows.size() <= 2, rows.toString());
            paged.addAll(rows);
            String link = page.header("Link");
            if (link == null) {
                next = null;
            } else {
                Matcher m = Pattern.compile("<(/api/v1/reactivation-candidates\\?[^>]*)>; rel=\"next\"")
                        .matcher(link);
                assertTrue(m.matches(), link);
                next = m.group(1);
                assertTrue(next.contains("limit=2") && next.contains("after="), next);
            }
        }
        assertTrue(pages >= 2, "three candidates at least, two a page");
        assertEquals(all, paged, "the pages, followed by their links, are the whole list once");
        Api.Answer json =
                Api.get(CAMPAIGN, "/api/v1/reactivation-candidates?limit=2").expect(200);
        assertFalse(json.json().isNull("next"), "the JSON form keeps its own next");
        assertNull(json.header("Link"), "and its contract: the cursor in the body");
    }

    @Test
    void doubleOptInsNeverConfirmedExpire() throws Exception {
        String purpose = Fixtures.purpose(true);
        String notice = Fixtures.notice(purpose, "fr", "Oui");
        String contact = Fixtures.contact(Api.uniqueEmail(), "fr");
        Api.post(
                        INTEGRATION,
                        "/api/v1/consents",
                        Fixtures.event(contact, purpose, "EMAIL", "GRANT", notice, monthsAgo(1)))
                .expect(201);
        String waiting = Fixtures.contact(Api.uniqueEmail(), "fr");
        Api.post(INTEGRATION, "/api/v1/consents", Fixtures.event(waiting, purpose, "EMAIL", "GRANT", notice, null))
                .expect(201);

        // A week's wait counts from when the server received the grant and mailed its request (seconds ago), not
        // from the form's date a month back.
        JsonObject week = run("pending-expiry", "?expiryDays=7");
        assertEquals("COMPLETED", week.getString("status"), week.toString());
        for (String id : List.of(contact, waiting)) {
            assertTrue(
                    Api.get(AUDITOR, "/api/v1/contacts/" + id + "/consents")
                            .body()
                            .contains("PENDING"),
                    "a request mailed seconds ago still waits");
        }

        JsonObject execution = run("pending-expiry", "?expiryDays=0");
        assertEquals("COMPLETED", execution.getString("status"), execution.toString());
        String old =
                Api.get(AUDITOR, "/api/v1/contacts/" + contact + "/consents").body();
        assertTrue(old.contains("\"NONE\"") && !old.contains("WITHDRAWN"), "dropped, not withdrawn: " + old);
        String history = Api.get(AUDITOR, "/api/v1/contacts/" + contact + "/consents/history")
                .body();
        assertTrue(history.contains("pending-expiry"), history);
    }
}
