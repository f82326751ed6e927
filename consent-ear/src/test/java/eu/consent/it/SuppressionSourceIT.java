package eu.consent.it;

import static eu.consent.it.Api.User.ADMIN;
import static eu.consent.it.Api.User.AUDITOR;
import static eu.consent.it.Api.User.CAMPAIGN;
import static eu.consent.it.Api.User.INTEGRATION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/** External lists kept in step by snapshots: added and removed as a diff, guarded against truncated files. */
class SuppressionSourceIT {

    /** Our own opt-outs for a source's owner, as CSV; {@code query} is empty or starts with {@code ?}. */
    static Api.Answer outbound(String source, String query) {
        return Api.sendWithHeaders(
                INTEGRATION,
                "GET",
                "/api/v1/suppression-sources/" + source + "/outbound" + query,
                "",
                "Accept",
                "text/csv");
    }

    private static Api.Answer upload(String source, String csv, boolean force) {
        return Api.send(
                INTEGRATION,
                "PUT",
                "/api/v1/suppression-sources/" + source + "/snapshot" + (force ? "?force=true" : ""),
                "text/csv",
                HttpRequest.BodyPublishers.ofString(csv));
    }

    static Api.Answer upload(String source, String format, String csv) {
        return Api.send(
                INTEGRATION,
                "PUT",
                "/api/v1/suppression-sources/" + source + "/snapshot?format=" + format,
                "text/csv",
                HttpRequest.BodyPublishers.ofString(csv));
    }

    static JsonObject applied(Api.Answer answer) throws InterruptedException {
        JsonObject body = answer.expect(202).json();
        assertEquals(
                "/api/v1/jobs/executions/" + body.getJsonNumber("executionId").longValue(),
                java.net.URI.create(answer.header("Location")).getPath(),
                "Location names the run");
        JsonObject execution = JobIT.awaitEnd(body.getJsonNumber("executionId").longValue());
        assertEquals("COMPLETED", execution.getString("status"), execution.toString());
        return body.getJsonObject("report");
    }

    private static int entries(String source) {
        return Api.get(AUDITOR, "/api/v1/suppressions?limit=1000&source=list:" + source)
                .expect(200)
                .json()
                .getJsonArray("items")
                .size();
    }

    private static String decide(String who, String purpose, String channel) {
        return Api.post(
                        CAMPAIGN,
                        "/api/v1/decisions",
                        Json.createObjectBuilder()
                                .add("contactId", who)
                                .add("purpose", purpose)
                                .add("channel", channel)
                                .build()
                                .toString())
                .expect(200)
                .json()
                .getString("rule");
    }

    @Test
    void aSnapshotIsAppliedAsADiffThatNeverTouchesOtherSourcesOrThePersonsOwnOptOut() throws Exception {
        String source = Api.uniqueKey("esp");
        String purpose = Api.uniqueKey("calls");
        Api.post(ADMIN, "/api/v1/purposes", """
                        {"key":"%s","kind":"PROSPECTING","channels":["EMAIL","PHONE"],"doubleOptIn":false,
                         "similarToPurchases":false,"names":{"en":"Offers"}}""".formatted(purpose)).expect(201);
        String email = Api.uniqueEmail();
        String phone = Api.uniqueFrenchMobile();
        String contact = Api.post(
                        INTEGRATION,
                        "/api/v1/contacts",
                        Json.createObjectBuilder()
                                .add("email", email)
                                .add("phone", phone)
                                .add("country", "FR")
                                .add("locale", "fr")
                                .add("audience", "B2C")
                                .add("customer", false)
                                .build()
                                .toString())
                .expect(201)
                .json()
                .getString("id");
        assertEquals("PHONE_OPT_OUT_REGIME", decide(contact, purpose, "PHONE"));

        String a = Api.uniqueEmail();
        String b = Api.uniqueEmail();
        String c = Api.uniqueEmail();
        String csv = "identifier,reason,date\n" + email.toUpperCase() + ",COMPLAINT,2026-10-01\n" + a
                + ",HARD_BOUNCE,\n"
                + b + ",UNSUBSCRIBED,2026-10-02T10:00:00Z\n" + c + ",UNSUBSCRIBED,\n" + phone + ",DNC_REGISTRY,\n"
                + "not-an-address,UNSUBSCRIBED,\n" + a + ",HARD_BOUNCE,\n";
        JsonObject report = applied(upload(source, csv, false));
        assertEquals(5, report.getInt("rows"));
        assertEquals(1, report.getInt("rejected"));
        assertTrue(report.getJsonArray("rejections").getString(0).startsWith("line 7"), report.toString());
        assertEquals(5, entries(source));
        assertEquals("SUPPRESSED_COMPLAINT", decide(contact, purpose, "EMAIL"));
        assertEquals("PHONE_DNC_LISTED", decide(contact, purpose, "PHONE"), "a consumer on the do-not-call list");

        // The person unsubscribes by themselves: that entry belongs to them, not to the list.
        String url = Api.post(CAMPAIGN, "/api/v1/unsubscribe-links", "{\"contactId\":\"" + contact + "\"}")
                .json()
                .getString("unsubscribeUrl");
        Recipients.post(url, java.util.Map.of("List-Unsubscribe", "One-Click"));

        // Another person leaves one purpose only: theirs to keep from us, not a reason for the network to stop all
        // mail.
        String partial = Api.uniqueEmail();
        String partialContact = Fixtures.contact(partial, "fr");
        String partialUrl = Api.post(
                        CAMPAIGN,
                        "/api/v1/unsubscribe-links",
                        "{\"contactId\":\"" + partialContact + "\",\"purpose\":\"" + purpose + "\"}")
                .json()
                .getString("unsubscribeUrl");
        Recipients.post(partialUrl, java.util.Map.of("List-Unsubscribe", "One-Click"));
        assertEquals("SUPPRESSED_UNSUBSCRIBED", decide(partialContact, purpose, "EMAIL"));

        String truncated = email + ",COMPLAINT,\n" + a + ",HARD_BOUNCE,\n";
        JsonObject refused = upload(source, truncated, false).problem(409);
        assertTrue(refused.getString("detail").contains("force=true"), refused.toString());
        assertEquals(5, entries(source), "a refused snapshot changes nothing");
        JsonObject unclear = Api.send(
                        INTEGRATION,
                        "PUT",
                        "/api/v1/suppression-sources/" + source + "/snapshot?force=yes",
                        "text/csv",
                        HttpRequest.BodyPublishers.ofString(truncated))
                .problem(422);
        assertEquals("force", unclear.getJsonArray("errors").getJsonObject(0).getString("field"));
        assertEquals(5, entries(source), "force=yes neither forces nor is read as no");

        String shrunk =
                a + ",HARD_BOUNCE,\n" + b + ",UNSUBSCRIBED,\n" + c + ",UNSUBSCRIBED,\n" + phone + ",DNC_REGISTRY,\n";
        JsonObject second = applied(upload(source, shrunk, true));
        assertEquals(1, second.getInt("removals"));
        assertEquals(4, entries(source));
        assertEquals(
                "SUPPRESSED_UNSUBSCRIBED",
                decide(contact, purpose, "EMAIL"),
                "the list dropped the complaint; the person's own opt-out stays");

        String outbound = outbound(source, "?since=2000-01-01").body();
        assertTrue(outbound.startsWith("identifier,reason,date\r\n"), outbound);
        assertTrue(
                outbound.contains(email + ",UNSUBSCRIBED"),
                "our own opt-outs go back to the list's owner: " + outbound);
        assertFalse(outbound.contains(b), "the list's own entries are not sent back");
        assertFalse(
                outbound.contains(partial),
                "an opt-out of one purpose is not sent to a list that stops every message: " + outbound);
        // The nightly loop: the provider's list uploaded and applied, then our file fetched. "Since the last run" is
        // since the run before this one: the opt-out made between the two runs goes to the provider.
        String nightly = outbound(source, "").body();
        assertTrue(nightly.contains(email + ",UNSUBSCRIBED"), "made between the two runs: " + nightly);
        // A script passing an unset variable (since=) gets the same file, not an empty one (until 2026-12-06).
        assertEquals(nightly, outbound(source, "?since=").body());
    }

    @Test
    void aSnapshotUsesTheSeparatorOfItsFirstLineAndQuotes() throws Exception {
        String a = Api.uniqueEmail();
        String b = Api.uniqueEmail();
        String phone = Api.uniqueFrenchMobile();
        String semicolons = Api.uniqueKey("semicolons");
        String csv = "identifier;reason;date\r\n"
                + "\"" + a + "\";\"UNSUBSCRIBED\";\"" + Fixtures.dateDaysAgo(3) + "\"\r\n"
                + " " + phone + " ; dnc_registry ;\r\n"
                + "\"" + Api.uniqueEmail() + ";UNSUBSCRIBED;\r\n"
                + b + ",HARD_BOUNCE,\r\n";
        JsonObject report = applied(upload(semicolons, csv, false));
        assertEquals(2, report.getInt("rows"), report.toString());
        assertEquals(2, report.getInt("rejected"), report.toString());
        assertTrue(report.getJsonArray("rejections").getString(0).startsWith("line 4"), report.toString());
        assertTrue(
                report.getJsonArray("rejections").getString(1).startsWith("line 5"),
                "a comma line in a file of semicolons: " + report);
        assertEquals(2, entries(semicolons));

        String commas = Api.uniqueKey("commas");
        String quoted = "\"" + Api.uniqueEmail() + "\",\"complaint\",\n"
                + b + ",HARD_BOUNCE," + Fixtures.daysAgo(2) + "\n"
                + "\"" + Api.uniqueEmail() + "\"x,UNSUBSCRIBED,\n";
        JsonObject second = applied(upload(commas, quoted, false));
        assertEquals(2, second.getInt("rows"), second.toString());
        assertEquals(1, second.getInt("rejected"), second.toString());
        assertTrue(second.getJsonArray("rejections").getString(0).startsWith("line 3"), second.toString());
        assertEquals(2, entries(commas));
    }

    /** A snapshot retried with its {@code Idempotency-Key} replays the first answer: one resync job, not two. */
    @Test
    void aSnapshotRetriedWithItsKeyReplaysItsFirstAnswer() throws Exception {
        String source = Api.uniqueKey("retried");
        String csv = Api.uniqueEmail() + ",UNSUBSCRIBED,\n";
        String key = Api.uniqueKey("snapshot");
        String path = "/api/v1/suppression-sources/" + source + "/snapshot";
        Api.Answer first = Api.send(
                INTEGRATION, "PUT", path, "text/csv", HttpRequest.BodyPublishers.ofString(csv), "Idempotency-Key", key);
        Api.Answer again = Api.send(
                INTEGRATION, "PUT", path, "text/csv", HttpRequest.BodyPublishers.ofString(csv), "Idempotency-Key", key);
        assertEquals(1, applied(first).getInt("rows"), first.body());
        again.expect(202);
        assertEquals("true", again.header("Idempotent-Replayed"));
        assertEquals(
                first.json().getJsonNumber("executionId").longValue(),
                again.json().getJsonNumber("executionId").longValue());
        Api.send(
                        INTEGRATION,
                        "PUT",
                        path,
                        "text/csv",
                        HttpRequest.BodyPublishers.ofString(csv + Api.uniqueEmail() + ",UNSUBSCRIBED,\n"),
                        "Idempotency-Key",
                        key)
                .problem(422);
        // the same body with another query is another request too
        Api.send(
                        INTEGRATION,
                        "PUT",
                        path + "?format=generic&force=true",
                        "text/csv",
                        HttpRequest.BodyPublishers.ofString(csv),
                        "Idempotency-Key",
                        key)
                .problem(422);
        assertEquals(1, entries(source));
    }

    private static long executionOf(Api.Answer answer) {
        return answer.json().getJsonNumber("executionId").longValue();
    }

    private static String bounces(int n) {
        StringBuilder csv = new StringBuilder("identifier,reason,date\n");
        for (int i = 0; i < n; i++) {
            csv.append(Api.uniqueEmail()).append(",HARD_BOUNCE,\n");
        }
        return csv.toString();
    }

    /**
     * A snapshot sent while the one before it still waits for its resync is judged against that one (what the source
     * will hold), not against the entries applied so far: a header-only file right after a full one is refused, and
     * sending the full one again is a diff of nothing.
     */
    @Test
    void aSnapshotSentBeforeTheLastIsAppliedIsJudgedAgainstTheLast() throws Exception {
        String source = Api.uniqueKey("pending");
        String full = bounces(1000);
        Api.Answer first = upload(source, full, false).expect(202);
        assertEquals(1000, first.json().getJsonObject("report").getInt("additions"), first.body());

        JsonObject refused = upload(source, "identifier,reason,date\n", false).problem(409);
        assertTrue(refused.getString("detail").contains("would remove 1000 of the 1000 entries"), refused.toString());

        Api.Answer again = upload(source, full, false).expect(202);
        JsonObject report = again.json().getJsonObject("report");
        assertEquals(0, report.getInt("additions"), report.toString());
        assertEquals(0, report.getInt("removals"), report.toString());
        assertEquals(1000, report.getInt("current"), report.toString());
        for (long execution : new long[] {executionOf(first), executionOf(again)}) {
            assertEquals("COMPLETED", JobIT.awaitEnd(execution).getString("status"));
        }
        assertEquals(1000, entries(source));
    }

    /** Every refused line of a large export is named in the report, not the first twenty only. */
    @Test
    void everyRefusedLineIsNamedInTheReport() throws Exception {
        StringBuilder csv = new StringBuilder("identifier,reason,date\n");
        for (int i = 0; i < 60; i++) {
            csv.append(Api.uniqueEmail()).append(",HARD_BOUNCE,\n");
            csv.append("not-an-address-").append(i).append(",HARD_BOUNCE,\n");
        }
        JsonObject report = applied(upload(Api.uniqueKey("refusals"), csv.toString(), false));
        assertEquals(60, report.getInt("rejected"), report.toString());
        assertEquals(60, report.getJsonArray("rejections").size(), report.toString());
        assertTrue(report.getJsonArray("rejections").getString(59).startsWith("line 121: "), report.toString());
    }

    /**
     * Identical snapshots uploaded at once (a client retrying after a timeout, a nightly retry): each run's exit status
     * and its audit entry count what it wrote, so that together they say the list gained what it holds — each said the
     * whole list was added, until 2026-12-06 (the audit, a DPO's proof of each sync, claimed four times the list).
     */
    @Test
    void identicalSnapshotsAtOnceAuditWhatEachRunWrote() throws Exception {
        String source = Api.uniqueKey("same");
        String full = bounces(600);
        String since = java.time.Instant.now().minusSeconds(1).toString();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        List<Long> executions = new java.util.ArrayList<>();
        try {
            List<java.util.concurrent.Future<Api.Answer>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                answers.add(pool.submit(() -> upload(source, full, false)));
            }
            for (java.util.concurrent.Future<Api.Answer> answer : answers) {
                executions.add(executionOf(answer.get().expect(202)));
            }
        } finally {
            pool.shutdownNow();
        }
        long added = 0;
        for (long execution : executions) {
            JsonObject end = JobIT.awaitEnd(execution);
            assertEquals("COMPLETED", end.getString("status"), end.toString());
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("ADDED_(\\d+)_REMOVED_0")
                    .matcher(end.getJsonArray("steps").getJsonObject(0).getString("exitStatus"));
            assertTrue(m.matches(), end.toString());
            added += Long.parseLong(m.group(1));
        }
        assertEquals(600, added, "the runs' exit statuses together");
        assertEquals(600, entries(source));
        long audited = Api.pages(AUDITOR, "/api/v1/audit?from=" + since).stream()
                .filter(e -> e.getString("action").equals("SUPPRESSION_SOURCE_SYNCED")
                        && e.getString("subjectId").equals(source))
                .mapToLong(
                        e -> e.getJsonObject("details").getJsonNumber("added").longValue())
                .sum();
        assertEquals(600, audited, "the audit entries together");
    }

    /**
     * A full list and a header-only file sent at once, many times over: one is judged after the other, so whichever
     * comes second sees the first, and the list is never wiped.
     */
    @Test
    void twoSnapshotsAtOnceAreJudgedOneAfterTheOther() throws Exception {
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 6; round++) {
                String source = Api.uniqueKey("race");
                String full = bounces(50);
                java.util.concurrent.Future<Api.Answer> fullAnswer = pool.submit(() -> upload(source, full, false));
                java.util.concurrent.Future<Api.Answer> emptyAnswer =
                        pool.submit(() -> upload(source, "identifier,reason,date\n", false));
                Api.Answer one = fullAnswer.get();
                Api.Answer other = emptyAnswer.get();
                one.expect(202);
                if (other.status() == 202) {
                    // The empty file came first (a new source, nothing to guard); the full list was judged after it.
                    assertEquals(0, other.json().getJsonObject("report").getInt("current"), other.body());
                    assertEquals(50, one.json().getJsonObject("report").getInt("additions"), one.body());
                    assertEquals("COMPLETED", JobIT.awaitEnd(executionOf(other)).getString("status"));
                } else {
                    other.problem(409);
                }
                assertEquals("COMPLETED", JobIT.awaitEnd(executionOf(one)).getString("status"));
                assertEquals(50, entries(source), "round " + round);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * A line that cannot be read (a reason we do not know, a line over the limit) is refused, but the provider still
     * lists its address: the entries it has stay, and count as no removal.
     */
    @Test
    void aRefusedLineKeepsTheEntriesItsIdentifierHas() throws Exception {
        String source = Api.uniqueKey("kept");
        String a = Api.uniqueEmail();
        String b = Api.uniqueEmail();
        String c = Api.uniqueEmail();
        String d = Api.uniqueEmail();
        String e = Api.uniqueEmail();
        String f = Api.uniqueEmail();
        applied(upload(
                source,
                a + ",HARD_BOUNCE,\n" + b + ",HARD_BOUNCE,\n" + c + ",COMPLAINT,\n" + d + ",UNSUBSCRIBED,\n" + e
                        + ",UNSUBSCRIBED,\n" + f + ",UNSUBSCRIBED,\n"
                        + Api.uniqueEmail() + ",UNSUBSCRIBED,\n" + Api.uniqueEmail() + ",UNSUBSCRIBED,\n",
                false));
        assertEquals(8, entries(source));

        // Lines that cannot be read as cells still name their address (tester BK's F15: until 2026-12-08 a stray
        // quote, a semicolon in a comma file or a line cut in a cell removed the person's entry).
        JsonObject report = applied(upload(
                source,
                a + ",HARD_BOUNCE,\n" + b.toUpperCase() + ",HARD-BOUNCE,\n" + c + ",COMPLAINT," + "x".repeat(9000)
                        + "\n\"" + d + ",UNSUBSCRIBED,2026-11-01\n" + e + ";UNSUBSCRIBED;\n" + f + ";UNSUBSCRIBED;"
                        + "x".repeat(9000) + "\n",
                true));
        assertEquals(1, report.getInt("rows"), report.toString());
        assertEquals(5, report.getInt("rejected"), report.toString());
        assertTrue(
                report.getJsonArray("rejections").getString(0).contains("unknown reason HARD-BOUNCE"),
                report.toString());
        assertEquals(2, report.getInt("removals"), "only the two lines that left: " + report);
        assertEquals(0, report.getInt("additions"), report.toString());
        assertEquals(6, entries(source), "the refused lines' addresses keep their entries");

        // The next file that reads them applies them as they are: here, b's, d's, e's and f's lines left the list.
        JsonObject next = applied(upload(source, a + ",HARD_BOUNCE,\n" + c + ",COMPLAINT,\n", true));
        assertEquals(4, next.getInt("removals"), next.toString());
        assertEquals(2, entries(source));
    }

    /** A source's name is stamped on every entry and the audit: no phone number in it (tester BD's F3). */
    @Test
    void aSourceNamedLikeAPhoneNumberIsRefused() {
        for (String name : java.util.List.of("0612345678", "crm-06-12-34-56-78", "0033612345678")) {
            JsonObject problem = upload(name, "identifier,reason,date\n", false).problem(422);
            assertEquals("name", problem.getJsonArray("errors").getJsonObject(0).getString("field"), problem::toString);
        }
    }

    /** What is no snapshot is refused whole (422), staging nothing: another header, a binary file, Latin-1. */
    @Test
    void aFileThatIsNoSnapshotIsRefusedWhole() {
        String source = Api.uniqueKey("refused");
        for (String header : java.util.List.of("foo,bar", "address,why")) {
            JsonObject problem = upload(source, header + "\n" + Api.uniqueEmail() + ",HARD_BOUNCE,\n", false)
                    .problem(422);
            assertEquals(
                    "format", problem.getJsonArray("errors").getJsonObject(0).getString("field"));
            assertTrue(problem.toString().contains("identifier,reason,date"), problem.toString());
        }
        byte[] random = new byte[300];
        new java.util.Random(source.hashCode()).nextBytes(random);
        random[7] = 0;
        JsonObject binary = Api.send(
                        INTEGRATION,
                        "PUT",
                        "/api/v1/suppression-sources/" + source + "/snapshot",
                        "text/csv",
                        HttpRequest.BodyPublishers.ofByteArray(random))
                .problem(422);
        assertEquals(
                "is a binary file, not UTF-8 text",
                binary.getJsonArray("errors").getJsonObject(0).getString("message"),
                binary.toString());
        String good = Api.uniqueEmail();
        byte[] latin1 = (good + ",HARD_BOUNCE,\ncafé@example.com,HARD_BOUNCE,\n")
                .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        JsonObject notUtf8 = Api.send(
                        INTEGRATION,
                        "PUT",
                        "/api/v1/suppression-sources/" + source + "/snapshot",
                        "text/csv",
                        HttpRequest.BodyPublishers.ofByteArray(latin1))
                .problem(422);
        assertEquals(
                "is not UTF-8 text (byte " + (good.length() + 17) + " starts an invalid sequence)",
                notUtf8.getJsonArray("errors").getJsonObject(0).getString("message"),
                notUtf8.toString());
        Api.get(INTEGRATION, "/api/v1/suppression-sources/" + source + "/outbound")
                .problem(404);
        assertEquals(0, entries(source));
    }

    @Test
    void badNamesAndRolesAreRefused() {
        for (String bad : java.util.List.of("Bad_Name", "bad%20name")) {
            JsonObject problem =
                    upload(bad, "x@example.com,UNSUBSCRIBED,\n", false).problem(422);
            assertEquals("name", problem.getJsonArray("errors").getJsonObject(0).getString("field"));
            assertTrue(
                    problem.getJsonArray("errors")
                            .getJsonObject(0)
                            .getString("message")
                            .contains("lowercase letters"),
                    problem.toString());
        }
        Api.get(INTEGRATION, "/api/v1/suppression-sources/bad%20name/outbound").problem(404);
        Api.get(INTEGRATION, "/api/v1/suppression-sources/" + Api.uniqueKey("never") + "/outbound")
                .problem(404);
        Api.send(
                        CAMPAIGN,
                        "PUT",
                        "/api/v1/suppression-sources/x/snapshot",
                        "text/csv",
                        HttpRequest.BodyPublishers.ofString("x@example.com,UNSUBSCRIBED,\n"))
                .problem(403);
    }

    /**
     * A person who unsubscribes while a list already holds the very same entry for their address keeps an entry of
     * their own: the list's next snapshot, without them, removes the list's entry and not their word.
     */
    @Test
    void aPersonsOptOutOutlivesTheListThatHeldTheSameEntry() throws Exception {
        String source = Api.uniqueKey("esp");
        String purpose = Fixtures.purpose(false);
        String email = Api.uniqueEmail();
        String contact = Fixtures.b2bContact(email, null);
        assertEquals("B2B_OPT_OUT_REGIME", decide(contact, purpose, "EMAIL"));
        String other = Api.uniqueEmail();
        applied(upload(
                source, "identifier,reason,date\n" + email + ",UNSUBSCRIBED,\n" + other + ",UNSUBSCRIBED,\n", false));
        assertEquals("SUPPRESSED_UNSUBSCRIBED", decide(contact, purpose, "EMAIL"), "the list's entry");

        String url = Api.post(CAMPAIGN, "/api/v1/unsubscribe-links", "{\"contactId\":\"" + contact + "\"}")
                .expect(200)
                .json()
                .getString("unsubscribeUrl");
        Recipients.post(url, java.util.Map.of("List-Unsubscribe", "One-Click"));

        JsonObject report = applied(upload(source, "identifier,reason,date\n" + other + ",UNSUBSCRIBED,\n", true));
        assertEquals(1, report.getInt("removals"), report.toString());
        assertEquals(1, entries(source));
        assertEquals(
                "SUPPRESSED_UNSUBSCRIBED",
                decide(contact, purpose, "EMAIL"),
                "the list no longer names the address; the person's own unsubscribe stays");
        JsonObject export = Api.get(ADMIN, "/api/v1/contacts/" + contact + "/export")
                .expect(200)
                .json();
        assertTrue(
                export.getJsonArray("suppressions").stream()
                        .map(JsonObject.class::cast)
                        .anyMatch(s -> s.getString("source").equals("person:ONE_CLICK")),
                export.toString());
    }

    /**
     * A person unsubscribes from everything by the link in a mail, then asks for their erasure, before the night's
     * outbound file: the file still names their address (testers BE's F8, BI's F2: until 2026-12-08 an erased person's
     * entries were known by hash only and left out, and the provider kept mailing them from its own list). A person
     * erased without an opt-out leaves nothing to send, and their address is in no file.
     */
    @Test
    void anOptOutMadeBeforeTheErasureStillReachesTheProvider() throws Exception {
        String source = Api.uniqueKey("esp");
        applied(upload(source, "identifier,reason,date\n" + Api.uniqueEmail() + ",UNSUBSCRIBED,\n", false));
        String since = java.time.Instant.now().minusSeconds(5).toString();
        String email = Api.uniqueEmail();
        String contact = Fixtures.b2bContact(email, null);
        String url = Api.post(CAMPAIGN, "/api/v1/unsubscribe-links", "{\"contactId\":\"" + contact + "\"}")
                .expect(200)
                .json()
                .getString("unsubscribeUrl");
        assertEquals(
                200,
                Recipients.post(url, java.util.Map.of("List-Unsubscribe", "One-Click"))
                        .statusCode());
        String stayed = Api.uniqueEmail();
        String bystander = Fixtures.b2bContact(stayed, null);
        Api.send(ADMIN, "DELETE", "/api/v1/contacts/" + contact, null, HttpRequest.BodyPublishers.noBody())
                .expect(204);
        Api.send(ADMIN, "DELETE", "/api/v1/contacts/" + bystander, null, HttpRequest.BodyPublishers.noBody())
                .expect(204);

        // A person known by their postal address alone has nothing to hold: erased all the same (review 48's H1).
        String postal = Api.post(INTEGRATION, "/api/v1/contacts", """
                        {"country":"FR","locale":"fr","audience":"B2C","customer":false,
                         "postalAddress":{"lines":["%s rue des Lilas"],"postcode":"75001","city":"Paris","country":"FR"}}""".formatted(Api.uniqueKey("n")))
                .expect(201)
                .json()
                .getString("id");
        Api.send(ADMIN, "DELETE", "/api/v1/contacts/" + postal, null, HttpRequest.BodyPublishers.noBody())
                .expect(204);

        String file = outbound(source, "?since=" + since).expect(200).body();
        assertTrue(file.contains(email + ",UNSUBSCRIBED,"), "the erased person's opt-out goes out: " + file);
        assertFalse(file.contains(stayed), file);
        assertEquals(
                List.of("outbound_hold"),
                ErasureIT.residue(List.of(email, stayed)).getJsonArray("hits").stream()
                        .map(h -> h.asJsonObject().getString("table").toLowerCase(java.util.Locale.ROOT))
                        .map(table -> table.substring(table.lastIndexOf('.') + 1))
                        .toList(),
                "the one place their address is kept, for the providers' files, and nobody else's");
        assertEquals(
                "SUPPRESSED_ERASED",
                decide(Fixtures.b2bContact(email, null), Fixtures.purpose(false), "EMAIL"),
                "and the address stays blocked here");
    }

    /**
     * Tester G's finding G5 on a provider's list: the list names the address again with a later date (it unsubscribed
     * again, after the person's own new consent). The list's entry, the same one, is dated anew: the report counts it
     * as a renewal, the decision closes again; the same file sent again renews nothing. Generic and postmark formats.
     */
    @Test
    void aListDatingAnAddressAgainAfterThePersonsNewConsentClosesItAgain() throws Exception {
        String purpose = Fixtures.purpose(false);
        String notice = Fixtures.notice(purpose, "fr", "Oui");
        for (String format : java.util.List.of("generic", "postmark")) {
            String source = Api.uniqueKey("esp");
            String email = Api.uniqueEmail();
            String contact = Fixtures.contact(email, "fr");
            java.util.function.Function<String, String> listing = date -> format.equals("generic")
                    ? "identifier,reason,date\n" + email + ",UNSUBSCRIBED," + date + "\n"
                    : "EmailAddress,SuppressionReason,Origin,CreatedAt\n" + email + ",ManualSuppression,Recipient,"
                            + date + "\n";
            String grant = Fixtures.event(contact, purpose, "EMAIL", "GRANT", notice, null);
            Api.post(INTEGRATION, "/api/v1/consents", grant).expect(201);

            // The list's line dates the unsubscribe after that consent (an entry holds from its line's date).
            Thread.sleep(1_100);
            String unsubscribed = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
            JsonObject first = applied(upload(source, format, listing.apply(unsubscribed)));
            assertEquals(1, first.getInt("additions"), first.toString());
            assertEquals("SUPPRESSED_UNSUBSCRIBED", decide(contact, purpose, "EMAIL"), format);
            JsonObject entry = Api.get(AUDITOR, "/api/v1/suppressions?limit=10&source=list:" + source)
                    .expect(200)
                    .json()
                    .getJsonArray("items")
                    .getJsonObject(0);
            Api.post(INTEGRATION, "/api/v1/consents", grant).expect(201);
            assertEquals("CONSENT_GRANTED", decide(contact, purpose, "EMAIL"), format + ": the person's new consent");

            // A date to the second that is after the consent, never ahead of the server's clock.
            Thread.sleep(1_100);
            String again = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
            JsonObject renewed = applied(upload(source, format, listing.apply(again)));
            assertEquals(0, renewed.getInt("additions"), renewed.toString());
            assertEquals(1, renewed.getInt("renewals"), renewed.toString());
            assertEquals("SUPPRESSED_UNSUBSCRIBED", decide(contact, purpose, "EMAIL"), format + ": listed again");
            JsonObject moved = Api.get(AUDITOR, "/api/v1/suppressions?limit=10&source=list:" + source)
                    .expect(200)
                    .json()
                    .getJsonArray("items")
                    .getJsonObject(0);
            assertEquals(entry.getString("id"), moved.getString("id"), "the same entry");
            assertEquals(Instant.parse(again), Instant.parse(moved.getString("createdAt")), moved.toString());

            JsonObject same = applied(upload(source, format, listing.apply(again)));
            assertEquals(0, same.getInt("renewals"), "the same file again: " + same);
        }
    }

    /**
     * A line that drops out of one snapshot (a provider's export a few lines short one night, under the guard's 20 %) and
     * comes back with its old date says nothing new: the entry it adds again holds from that date, so the person's own
     * opt-in given after it still counts (AD-F10: until 2026-12-06 it was dated from the resync and closed them
     * again). Written now all the same: the other sources' outbound files since the resync send it — but for the person
     * whose newer opt-in answers it (tester AH's F5).
     */
    @Test
    void anEntryBackInTheListWithItsOldDateHoldsFromThatDate() throws Exception {
        String purpose = Fixtures.purpose(false);
        String notice = Fixtures.notice(purpose, "fr", "Oui");
        String source = Api.uniqueKey("esp");
        String other = Api.uniqueKey("esp");
        applied(upload(other, "generic", "identifier,reason\n" + Api.uniqueEmail() + ",HARD_BOUNCE\n"));
        java.util.List<String> emails =
                java.util.stream.Stream.generate(Api::uniqueEmail).limit(10).toList();
        String contact = Fixtures.contact(emails.get(0), "fr");
        Fixtures.contact(emails.get(1), "fr");
        String dated = Fixtures.daysAgo(30);
        java.util.function.Function<java.util.List<String>, String> listing = listed -> "identifier,reason,date\n"
                + listed.stream()
                        .map(e -> e + ",UNSUBSCRIBED," + dated + "\n")
                        .collect(java.util.stream.Collectors.joining());
        assertEquals(
                10, applied(upload(source, "generic", listing.apply(emails))).getInt("additions"));
        Api.post(INTEGRATION, "/api/v1/consents", Fixtures.event(contact, purpose, "EMAIL", "GRANT", notice, null))
                .expect(201);
        assertEquals("CONSENT_GRANTED", decide(contact, purpose, "EMAIL"), "the person's opt-in after the line's date");

        JsonObject shorter = applied(upload(source, "generic", listing.apply(emails.subList(2, 10))));
        assertEquals(2, shorter.getInt("removals"), shorter.toString());
        Instant beforeBack = Instant.now().minusSeconds(1);
        JsonObject back = applied(upload(source, "generic", listing.apply(emails)));
        assertEquals(2, back.getInt("additions"), back.toString());
        assertEquals(
                "CONSENT_GRANTED",
                decide(contact, purpose, "EMAIL"),
                "a line back with its old date is older than the person's opt-in");
        JsonObject entry = Api.get(AUDITOR, "/api/v1/suppressions?limit=10&source=list:" + source)
                .expect(200)
                .json()
                .getJsonArray("items")
                .getValuesAs(JsonObject.class)
                .stream()
                .filter(o -> emails.get(0).equals(o.getString("email", null)))
                .findFirst()
                .orElseThrow();
        assertEquals(
                Instant.parse(dated), Instant.parse(entry.getString("createdAt")), "from its line's date: " + entry);
        String file = outbound(other, "?format=generic&since=" + beforeBack)
                .expect(200)
                .body();
        assertTrue(file.contains(emails.get(1) + ",UNSUBSCRIBED,"), "sent with the files after its return: " + file);
        // The person's opt-in given after the line's date answers it: it stays ours to apply (tester AH's F5).
        assertFalse(file.contains(emails.get(0)), "answered by the person's newer opt-in: " + file);
    }

    /**
     * An undated line (Brevo's blocklist, a generic line without date) that leaves one night's file and comes back the
     * next says nothing new either: its entry holds from the moment the removed one held from, so the person's own
     * opt-in given in between still counts (tester AW's F9: until 2026-12-07 it held from the resync that saw it again
     * and closed them again). A line never listed before still holds from its resync.
     */
    @Test
    void anUndatedLineBackInTheListHoldsFromItsEntryBefore() throws Exception {
        for (String format : List.of("brevo", "generic")) {
            String purpose = Fixtures.purpose(false);
            String notice = Fixtures.notice(purpose, "fr", "Oui");
            String source = Api.uniqueKey("esp");
            List<String> emails =
                    java.util.stream.Stream.generate(Api::uniqueEmail).limit(10).toList();
            String contact = Fixtures.contact(emails.get(0), "fr");
            String fresh = Api.uniqueEmail();
            String newcomer = Fixtures.contact(fresh, "fr");
            java.util.function.Function<List<String>, String> listing =
                    listed -> (format.equals("brevo") ? "EMAIL;NAME\n" : "identifier,reason,date\n")
                            + listed.stream()
                                    .map(e -> format.equals("brevo") ? e + ";x\n" : e + ",UNSUBSCRIBED,\n")
                                    .collect(java.util.stream.Collectors.joining());
            assertEquals(
                    10, applied(upload(source, format, listing.apply(emails))).getInt("additions"));
            for (String who : List.of(contact, newcomer)) {
                Api.post(INTEGRATION, "/api/v1/consents", Fixtures.event(who, purpose, "EMAIL", "GRANT", notice, null))
                        .expect(201);
            }
            assertEquals("CONSENT_GRANTED", decide(contact, purpose, "EMAIL"), format);

            JsonObject shorter = applied(upload(source, format, listing.apply(emails.subList(1, 10))));
            assertEquals(1, shorter.getInt("removals"), shorter.toString());
            List<String> again = new java.util.ArrayList<>(emails);
            again.add(fresh);
            JsonObject back = applied(upload(source, format, listing.apply(again)));
            assertEquals(2, back.getInt("additions"), back.toString());
            assertEquals(
                    "CONSENT_GRANTED",
                    decide(contact, purpose, "EMAIL"),
                    format + ": an undated line back in the list is no newer than the person's opt-in");
            assertEquals(
                    "SUPPRESSED_UNSUBSCRIBED",
                    decide(newcomer, purpose, "EMAIL"),
                    format + ": a line listed for the first time holds from its resync");
        }
    }

    /**
     * A line dated by its day alone says the person unsubscribed some time that day: it holds from the day's end (never
     * later than now), so an opt-in of theirs that morning does not outweigh it; yesterday's does not outweigh today's
     * opt-in. Until 2026-12-06 it held from the day's first instant.
     */
    @Test
    void aLineDatedByItsDayAloneHoldsFromThatDaysEnd() throws Exception {
        String purpose = Fixtures.purpose(false);
        String notice = Fixtures.notice(purpose, "fr", "Oui");
        String source = Api.uniqueKey("esp");
        String today = Api.uniqueEmail();
        String yesterday = Api.uniqueEmail();
        String todays = Fixtures.contact(today, "fr");
        String yesterdays = Fixtures.contact(yesterday, "fr");
        for (String contact : List.of(todays, yesterdays)) {
            Api.post(INTEGRATION, "/api/v1/consents", Fixtures.event(contact, purpose, "EMAIL", "GRANT", notice, null))
                    .expect(201);
        }
        java.time.LocalDate day = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        String file = "identifier,reason,date\n" + today + ",UNSUBSCRIBED," + day + "\n" + yesterday + ",UNSUBSCRIBED,"
                + day.minusDays(1) + "\n";
        JsonObject report = applied(upload(source, "generic", file));
        assertEquals(2, report.getInt("additions"), report.toString());
        assertEquals("SUPPRESSED_UNSUBSCRIBED", decide(todays, purpose, "EMAIL"), "some time today: after the opt-in");
        assertEquals("CONSENT_GRANTED", decide(yesterdays, purpose, "EMAIL"), "yesterday: before today's opt-in");

        // The person opts in again; the same file uploaded again (an hourly sync) says nothing newer (tester AH's F2).
        Api.post(INTEGRATION, "/api/v1/consents", Fixtures.event(todays, purpose, "EMAIL", "GRANT", notice, null))
                .expect(201);
        assertEquals("CONSENT_GRANTED", decide(todays, purpose, "EMAIL"));
        JsonObject again = applied(upload(source, "generic", file));
        assertEquals(0, again.getInt("renewals"), again.toString());
        assertEquals("CONSENT_GRANTED", decide(todays, purpose, "EMAIL"), "the same day's line renews nothing");
    }

    /**
     * A list's line dated while the person held an address they have given up since (a CRM changed it) is their word:
     * it reaches them at the address they have now, as their provider's event does, under the list's name (tester AH's
     * F8: until 2026-12-06 it stayed on the old address, and the person stayed mailable at the new one).
     */
    @Test
    void aDatedLineForAnAddressGivenUpSinceReachesThePersonAtTheirNewOne() throws Exception {
        String purpose = Fixtures.purpose(false);
        String notice = Fixtures.notice(purpose, "fr", "Oui");
        String source = Api.uniqueKey("esp");
        String email = Api.uniqueEmail();
        String contact = Fixtures.contact(email, "fr");
        Api.post(
                        INTEGRATION,
                        "/api/v1/consents",
                        Fixtures.event(contact, purpose, "EMAIL", "GRANT", notice, Fixtures.daysAgo(1)))
                .expect(201);
        Thread.sleep(1_100);
        String madeAt = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        Thread.sleep(1_100);
        Api.send(
                        INTEGRATION,
                        "PATCH",
                        "/api/v1/contacts/" + contact,
                        "application/merge-patch+json",
                        HttpRequest.BodyPublishers.ofString("{\"email\":\"" + Api.uniqueEmail() + "\"}"))
                .expect(200);
        assertEquals("CONSENT_GRANTED", decide(contact, purpose, "EMAIL"));
        JsonObject report = applied(
                upload(source, "generic", "identifier,reason,date\n" + email + ",UNSUBSCRIBED," + madeAt + "\n"));
        assertEquals(1, report.getInt("additions"), report.toString());
        assertEquals("SUPPRESSED_UNSUBSCRIBED", decide(contact, purpose, "EMAIL"), "their word, at their new address");
        JsonObject carried = Api.get(AUDITOR, "/api/v1/contacts/" + contact + "/export")
                .expect(200)
                .json()
                .getJsonArray("suppressions")
                .getJsonObject(0);
        assertEquals("esp:list:" + source, carried.getString("source"), carried.toString());
        assertEquals(Instant.parse(madeAt), Instant.parse(carried.getString("createdAt")), carried.toString());
    }

    /**
     * A list dating its line ahead of the server's clock (2099, a local time read as UTC) does not renew the entry over
     * the person's own newer consent: the date is read as none (AD-F7, until 2026-12-06 the line renewed the entry at
     * the resync's time and blocked the person again).
     */
    @Test
    void aListDatingALineInTheFutureRenewsNothing() throws Exception {
        String purpose = Fixtures.purpose(false);
        String notice = Fixtures.notice(purpose, "fr", "Oui");
        String source = Api.uniqueKey("esp");
        String email = Api.uniqueEmail();
        String contact = Fixtures.contact(email, "fr");
        String grant = Fixtures.event(contact, purpose, "EMAIL", "GRANT", notice, null);
        Api.post(INTEGRATION, "/api/v1/consents", grant).expect(201);
        JsonObject first = applied(upload(
                source, "generic", "identifier,reason,date\n" + email + ",UNSUBSCRIBED," + Fixtures.daysAgo(1) + "\n"));
        assertEquals(1, first.getInt("additions"), first.toString());
        Api.post(INTEGRATION, "/api/v1/consents", grant).expect(201);
        assertEquals("CONSENT_GRANTED", decide(contact, purpose, "EMAIL"), "the person's new consent");

        String ahead = Instant.now()
                .plus(1, ChronoUnit.DAYS)
                .truncatedTo(ChronoUnit.SECONDS)
                .toString();
        JsonObject future = applied(
                upload(source, "generic", "identifier,reason,date\n" + email + ",UNSUBSCRIBED," + ahead + "\n"));
        assertEquals(0, future.getInt("renewals"), future.toString());
        assertEquals(0, future.getInt("rejected"), "still listed: " + future);
        assertEquals("CONSENT_GRANTED", decide(contact, purpose, "EMAIL"), "a date the list cannot have");
    }

    /**
     * A line dated before 1970 is no date a list can have either: it is read as undated, its entry holding from the
     * resync, never lost on its date (tester BA's F8: until 2026-12-07 the entry held from 1960).
     */
    @Test
    void aListDatingALineBefore1970IsReadAsUndated() throws Exception {
        String source = Api.uniqueKey("esp");
        String email = Api.uniqueEmail();
        String contact = Fixtures.contact(email, "fr");
        Instant start = Instant.now().minusSeconds(1);
        JsonObject report = applied(
                upload(source, "generic", "identifier,reason,date\n" + email + ",UNSUBSCRIBED,1960-05-01T10:00:00Z\n"));
        assertEquals(1, report.getInt("additions"), report.toString());
        assertEquals(0, report.getInt("rejected"), report.toString());
        JsonObject entry = Api.get(AUDITOR, "/api/v1/contacts/" + contact + "/export")
                .expect(200)
                .json()
                .getJsonArray("suppressions")
                .getJsonObject(0);
        assertFalse(Instant.parse(entry.getString("createdAt")).isBefore(start), entry.toString());
    }
}
