package eu.consent.it;

import static eu.consent.it.Api.User.ADMIN;
import static eu.consent.it.Api.User.AUDITOR;
import static eu.consent.it.Api.User.CAMPAIGN;
import static eu.consent.it.Api.User.INTEGRATION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Bulk import and export through the real server: exact counts, no re-subscription, restart exactly once. */
class ImportIT {

    private static final Instant YEAR_AGO =
            Instant.now().minus(365, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);

    /**
     * A stop and an import's restart retried with their {@code Idempotency-Key} (a client whose first answer was lost)
     * replay the first answer, the stop's without a body or media type, instead of a 409 that hides whether they ran
     * (tester AK's F4 and F5, until 2026-12-07).
     */
    /**
     * A confirmation date given for a purpose without double opt-in is the person's latest act: it moves the retention
     * clock, and the history shows it as a CONFIRM that changes nothing (tester BF's F2: until 2026-12-07 it moved
     * lastActiveAt and was kept nowhere).
     */
    @Test
    void aConfirmationDateOnAPurposeWithoutDoubleOptInIsKeptWhereTheClockComesFrom() {
        Setup setup = Setup.create(false);
        String email = Api.uniqueEmail();
        String granted = Fixtures.daysAgo(10);
        String confirmed = Fixtures.daysAgo(1);
        JsonObject done = importAndWait(
                "",
                "text/csv",
                "email,country,locale,audience,customer,purpose,channel,action,"
                        + "source,noticeId,occurredAt,confirmedAt,ip\n"
                        + String.join(
                                ",",
                                email,
                                "FR",
                                "fr",
                                "B2C",
                                "false",
                                setup.purpose(),
                                "EMAIL",
                                "GRANT",
                                "WEB_FORM",
                                setup.notice(),
                                granted,
                                confirmed,
                                "203.0.113.9")
                        + "\n");
        assertEquals(1, done.getInt("imported"), done.toString());
        String id = lookup(email).getString("id");
        assertEquals(
                confirmed, Api.get(INTEGRATION, "/api/v1/contacts/" + id).json().getString("lastActiveAt"));
        List<String> events = history(id).getValuesAs(JsonObject.class).stream()
                .map(e -> e.getString("action") + " " + e.getString("occurredAt") + " " + e.getString("state"))
                .toList();
        assertEquals(List.of("GRANT " + granted + " GRANTED", "CONFIRM " + confirmed + " GRANTED"), events);
        assertEquals("GRANTED", state(id, setup.purpose(), "EMAIL"));
    }

    @Test
    void aRetriedStopOrRestartReplaysItsFirstAnswer() throws Exception {
        StringBuilder rows = new StringBuilder("email,country,locale,audience,customer\n");
        String batch = Api.uniqueKey("retried");
        // 200 chunks of 5: the stop below comes milliseconds after the upload's answer, long before the last chunk.
        for (int i = 0; i < 1000; i++) {
            rows.append("rt-%d-%s@example.com,FR,fr,B2C,false\n".formatted(i, batch));
        }
        JsonObject accepted = upload("?chunkSize=5", "text/csv", rows.toString().getBytes(StandardCharsets.UTF_8))
                .expect(202)
                .json();
        String id = accepted.getString("id");
        long execution = accepted.getJsonNumber("executionId").longValue();
        String stopKey = Api.uniqueKey("stop");
        String stop = "/api/v1/jobs/executions/" + execution + "/stop";
        Api.sendWithHeaders(ADMIN, "POST", stop, "", "Idempotency-Key", stopKey).expect(202);
        Api.Answer stoppedAgain = Api.sendWithHeaders(ADMIN, "POST", stop, "", "Idempotency-Key", stopKey)
                .expect(202);
        assertEquals("true", stoppedAgain.header("Idempotent-Replayed"));
        assertNull(stoppedAgain.header("Content-Type"), "no body, no media type");
        assertEquals("STOPPED", JobIT.awaitEnd(execution).getString("status"));
        Api.sendWithHeaders(ADMIN, "POST", stop, "", "Idempotency-Key", stopKey).expect(202);

        String restartKey = Api.uniqueKey("restart");
        String restart = "/api/v1/imports/" + id + "/restart";
        JsonObject first = Api.sendWithHeaders(INTEGRATION, "POST", restart, "", "Idempotency-Key", restartKey)
                .expect(202)
                .json();
        Api.Answer again = Api.sendWithHeaders(INTEGRATION, "POST", restart, "", "Idempotency-Key", restartKey)
                .expect(202);
        assertEquals("true", again.header("Idempotent-Replayed"));
        assertEquals(first, again.json());
        assertEquals(1000, await(id, 240_000).getInt("imported"));
        Api.sendWithHeaders(INTEGRATION, "POST", restart, "", "Idempotency-Key", Api.uniqueKey("restart"))
                .problem(409);
    }

    /** A purpose with a notice, and a marker attribute that sets this test's contacts apart. */
    private record Setup(String purpose, String notice, String batch) {
        static Setup create(boolean doubleOptIn) {
            String purpose = Fixtures.purpose(doubleOptIn);
            return new Setup(purpose, Fixtures.notice(purpose, "fr", "Recevez nos offres"), Api.uniqueKey("batch"));
        }
    }

    static Api.Answer upload(String query, String contentType, byte[] body) {
        return Api.send(INTEGRATION, "POST", "/api/v1/imports" + query, contentType, BodyPublishers.ofByteArray(body));
    }

    /** Uploads and waits for the job to end; returns the final progress. */
    static JsonObject importAndWait(String query, String contentType, String body) {
        Api.Answer accepted = upload(query, contentType, body.getBytes(StandardCharsets.UTF_8))
                .expect(202);
        String id = accepted.json().getString("id");
        assertEquals(
                "/api/v1/imports/" + id, URI.create(accepted.header("Location")).getPath());
        return await(id);
    }

    static JsonObject await(String id) {
        return await(id, 60_000);
    }

    /** Waits up to {@code millis} for the import to end (imports racing one another on Derby may wait out deadlocks). */
    static JsonObject await(String id, long millis) {
        long deadline = System.currentTimeMillis() + millis;
        while (true) {
            JsonObject progress = progress(id);
            assertEquals(
                    progress.getJsonNumber("read").longValue(),
                    progress.getJsonNumber("imported").longValue()
                            + progress.getJsonNumber("updated").longValue()
                            + progress.getJsonNumber("rejected").longValue(),
                    progress::toString);
            String status = progress.getString("status");
            if (List.of("COMPLETED", "FAILED", "STOPPED", "ABANDONED").contains(status)) {
                return progress;
            }
            assertTrue(System.currentTimeMillis() < deadline, "import still running: " + progress);
            sleep(200);
        }
    }

    /**
     * The import's progress; asked again once when the connection was closed under the request: the server closes a
     * keep-alive connection idle for 30 s, and the client may pick it from its pool just then (uploads made at once
     * leave several idle while their imports run).
     */
    private static JsonObject progress(String id) {
        try {
            return Api.get(INTEGRATION, "/api/v1/imports/" + id).expect(200).json();
        } catch (java.io.UncheckedIOException closed) {
            return Api.get(INTEGRATION, "/api/v1/imports/" + id).expect(200).json();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * An import reads phone numbers as the API does (one place): a number with letters is rejected on its line, never
     * converted into a stranger's number (tester AZ's F1: such a row updated the contact of +33612223334), one grouped
     * with the narrow no-break space of French typography is read (AZ's F5), and an overseas number in national form
     * for country FR is the department's (AZ's F3: it was rejected INVALID).
     */
    @Test
    void phonesWithLettersAreRejectedWhileTypographicAndOverseasSpellingsAreRead() {
        String phone = Api.uniqueFrenchMobile();
        String narrow =
                ("0" + phone.substring(3, 4) + phone.substring(4).replaceAll("(..)", " $1")).replace(' ', '\u202f');
        String six = String.format("%06d", Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 1_000_000L));
        JsonObject done = importAndWait(
                "",
                "text/csv",
                "phone,country,locale,audience,customer\n"
                        + "06 1A BC DE FG,FR,fr,B2C,false\n"
                        + narrow + ",FR,fr,B2C,false\n"
                        + "0692 " + six.replaceAll("(..)(?=.)", "$1 ") + ",FR,fr,B2C,false\n");
        assertEquals(1, done.getJsonNumber("rejected").intValue(), done::toString);
        assertEquals(2, done.getJsonNumber("imported").intValue(), done::toString);
        List<String> letters = rejects(done.getString("id")).get(2L);
        assertEquals("INVALID", letters.get(2), letters::toString);
        assertTrue(letters.get(3).contains("must be written in digits"), letters::toString);
        for (String e164 : List.of(phone, "+262692" + six)) {
            Api.post(INTEGRATION, "/api/v1/contacts/lookup", "{\"phone\":\"" + e164 + "\"}")
                    .expect(200);
        }
    }

    /** The rejects report, by line number: [line, original, reason, detail]. */
    static Map<Long, List<String>> rejects(String id) {
        Api.Answer answer =
                Api.get(INTEGRATION, "/api/v1/imports/" + id + "/rejects").expect(200);
        assertEquals("text/csv", answer.contentType());
        List<List<String>> rows = Csv.parse(answer.body());
        assertEquals(List.of("line", "original", "reason", "detail"), rows.get(0));
        return rows.subList(1, rows.size()).stream()
                .collect(Collectors.toMap(r -> Long.parseLong(r.get(0)), Function.identity()));
    }

    static JsonObject lookup(String email) {
        return Api.post(INTEGRATION, "/api/v1/contacts/lookup", "{\"email\":\"" + email + "\"}")
                .expect(200)
                .json();
    }

    static JsonArray consents(String contactId) {
        return Api.get(INTEGRATION, "/api/v1/contacts/" + contactId + "/consents")
                .expect(200)
                .structure()
                .asJsonArray();
    }

    static JsonArray history(String contactId) {
        return Api.get(INTEGRATION, "/api/v1/contacts/" + contactId + "/consents/history")
                .expect(200)
                .structure()
                .asJsonArray();
    }

    static String state(String contactId, String purpose, String channel) {
        return consents(contactId).stream()
                .map(v -> v.asJsonObject())
                .filter(c -> c.getString("purpose").equals(purpose)
                        && c.getString("channel").equals(channel))
                .map(c -> c.getString("state"))
                .findFirst()
                .orElse("NONE");
    }

    @Test
    void mixedFileIsImportedWithExactCountsAndEveryRejectExplained() {
        Setup s = Setup.create(false);
        Setup doi = Setup.create(true);
        String existing = Api.uniqueEmail();
        String existingId = Fixtures.contact(existing, "fr");
        String withdrawn = Api.uniqueEmail();
        String withdrawnId = Fixtures.contact(withdrawn, "fr");
        Api.post(
                        INTEGRATION,
                        "/api/v1/consents",
                        Fixtures.event(withdrawnId, s.purpose(), "EMAIL", "WITHDRAW", null, null))
                .expect(201);
        String suppressed = Api.uniqueEmail();
        Api.post(INTEGRATION, "/api/v1/suppressions", """
                {"email":"%s","channel":"EMAIL","reason":"MANUAL"}""".formatted(suppressed)).expect(201);
        String a = Api.uniqueEmail();
        String b = Api.uniqueEmail();
        String c = Api.uniqueEmail();
        String d = Api.uniqueEmail();
        String doiOk = Api.uniqueEmail();
        String mobile = Api.uniqueFrenchMobile();
        String when = YEAR_AGO.toString();
        String n = s.notice();
        // Semicolons, a BOM, CRLF line ends, quoted cells (one across two lines), upper-case in an address.
        String file = "\uFEFFemail;phone;country;locale;audience;customer;attr.batch;attr.note;purpose;channel;action;"
                + "source;noticeId;occurredAt;confirmedAt;ip;formUrl;externalId\r\n"
                // 2: new contact with a consent and a formula kept as data
                + a.toUpperCase() + ";;FR;fr;B2C;false;" + s.batch() + ";note;" + s.purpose()
                + ";EMAIL;GRANT;WEB_FORM;" + n + ";" + when + ";;198.51.100.4;https://shop.example/form;\"=cmd|' /C"
                + " calc'!A0\"\r\n"
                // 3: new contact without consent, a quoted note over two lines
                + b + ";" + mobile + ";FR;fr;B2B;true;" + s.batch() + ";\"two\r\nlines; one cell\";;;;;;;;;;\r\n"
                // 5: the existing contact, updated, with a consent
                + existing + ";;FR;fr;B2C;true;" + s.batch() + ";;" + s.purpose() + ";EMAIL;GRANT;PAPER;" + n + ";"
                + when + ";;;;\r\n"
                // 6: same address as line 2 again: an update of the contact line 2 created
                + a + ";;;;;;" + s.batch() + ";second;;;;;;;;;;\r\n"
                // 7: bad email
                + "not-an-email;;FR;fr;B2C;false;" + s.batch() + ";;;;;;;;;;;\r\n"
                // 8: unknown purpose
                + c + ";;FR;fr;B2C;false;" + s.batch() + ";;nope;EMAIL;GRANT;;" + n + ";" + when + ";;;;\r\n"
                // 9: suppressed address
                + suppressed + ";;FR;fr;B2C;false;" + s.batch() + ";;" + s.purpose() + ";EMAIL;GRANT;;" + n + ";"
                + when + ";;;;\r\n"
                // 10: the person withdrew after this (old) consent
                + withdrawn + ";;FR;fr;B2C;false;" + s.batch() + ";;" + s.purpose() + ";EMAIL;GRANT;;" + n + ";"
                + when + ";;;;\r\n"
                // 11: double opt-in purpose without confirmation
                + d + ";;FR;fr;B2C;false;" + s.batch() + ";;" + doi.purpose() + ";EMAIL;GRANT;;" + doi.notice() + ";"
                + when + ";;;;\r\n"
                // 12: double opt-in purpose with its confirmation
                + doiOk + ";;FR;fr;B2C;false;" + s.batch() + ";;" + doi.purpose() + ";EMAIL;GRANT;;" + doi.notice()
                + ";" + when + ";" + YEAR_AGO.plusSeconds(600) + ";;;\r\n"
                // 13: new contact without locale (no default given)
                + Api.uniqueEmail() + ";;FR;;B2C;false;" + s.batch() + ";;;;;;;;;;;\r\n"
                // 14: too few cells
                + Api.uniqueEmail() + ";FR\r\n"
                + "\r\n";
        JsonObject done = importAndWait("", "text/csv", file);
        assertEquals("COMPLETED", done.getString("status"), done.toString());
        assertEquals(12, done.getInt("read"), done.toString());
        assertEquals(
                done.getJsonNumber("size"), done.getJsonNumber("position"), "a finished import is read to its end");
        assertTrue(Api.get(AUDITOR, "/api/v1/audit?limit=1000&contactId=" + done.getString("id"))
                .body()
                .contains("IMPORT_COMPLETED"));
        assertEquals(3, done.getInt("imported"), () -> done + " " + rejects(done.getString("id"))); // 2, 3-4, 12
        assertEquals(2, done.getInt("updated"), done.toString()); // lines 5 and 6
        assertEquals(7, done.getInt("rejected"), done.toString());
        Map<Long, List<String>> rejects = rejects(done.getString("id"));
        assertEquals(
                Map.of(
                        7L, "INVALID",
                        8L, "INVALID",
                        9L, "SUPPRESSED",
                        10L, "WITHDRAWN_LATER",
                        11L, "NOT_CONFIRMED",
                        13L, "INVALID",
                        14L, "INVALID"),
                rejects.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue()
                        .get(2))));
        assertTrue(rejects.get(7L).get(3).startsWith("email"), rejects.get(7L).toString());
        assertTrue(rejects.get(8L).get(3).contains("purpose"), rejects.get(8L).toString());
        assertTrue(rejects.get(13L).get(3).contains("locale"), rejects.get(13L).toString());
        assertEquals(
                suppressed + ";;FR;fr;B2C;false;" + s.batch() + ";;" + s.purpose() + ";EMAIL;GRANT;;" + n + ";" + when
                        + ";;;;",
                rejects.get(9L).get(1));

        JsonObject first = lookup(a);
        assertEquals("second", first.getJsonObject("attributes").getString("note"));
        assertEquals("=cmd|' /C calc'!A0", first.getString("externalId"));
        assertEquals("GRANTED", state(first.getString("id"), s.purpose(), "EMAIL"));
        JsonObject event = history(first.getString("id")).getJsonObject(0);
        assertEquals("IMPORT", event.getString("source"));
        assertEquals("WEB_FORM", event.getString("origin"));
        assertEquals(when, event.getString("occurredAt"));
        assertEquals("198.51.100.4", event.getJsonObject("proof").getString("ip"));
        assertEquals(
                "two\nlines; one cell", lookup(b).getJsonObject("attributes").getString("note"));
        assertEquals(mobile, lookup(b).getString("phone"));
        JsonObject updated = Api.get(INTEGRATION, "/api/v1/contacts/" + existingId)
                .expect(200)
                .json();
        assertTrue(updated.getBoolean("customer"));
        assertEquals("GRANTED", state(existingId, s.purpose(), "EMAIL"));
        assertEquals("WITHDRAWN", state(withdrawnId, s.purpose(), "EMAIL"));
        assertEquals("GRANTED", state(lookup(doiOk).getString("id"), doi.purpose(), "EMAIL"));
        assertEquals(
                404,
                Api.post(INTEGRATION, "/api/v1/contacts/lookup", "{\"email\":\"" + d + "\"}")
                        .status());
        assertEquals(
                404,
                Api.post(INTEGRATION, "/api/v1/contacts/lookup", "{\"email\":\"" + suppressed + "\"}")
                        .status());

        // Erasing a person also erases the rejected rows that hold their address.
        Api.send(ADMIN, "DELETE", "/api/v1/contacts/" + withdrawnId, null, BodyPublishers.noBody())
                .expect(204);
        assertEquals(
                Set.of(7L, 8L, 9L, 11L, 13L, 14L), rejects(done.getString("id")).keySet());

        // The formula is data in the database, neutralized in the CSV export.
        String csv = exported(s.batch(), "text/csv").body();
        assertTrue(csv.contains("'=cmd|"), csv);
        assertFalse(csv.contains(",=cmd") || csv.contains("\"=cmd"), csv);
        // The type by the Accept's weights, never outside its ranges (tester BK's F17: NDJSON won whenever named).
        Map<String, String> chosen = Map.of(
                "text/csv, application/x-ndjson;q=0.5", "text/csv",
                "application/x-ndjson;q=0.1, text/csv;q=0.9", "text/csv",
                "application/*", "application/x-ndjson",
                "application/x-ndjson", "application/x-ndjson");
        chosen.forEach((accept, type) ->
                assertTrue(exported(s.batch(), accept).header("Content-Type").startsWith(type), accept));
    }

    /** The auditor's export of one import's batch, asked for with {@code accept}: a 200. */
    private static Api.Answer exported(String batch, String accept) {
        return Api.send(
                        AUDITOR,
                        "GET",
                        "/api/v1/exports/contacts?attr.batch=" + batch,
                        null,
                        BodyPublishers.noBody(),
                        "Accept",
                        accept)
                .expect(200);
    }

    /**
     * The CSV export read back by the import changes nothing, whatever a value starts with: an address or an id
     * beginning with an apostrophe was exported as it was, read back without it, and so created another person or
     * changed the id (until 2026-12-06).
     */
    @Test
    void anExportedCsvImportedAgainChangesNothingWhateverItsValuesStartWith() {
        String batch = Api.uniqueKey("batch");
        String tag = Api.uniqueKey("q");
        Map<String, String> people = new LinkedHashMap<>();
        people.put("'-" + tag + "@example.org", "'=" + tag);
        people.put("-" + tag + "@example.org", "''" + tag);
        people.put("'" + tag + "@example.org", "=" + tag);
        for (Map.Entry<String, String> p : people.entrySet()) {
            Api.post(
                            INTEGRATION,
                            "/api/v1/contacts",
                            Json.createObjectBuilder()
                                    .add("email", p.getKey())
                                    .add("externalId", p.getValue())
                                    .add("country", "FR")
                                    .add("locale", "fr")
                                    .add("audience", "B2C")
                                    .add("customer", false)
                                    .add(
                                            "attributes",
                                            Json.createObjectBuilder().add("batch", batch))
                                    .build()
                                    .toString())
                    .expect(201);
        }
        String csv = Api.send(
                        AUDITOR,
                        "GET",
                        "/api/v1/exports/contacts?format=csv&attr.batch=" + batch,
                        null,
                        BodyPublishers.noBody())
                .expect(200)
                .body();

        JsonObject done = importAndWait("", "text/csv", csv);

        assertEquals("COMPLETED", done.getString("status"), done.toString());
        assertEquals(0, done.getInt("imported"), done + "\n" + csv);
        assertEquals(0, done.getInt("rejected"), done + "\n" + csv);
        List<String> lines = export(batch).lines().toList();
        assertEquals(people.size(), lines.size(), String.join("\n", lines));
        for (Map.Entry<String, String> p : people.entrySet()) {
            JsonObject contact = lookup(p.getKey());
            assertEquals(p.getValue(), contact.getString("externalId"), p.getKey());
        }
    }

    @Test
    void reimportingTheSameFileChangesNothing() {
        Setup s = Setup.create(false);
        StringBuilder file = new StringBuilder(
                "email,country,locale,audience,customer,attr.batch,purpose,channel,action," + "noticeId,occurredAt\n");
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            String email = Api.uniqueEmail();
            emails.add(email);
            file.append(email)
                    .append(",DE,de,B2C,false,")
                    .append(s.batch())
                    .append(',')
                    .append(s.purpose())
                    .append(",EMAIL,GRANT,")
                    .append(s.notice())
                    .append(',')
                    .append(YEAR_AGO)
                    .append('\n');
        }
        JsonObject first = importAndWait("", "text/csv", file.toString());
        assertEquals(30, first.getInt("imported"), first.toString());
        JsonObject before = lookup(emails.get(7));
        String exportBefore = export(s.batch());

        JsonObject second = importAndWait("", "text/csv", file.toString());
        assertEquals("COMPLETED", second.getString("status"));
        assertEquals(30, second.getInt("read"));
        assertEquals(0, second.getInt("imported"));
        assertEquals(30, second.getInt("updated"));
        assertEquals(0, second.getInt("rejected"));
        assertEquals(before, lookup(emails.get(7)));
        assertEquals(1, history(before.getString("id")).size());
        assertEquals(exportBefore, export(s.batch()));
    }

    /**
     * An upload retried with its {@code Idempotency-Key} (its first answer lost) gets that answer again, the same import,
     * not a second one; the key with another file is a 422. The body is hashed as it streams, never held in memory.
     */
    @Test
    void anUploadRetriedWithItsKeyReplaysTheFirstImport() {
        Setup s = Setup.create(false);
        String file = "email,country,locale,audience,customer,purpose,channel,action,noticeId,occurredAt\n"
                + Api.uniqueEmail() + ",FR,fr,B2C,false," + s.purpose() + ",EMAIL,GRANT," + s.notice() + "," + YEAR_AGO
                + "\n";
        String key = Api.uniqueKey("upload");
        String first = withKey(key, file).expect(202).json().getString("id");
        Api.Answer again = withKey(key, file);
        again.expect(202);
        assertEquals("true", again.header("Idempotent-Replayed"));
        assertEquals(first, again.json().getString("id"));
        assertEquals(
                "/api/v1/imports/" + first, URI.create(again.header("Location")).getPath());
        withKey(key, file + Api.uniqueEmail() + ",FR,fr,B2C,false,,,,,\n").problem(422);
        JsonObject done = await(first);
        assertEquals(1, done.getInt("imported"), done.toString());
        assertEquals(
                "true", withKey(key, file).expect(202).header("Idempotent-Replayed"), "still the first, once done");
    }

    private static Api.Answer withKey(String key, String csv) {
        return Api.send(
                INTEGRATION,
                "POST",
                "/api/v1/imports",
                "text/csv",
                BodyPublishers.ofString(csv, StandardCharsets.UTF_8),
                "Idempotency-Key",
                key);
    }

    /**
     * Three writers at once ({@code ?partitions=3}), chunks of four: each person's rows go to one writer in file order
     * (a later withdrawal lands after the grant it follows, a person's second row updates what the first created),
     * rejects are kept once and the counts are the sums of every writer's.
     */
    @Test
    void aPartitionedImportWritesEachPersonsRowsInFileOrderAndEveryRowOnce() {
        Setup s = Setup.create(false);
        String dayLater = YEAR_AGO.plus(1, ChronoUnit.DAYS).toString();
        StringBuilder file =
                new StringBuilder("email,phone,country,locale,audience,customer,attr.batch,purpose,channel,"
                        + "action,noticeId,occurredAt\n");
        List<String> emails = new ArrayList<>();
        List<Long> badLines = new ArrayList<>();
        long line = 1;
        for (int i = 0; i < 30; i++) {
            String email = Api.uniqueEmail();
            emails.add(email);
            file.append(email + ",,DE,de,B2C,false," + s.batch() + "," + s.purpose() + ",EMAIL,GRANT," + s.notice()
                    + "," + YEAR_AGO + "\n");
            line++;
            if (i % 10 == 0) {
                file.append("not-an-email-" + i + ",,DE,de,B2C,false," + s.batch() + ",,,,,\n");
                badLines.add(++line);
            }
        }
        for (int i = 0; i < 30; i += 3) {
            file.append(emails.get(i) + ",,DE,de,B2C,false," + s.batch() + "," + s.purpose() + ",EMAIL,WITHDRAW,,"
                    + dayLater + "\n");
        }
        List<String> mobiles = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            mobiles.add(Api.uniqueFrenchMobile());
            file.append("," + mobiles.get(i) + ",DE,de,B2C,false," + s.batch() + ",,,,,\n");
        }

        JsonObject done = importAndWait("?partitions=3&chunkSize=4", "text/csv", file.toString());

        assertEquals("COMPLETED", done.getString("status"), done.toString());
        assertEquals(46, done.getInt("read"));
        assertEquals(33, done.getInt("imported"));
        assertEquals(10, done.getInt("updated"));
        assertEquals(3, done.getInt("rejected"));
        Map<Long, List<String>> rejects = rejects(done.getString("id"));
        assertEquals(Set.copyOf(badLines), rejects.keySet(), rejects.toString());
        for (int i = 0; i < 30; i++) {
            String id = lookup(emails.get(i)).getString("id");
            assertEquals(i % 3 == 0 ? "WITHDRAWN" : "GRANTED", state(id, s.purpose(), "EMAIL"), emails.get(i));
            assertEquals(i % 3 == 0 ? 2 : 1, history(id).size(), emails.get(i));
        }
        assertEquals(33, export(s.batch()).lines().count(), "one contact per person, none twice");
    }

    /**
     * Imports carrying the same new people at once (a CRM's file uploaded twice, two nightly feeds): the chunk that
     * finds a person created meanwhile by another import, its insert refused by the email's unique key, is rolled back
     * and done again by the same run, whose re-read updates the person. Every import completes, each person exists
     * once and was created once, with one consent event. Until 2026-12-06 such an import ended FAILED.
     */
    @Test
    void importsCarryingTheSameNewPeopleAtOnceAllCompleteAndCreateEachOnce() throws Exception {
        Setup s = Setup.create(false);
        StringBuilder file = new StringBuilder(
                "email,country,locale,audience,customer,attr.batch,purpose,channel,action,noticeId,occurredAt\n");
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            String email = Api.uniqueEmail();
            emails.add(email);
            file.append(email + ",FR,fr,B2C,false," + s.batch() + "," + s.purpose() + ",EMAIL,GRANT," + s.notice() + ","
                    + YEAR_AGO + "\n");
        }
        byte[] body = file.toString().getBytes(StandardCharsets.UTF_8);
        List<String> ids = Burst.atOnce(
                8, i -> upload("", "text/csv", body).expect(202).json().getString("id"));

        long created = 0;
        for (String id : ids) {
            JsonObject done = await(id, 240_000);
            assertEquals("COMPLETED", done.getString("status"), done.toString());
            assertEquals(50, done.getInt("read"), done.toString());
            assertEquals(0, done.getInt("rejected"), done.toString());
            created += done.getInt("imported");
        }
        assertEquals(50, created, "each person created by one import only");
        assertEquals(50, export(s.batch()).lines().count(), "one contact per person");
        for (String email : emails) {
            String id = lookup(email).getString("id");
            assertEquals("GRANTED", state(id, s.purpose(), "EMAIL"), email);
            assertEquals(1, history(id).size(), email);
        }
    }

    /**
     * An import while the API creates some of the same new people (a web form signing up a person the nightly CRM file
     * carries): whichever comes first creates the person, the other finds them — the API answers 409 with the
     * existing id, the import's chunk is done again and updates them. The import completes; nobody is created twice.
     */
    @Test
    void anImportWhileTheApiCreatesTheSamePeopleCompletesAndCreatesEachOnce() throws Exception {
        Setup s = Setup.create(false);
        int rows = 400;
        StringBuilder file = new StringBuilder(
                "email,country,locale,audience,customer,attr.batch,purpose,channel,action,noticeId,occurredAt\n");
        List<String> emails = new ArrayList<>();
        for (int i = 0; i < rows; i++) {
            String email = Api.uniqueEmail();
            emails.add(email);
            file.append(email + ",FR,fr,B2C,false," + s.batch() + "," + s.purpose() + ",EMAIL,GRANT," + s.notice() + ","
                    + YEAR_AGO + "\n");
        }
        String id = upload("?chunkSize=5", "text/csv", file.toString().getBytes(StandardCharsets.UTF_8))
                .expect(202)
                .json()
                .getString("id");
        // Four clients create the file's people from its end while the import writes them from its start.
        int clients = 4;
        List<Integer> createdByApi = Burst.atOnce(clients, c -> {
            int made = 0;
            for (int i = rows - 1 - c; i >= rows / 4; i -= clients) {
                String contact = """
                        {"email":"%s","country":"FR","locale":"fr","audience":"B2C","customer":false,\
                        "attributes":{"batch":"%s"}}""".formatted(emails.get(i), s.batch());
                Api.Answer answer = Api.post(INTEGRATION, "/api/v1/contacts", contact);
                // A 503 (a deadlock lost to the import) asks the client to try again, as a client would.
                for (int retry = 0; answer.status() == 503 && retry < 10; retry++) {
                    answer = Api.post(INTEGRATION, "/api/v1/contacts", contact);
                }
                assertTrue(answer.status() == 201 || answer.status() == 409, answer.status() + " " + answer.body());
                made += answer.status() == 201 ? 1 : 0;
            }
            return made;
        });
        JsonObject done = await(id, 240_000);
        assertEquals("COMPLETED", done.getString("status"), done.toString());
        assertEquals(rows, done.getInt("read"), done.toString());
        assertEquals(0, done.getInt("rejected"), done.toString());
        int api = createdByApi.stream().mapToInt(Integer::intValue).sum();
        assertEquals(rows, done.getInt("imported") + api, done + ", created through the API: " + api);
        assertEquals(rows, done.getInt("imported") + done.getInt("updated"), done.toString());
        assertEquals(rows, export(s.batch()).lines().count(), "one contact per person");
    }

    private static String export(String batch) {
        return Api.send(
                        AUDITOR,
                        "GET",
                        "/api/v1/exports/contacts?format=ndjson&attr.batch=" + batch,
                        null,
                        BodyPublishers.noBody())
                .expect(200)
                .body();
    }

    /**
     * Decided once for both paths: a WITHDRAW or OBJECT is an opt-out in the statistics whichever path recorded it (the
     * import fires the API's own event), dated when it happened, under its source; a re-import counts nothing twice.
     */
    @Test
    void anImportedWithdrawalCountsInTheOptOutStatisticsAsTheApisDoes() {
        Setup s = Setup.create(false);
        String byApi = Fixtures.contact(Api.uniqueEmail(), "fr");
        Api.post(INTEGRATION, "/api/v1/consents", Fixtures.event(byApi, s.purpose(), "EMAIL", "WITHDRAW", null, null))
                .expect(201);
        String file = "email,country,locale,audience,customer,purpose,channel,action,noticeId,occurredAt\n"
                + Api.uniqueEmail() + ",FR,fr,B2C,false," + s.purpose() + ",EMAIL,WITHDRAW,," + Fixtures.daysAgo(2)
                + "\n" + Api.uniqueEmail() + ",FR,fr,B2C,false," + s.purpose() + ",EMAIL,OBJECT,," + Fixtures.daysAgo(3)
                + "\n" + Api.uniqueEmail() + ",FR,fr,B2C,false," + s.purpose() + ",EMAIL,GRANT," + s.notice() + ","
                + Fixtures.daysAgo(3) + "\n";
        JsonObject done = importAndWait("", "text/csv", file);
        assertEquals(3, done.getInt("imported"), done.toString());
        String stats = "/api/v1/stats/opt-outs?by=source&purpose=" + s.purpose() + "&from=" + Fixtures.dateDaysAgo(7);
        Map<String, Integer> bySource = optOutsBySource(stats);
        assertEquals(Map.of("WEB_FORM", 1, "IMPORT", 2), bySource, bySource.toString());

        JsonObject again = importAndWait("", "text/csv", file);
        assertEquals(3, again.getInt("updated"), again.toString());
        assertEquals(bySource, optOutsBySource(stats));
    }

    /**
     * The rule of the API holds for imports: an imported WITHDRAW or OBJECT is an opt-out only where it changed the
     * state (a CRM's file repeating its withdrawals every night, a withdrawal dated before the person's own grant, are
     * none). Until 2026-12-06 every imported WITHDRAW row was another opt-out in the statistics.
     */
    @Test
    void anImportedWithdrawalThatChangesNothingIsNoOptOut() {
        Setup s = Setup.create(false);
        String left = Api.uniqueEmail();
        String stays = Api.uniqueEmail();
        Api.post(
                        INTEGRATION,
                        "/api/v1/consents",
                        Fixtures.event(
                                Fixtures.contact(stays, "fr"),
                                s.purpose(),
                                "EMAIL",
                                "GRANT",
                                s.notice(),
                                Fixtures.daysAgo(1)))
                .expect(201);
        String head = "email,country,locale,audience,customer,purpose,channel,action,noticeId,occurredAt\n";
        java.util.function.BiFunction<String, String, String> row = (email, actionAndNotice) ->
                email + ",FR,fr,B2C,false," + s.purpose() + ",EMAIL," + actionAndNotice + "\n";
        String grant = "GRANT," + s.notice() + ",";
        JsonObject first = importAndWait(
                "",
                "text/csv",
                head
                        + row.apply(left, grant + Fixtures.daysAgo(5))
                        + row.apply(left, "WITHDRAW,," + Fixtures.daysAgo(4))
                        + row.apply(left, "WITHDRAW,," + Fixtures.daysAgo(3))
                        + row.apply(stays, "WITHDRAW,," + Fixtures.daysAgo(2)));
        assertEquals("COMPLETED", first.getString("status"), first.toString());
        assertEquals(0, first.getInt("rejected"), first.toString());
        String stats = "/api/v1/stats/opt-outs?by=source&purpose=" + s.purpose() + "&from=" + Fixtures.dateDaysAgo(7);
        JsonObject once = Api.get(AUDITOR, stats).expect(200).json();
        assertEquals(1, once.getJsonNumber("events").longValue(), "the first withdrawal only: " + once);
        assertEquals(1, once.getJsonNumber("total").longValue(), once.toString());

        // The next night's file repeats the withdrawal, then objects: the objection changes the state, and counts.
        JsonObject second = importAndWait(
                "",
                "text/csv",
                head
                        + row.apply(left, "WITHDRAW,," + Fixtures.daysAgo(1))
                        + row.apply(
                                left,
                                "OBJECT,," + Instant.parse(Fixtures.daysAgo(0)).minusSeconds(60))
                        + row.apply(left, "OBJECT,," + Fixtures.daysAgo(0)));
        assertEquals("COMPLETED", second.getString("status"), second.toString());
        JsonObject twice = Api.get(AUDITOR, stats).expect(200).json();
        assertEquals(2, twice.getJsonNumber("events").longValue(), "and the objection once: " + twice);
        assertEquals(1, twice.getJsonNumber("total").longValue(), twice.toString());
    }

    /** People who opted out per source, as the statistics answer (only sources with someone). */
    private static Map<String, Integer> optOutsBySource(String path) {
        return Api.get(AUDITOR, path).expect(200).json().getJsonArray("buckets").stream()
                .map(v -> v.asJsonObject())
                .filter(b -> b.getInt("people") > 0)
                .collect(Collectors.toMap(b -> b.getString("key"), b -> b.getInt("people")));
    }

    @Test
    void anImportNeverResubscribesSomeoneWhoOptedOut() {
        Setup s = Setup.create(false);
        String email = Api.uniqueEmail();
        String id = Fixtures.contact(email, "fr");
        Api.post(INTEGRATION, "/api/v1/consents", Fixtures.event(id, s.purpose(), "EMAIL", "GRANT", s.notice(), null))
                .expect(201);
        String url = Api.post(CAMPAIGN, "/api/v1/unsubscribe-links", "{\"contactId\":\"" + id + "\"}")
                .expect(200)
                .json()
                .getString("unsubscribeUrl");
        Api.send(
                        Api.User.NOBODY,
                        "POST",
                        url,
                        "application/x-www-form-urlencoded",
                        BodyPublishers.ofString("List-Unsubscribe=One-Click"))
                .expect(200);
        assertEquals("WITHDRAWN", state(id, s.purpose(), "EMAIL"));

        // A consent from the file dated after the opt-out still does not bring the person back.
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        String ndjson = Json.createObjectBuilder()
                        .add("email", email)
                        .add("purpose", s.purpose())
                        .add("channel", "EMAIL")
                        .add("action", "GRANT")
                        .add("noticeId", s.notice())
                        .add("occurredAt", now)
                        .build()
                + "\n";
        JsonObject done = importAndWait("", "application/x-ndjson", ndjson);
        assertEquals(1, done.getInt("rejected"), done.toString());
        assertEquals("SUPPRESSED", rejects(done.getString("id")).get(1L).get(2));
        assertEquals("WITHDRAWN", state(id, s.purpose(), "EMAIL"));
        JsonObject decision = Api.post(CAMPAIGN, "/api/v1/decisions", """
                {"contactId":"%s","purpose":"%s","channel":"EMAIL"}""".formatted(id, s.purpose()))
                .expect(200)
                .json();
        assertFalse(decision.getBoolean("allowed"), decision.toString());
    }

    /**
     * A row holding a number of more than 100 characters is rejected with its reason; the rows around it are imported.
     * Past 1,100 digits the parser failed with an exception that was no parsing error: the whole import FAILED having
     * read nothing, its rejects report empty, and a restart met the same row (until 2026-12-06).
     */
    @Test
    void aRowHoldingAHugeNumberIsRejectedAndTheOthersAreImported() {
        String huge = "1".repeat(1_101);
        List<String> emails = List.of(Api.uniqueEmail(), Api.uniqueEmail(), Api.uniqueEmail());
        String ndjson = """
                {"email":"%s","country":"FR","locale":"fr","audience":"B2C","customer":false}
                {"email":"%s","country":"FR","locale":"fr","audience":"B2C","customer":false,"attributes":{"n":%s}}
                {"email":"%s","country":"FR","locale":"fr","audience":"B2C","customer":false}
                """.formatted(emails.get(0), emails.get(1), huge, emails.get(2));
        JsonObject done = importAndWait("", "application/x-ndjson", ndjson);
        assertEquals("COMPLETED", done.getString("status"), done.toString());
        assertEquals(3, done.getInt("read"), done.toString());
        assertEquals(2, done.getInt("imported"), done.toString());
        List<String> rejected = rejects(done.getString("id")).get(2L);
        assertEquals("INVALID", rejected.get(2), rejected.toString());
        assertTrue(rejected.get(3).contains("beyond 1e1000"), rejected.toString());
        lookup(emails.get(0));
        lookup(emails.get(2));
        Api.post(INTEGRATION, "/api/v1/contacts/lookup", "{\"email\":\"" + emails.get(1) + "\"}")
                .problem(404);

        String email = Api.uniqueEmail();
        String csv = "email,country,locale,audience,customer,attributes\n"
                + email + ",FR,fr,B2C,false,\"{\"\"n\"\":" + huge + "}\"\n"
                + Api.uniqueEmail() + ",FR,fr,B2C,false,\n";
        JsonObject fromCsv = importAndWait("", "text/csv", csv);
        assertEquals("COMPLETED", fromCsv.getString("status"), fromCsv.toString());
        assertEquals(1, fromCsv.getInt("imported"), fromCsv.toString());
        assertEquals(Set.of(2L), rejects(fromCsv.getString("id")).keySet(), fromCsv.toString());
    }

    @Test
    void aConsentAtTheInstantOfAWithdrawalAndAnErasedPersonAreNotBroughtBack() {
        Setup s = Setup.create(false);
        String email = Api.uniqueEmail();
        String id = Fixtures.contact(email, "fr");
        String day = Fixtures.dateDaysAgo(300);
        String at = day + "T00:00:00Z";
        Api.post(INTEGRATION, "/api/v1/consents", Fixtures.event(id, s.purpose(), "EMAIL", "WITHDRAW", null, at))
                .expect(201);
        // A person who opted out and was then erased leaves a keyed hash: an import may bring the person back (as
        // the API may), but not their consent, and the mark keeps blocking prospecting until their own opt-in.
        String erased = Api.uniqueEmail();
        String erasedId = Fixtures.contact(erased, "fr");
        String url = Api.post(CAMPAIGN, "/api/v1/unsubscribe-links", "{\"contactId\":\"" + erasedId + "\"}")
                .expect(200)
                .json()
                .getString("unsubscribeUrl");
        Api.send(
                        Api.User.NOBODY,
                        "POST",
                        url,
                        "application/x-www-form-urlencoded",
                        BodyPublishers.ofString("List-Unsubscribe=One-Click"))
                .expect(200);
        Api.send(ADMIN, "DELETE", "/api/v1/contacts/" + erasedId, null, BodyPublishers.noBody())
                .expect(204);

        String file = "email,country,locale,audience,customer,purpose,channel,action,noticeId,occurredAt\n"
                + email + ",FR,fr,B2C,false," + s.purpose() + ",EMAIL,GRANT," + s.notice() + "," + day + "\n"
                + erased + ",FR,fr,B2C,false,,,,,\n"
                + erased + ",FR,fr,B2C,false," + s.purpose() + ",SOCIAL_ADS,GRANT," + s.notice() + ","
                + Fixtures.dateDaysAgo(299) + "\n";
        JsonObject done = importAndWait("", "text/csv", file);
        Map<Long, List<String>> rejects = rejects(done.getString("id"));
        assertEquals("WITHDRAWN_LATER", rejects.get(2L).get(2), rejects.toString());
        assertEquals(null, rejects.get(3L), rejects.toString());
        assertEquals("INVALID", rejects.get(4L).get(2), rejects.toString()); // SOCIAL_ADS is not a channel of it
        assertEquals("WITHDRAWN", state(id, s.purpose(), "EMAIL"));
        String back = lookup(erased).getString("id");
        assertEquals(
                "SUPPRESSED_ERASED",
                Recipients.decision(back, s.purpose(), "EMAIL").getString("rule"));

        // The import's consent on the erased identifier is refused by the API's own rule: only the person lifts it.
        String again = "email,country,locale,audience,customer,purpose,channel,action,noticeId,occurredAt,ip\n"
                + erased + ",FR,fr,B2C,false," + s.purpose() + ",EMAIL,GRANT," + s.notice() + ","
                + Fixtures.dateDaysAgo(1) + ",203.0.113.4\n";
        Map<Long, List<String>> refused =
                rejects(importAndWait("", "text/csv", again).getString("id"));
        assertEquals("SUPPRESSED", refused.get(2L).get(2), refused.toString());
        assertEquals("NONE", state(back, s.purpose(), "EMAIL"));
    }

    /**
     * A line may not claim one of the server's own sources (the preference page, an unsubscribe link, a mail
     * provider's report, an operator): as on {@code POST /api/v1/consents}, where they are a 422, the line is rejected
     * naming the source, records nothing and moves nobody's last act; the rest of the file is imported.
     */
    @Test
    void aLineClaimingTheServersOwnSourceIsRejectedAndRecordsNothing() {
        String purpose = Fixtures.purpose(false);
        String notice = Fixtures.notice(purpose, "fr", "Oui");
        List<String> emails = List.of(Api.uniqueEmail(), Api.uniqueEmail(), Api.uniqueEmail(), Api.uniqueEmail());
        List<String> ids = emails.stream().map(e -> Fixtures.contact(e, "fr")).toList();
        String at = Fixtures.daysAgo(1);
        StringBuilder csv = new StringBuilder("email,purpose,channel,action,source,noticeId,occurredAt,ip\n");
        List<String> sources = List.of("PREFERENCE_CENTER", "admin", "ONE_CLICK", "WEB_FORM");
        for (int i = 0; i < emails.size(); i++) {
            csv.append(String.join(
                            ",", emails.get(i), purpose, "EMAIL", "GRANT", sources.get(i), notice, at, "198.51.100.7"))
                    .append('\n');
        }
        JsonObject done = importAndWait("", "text/csv", csv.toString());
        Map<Long, List<String>> rejects = rejects(done.getString("id"));
        assertEquals(3, done.getInt("rejected"), () -> done + " " + rejects);
        for (long line = 2; line <= 4; line++) {
            String detail = rejects.get(line).get(3);
            assertTrue(detail.contains("is the server's own source"), rejects.toString());
            String id = ids.get((int) line - 2);
            assertEquals("NONE", state(id, purpose, "EMAIL"));
            assertEquals(
                    JsonValue.NULL,
                    Api.get(INTEGRATION, "/api/v1/contacts/" + id).json().get("lastActiveAt"),
                    "a refused line is nobody's act");
        }
        assertEquals("GRANTED", state(ids.get(3), purpose, "EMAIL"), "the rest of the file is imported");
    }

    /**
     * A rejected line is shown as it was, but for other people's identifiers: a date and a time written with a space
     * stay readable — the very value refused (until 2026-12-06 the masking took them for a phone number).
     */
    @Test
    void aRejectedDateIsShownAsWrittenNotMaskedAsAPhoneNumber() {
        String email = Api.uniqueEmail();
        String spaced = Fixtures.daysAgo(1).replace('T', ' ');
        JsonObject done = importAndWait(
                "",
                "text/csv",
                "email,country,locale,audience,customer,lastActiveAt\n" + email + ",FR,fr,B2C,false," + spaced + "\n");
        Map<Long, List<String>> rejects = rejects(done.getString("id"));
        assertEquals(1, done.getInt("rejected"), () -> done + " " + rejects);
        assertEquals(email + ",FR,fr,B2C,false," + spaced, rejects.get(2L).get(1), rejects.toString());
        assertTrue(rejects.get(2L).get(3).contains("lastActiveAt"), rejects.toString());
    }

    /** Which of two emails a line meant is not ours to guess: the line is rejected, and nobody is created. */
    @Test
    void anNdjsonLineNamingAMemberTwiceOrFollowedByTextIsRejectedAndCreatesNobody() {
        String first = Api.uniqueEmail();
        String second = Api.uniqueEmail();
        String third = Api.uniqueEmail();
        String kept = Api.uniqueEmail();
        String ndjson = """
                {"email":"%s","country":"FR","locale":"fr","audience":"B2C","customer":false,"email":"%s"}
                {"email":"%s","country":"FR","locale":"fr","audience":"B2C","customer":false}}
                {"email":"%s","country":"FR","locale":"fr","audience":"B2C","customer":false}
                """.formatted(first, second, third, kept);
        JsonObject done = importAndWait("", "application/x-ndjson", ndjson);
        assertEquals(3, done.getInt("read"), done.toString());
        Map<Long, List<String>> rejects = rejects(done.getString("id"));
        assertEquals(1, done.getInt("imported"), () -> done + " " + rejects);
        assertEquals(2, done.getInt("rejected"), done.toString());
        assertTrue(rejects.get(1L).get(3).endsWith("the member email appears twice in one object"), rejects.toString());
        assertTrue(rejects.get(2L).get(3).endsWith("the line holds more than one JSON value"), rejects.toString());
        for (String nobody : List.of(first, second, third)) {
            Api.post(INTEGRATION, "/api/v1/contacts/lookup", "{\"email\":\"" + nobody + "\"}")
                    .problem(404);
        }
        lookup(kept);
    }

    @Test
    void defaultsFillNewContactsButNeverChangeSomeoneKnown() {
        Setup s = Setup.create(false);
        String known = Api.uniqueEmail();
        Api.post(INTEGRATION, "/api/v1/contacts", """
                {"email":"%s","country":"BE","locale":"nl","audience":"B2B","customer":true}""".formatted(known)).expect(201);
        String fresh = Api.uniqueEmail();
        String file = "email,attr.batch\n" + known + "," + s.batch() + "\n" + fresh + "," + s.batch() + "\n";
        JsonObject done = importAndWait(
                "?default.country=FR&default.locale=fr&default.audience=B2C&default.customer=false"
                        + "&default.attr.origin=fair",
                "text/csv",
                file);
        assertEquals(1, done.getInt("imported"), done.toString());
        assertEquals(1, done.getInt("updated"), done.toString());
        JsonObject k = lookup(known);
        assertEquals("BE", k.getString("country"));
        assertEquals("B2B", k.getString("audience"));
        assertTrue(k.getBoolean("customer"));
        assertEquals(s.batch(), k.getJsonObject("attributes").getString("batch"));
        assertFalse(k.getJsonObject("attributes").containsKey("origin"));
        JsonObject f = lookup(fresh);
        assertEquals("FR", f.getString("country"));
        assertFalse(f.getBoolean("customer"));
        assertEquals("fair", f.getJsonObject("attributes").getString("origin"));
    }

    /**
     * An import that creates a person, changes one or records their consent is in that person's audit and access
     * export: the chunk's entry lists the people it wrote, as a report of sends does. A row that matched someone and
     * changed nothing wrote nothing about them.
     */
    @Test
    void theImportThatChangedAPersonIsInTheirAuditAndExport() {
        Setup s = Setup.create(false);
        String known = Api.uniqueEmail();
        String knownId = Api.createContact(known);
        String same = Api.uniqueEmail();
        String sameId = Api.post(INTEGRATION, "/api/v1/contacts", """
                        {"email":"%s","country":"FR","locale":"fr","audience":"B2C","customer":false,\
                        "attributes":{"batch":"%s"}}""".formatted(same, s.batch()))
                .expect(201)
                .json()
                .getString("id");
        String fresh = Api.uniqueEmail();
        // One partition, one chunk (PostgreSQL's default is a partition per core, each with an entry of its own).
        JsonObject first = importAndWait(
                "?partitions=1&default.country=FR&default.locale=fr&default.audience=B2C&default.customer=false",
                "text/csv",
                "email,attr.batch\n" + known + "," + s.batch() + "\n" + same + "," + s.batch() + "\n" + fresh + ","
                        + s.batch() + "\n");
        assertEquals(1, first.getInt("imported"), first.toString());
        assertEquals(2, first.getInt("updated"), first.toString());
        String freshId = lookup(fresh).getString("id");
        String consentFile = "email,country,locale,audience,customer,attr.batch,purpose,channel,action,noticeId,"
                + "occurredAt\n" + same + ",FR,fr,B2C,false," + s.batch() + "," + s.purpose() + ",EMAIL,GRANT,"
                + s.notice() + "," + YEAR_AGO + "\n";
        JsonObject second = importAndWait("", "text/csv", consentFile);
        assertEquals(1, second.getInt("updated"), second.toString());

        String firstId = first.getString("id");
        String secondId = second.getString("id");
        assertEquals(List.of(firstId), imports(knownId), "the attribute it set");
        assertEquals(List.of(firstId), imports(freshId), "the contact it created");
        assertEquals(List.of(secondId), imports(sameId), "only the consent it recorded: the first changed nothing");
        JsonObject entry = Api.pages(AUDITOR, "/api/v1/audit?contactId=" + knownId).stream()
                .filter(e -> e.getString("action").equals("CONTACTS_IMPORTED"))
                .findFirst()
                .orElseThrow();
        assertEquals("integration", entry.getString("actor"), entry::toString);
        assertEquals("import", entry.getString("subjectType"), entry::toString);
        assertEquals(2, entry.getJsonObject("details").getInt("contacts"), entry::toString);
        assertEquals(1, entry.getJsonObject("details").getInt("imported"), entry::toString);
        assertFalse(entry.toString().contains(known), "never the address");
        String exported = Api.get(AUDITOR, "/api/v1/contacts/" + knownId + "/export")
                .expect(200)
                .json()
                .getJsonArray("audit")
                .toString();
        assertTrue(exported.contains(firstId), exported);
        assertTrue(Api.get(AUDITOR, "/api/v1/audit/verify").expect(200).json().getBoolean("valid"));
    }

    /** The imports whose entries a person's audit lists, by import id. */
    private static List<String> imports(String contactId) {
        return Api.pages(AUDITOR, "/api/v1/audit?contactId=" + contactId).stream()
                .filter(e -> e.getString("action").equals("CONTACTS_IMPORTED"))
                .map(e -> e.getString("subjectId"))
                .toList();
    }

    @Test
    void theNightlyPurgeForgetsOldImportsAndTheirRejectedRows() throws InterruptedException {
        JsonObject done =
                importAndWait("", "text/csv", "email,country,locale,audience,customer\nnot-an-email,FR,fr,B2C,false\n");
        assertEquals(1, done.getInt("rejected"));
        String id = done.getString("id");
        // Keep imports for 0 days (the server's default is 30) and contacts for a century: only imports go. (The audit
        // filter named contactId filters by subject id, which for an import is the import's id.)
        long execution = Api.post(ADMIN, "/api/v1/jobs/retention-purge?retentionMonths=1200&importKeepDays=0", "")
                .expect(202)
                .json()
                .getJsonNumber("executionId")
                .longValue();
        JsonObject ended = JobIT.awaitEnd(execution);
        assertEquals("COMPLETED", ended.getString("status"), ended.toString());
        Api.get(INTEGRATION, "/api/v1/imports/" + id).problem(404);
        Api.get(INTEGRATION, "/api/v1/imports/" + id + "/rejects").problem(404);
        assertTrue(Api.get(AUDITOR, "/api/v1/audit?contactId=" + id).body().contains("IMPORT_FORGOTTEN"));
    }

    @Test
    void badFilesAreRefusedAndKeepNothing() {
        assertEquals(
                "file",
                upload("", "text/csv", new byte[0])
                        .problem(422)
                        .getJsonArray("errors")
                        .getJsonObject(0)
                        .getString("field"));
        upload("", "text/csv", "\n\n  \n".getBytes(StandardCharsets.UTF_8)).problem(422);
        upload("", "text/csv", "email,country\n".getBytes(StandardCharsets.UTF_8))
                .problem(422);
        JsonObject noIdentifier = upload("", "text/csv", "name,country\nBob,FR\n".getBytes(StandardCharsets.UTF_8))
                .problem(422);
        assertTrue(noIdentifier.toString().contains("email or phone"), noIdentifier.toString());
        // Lines ended by a carriage return alone ("CSV (Macintosh)"), whole, after a first CR LF line, in the rows
        // after a CR LF header, or in NDJSON: said so (AD-F11, AG-F3).
        String mac = Api.uniqueEmail();
        Map<String, String> crAlone = Map.of(
                "email,country\r" + mac + ",FR\r", "text/csv",
                "email,country\r" + mac + ",FR\r\n" + Api.uniqueEmail() + ",FR\r\n", "text/csv",
                "email,country\r\n" + Api.uniqueEmail() + ",FR\r" + mac + ",FR\r", "text/csv",
                "{\"email\":\"" + Api.uniqueEmail() + "\"}\r{\"email\":\"" + mac + "\"}\r", "application/x-ndjson");
        for (Map.Entry<String, String> file : crAlone.entrySet()) {
            JsonObject cr = upload("", file.getValue(), file.getKey().getBytes(StandardCharsets.UTF_8))
                    .problem(422);
            assertTrue(cr.toString().contains("carriage return alone"), cr.toString());
            assertFalse(cr.toString().contains(mac), "the rows are not echoed: " + cr);
        }
        // Two columns of one field: which value would be the person's? The file is refused, naming both.
        String first = Api.uniqueEmail();
        String second = Api.uniqueEmail();
        for (String header : List.of("email,email,country", "email,EMAIL,country", "Email,phone, email ,country")) {
            String twice = upload(
                            "",
                            "text/csv",
                            (header + "\n" + first + (header.contains("phone") ? ",+33612345678," : ",") + second
                                            + ",FR\n")
                                    .getBytes(StandardCharsets.UTF_8))
                    .problem(422)
                    .toString();
            assertTrue(twice.contains("the field 'email' twice"), twice);
        }
        Api.post(INTEGRATION, "/api/v1/contacts/lookup", "{\"email\":\"" + first + "\"}")
                .problem(404);
        byte[] binary = {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13, 'I', 'H', 'D', 'R'};
        assertTrue(upload("", "text/csv", binary).problem(422).toString().contains("binary"));
        byte[] latin1 = "email,country\ncaf\u00e9@example.com,FR\n".getBytes(StandardCharsets.ISO_8859_1);
        assertTrue(upload("", "text/csv", latin1).problem(422).toString().contains("UTF-8"));
        upload("", "application/x-ndjson", "email,country\n".getBytes(StandardCharsets.UTF_8))
                .problem(422);
        upload("?map.nope=x", "text/csv", "email\na@example.com\n".getBytes(StandardCharsets.UTF_8))
                .problem(422);
        upload("?map.email=mail", "text/csv", "email\na@example.com\n".getBytes(StandardCharsets.UTF_8))
                .problem(422);
        upload("?default.country=XX", "text/csv", "email\na@example.com\n".getBytes(StandardCharsets.UTF_8))
                .problem(422);
        // The identifier given a default is the one named (tester BK's F16: default.phone was named default.email).
        for (String identifier : List.of("email", "phone")) {
            JsonObject problem = upload(
                            "?default." + identifier + "=x",
                            "text/csv",
                            "email\na@example.com\n".getBytes(StandardCharsets.UTF_8))
                    .problem(422);
            assertEquals(
                    "default." + identifier,
                    problem.getJsonArray("errors").getJsonObject(0).getString("field"),
                    problem.toString());
        }
        for (String partitions : List.of("0", "17", "two")) {
            JsonObject problem = upload(
                            "?partitions=" + partitions,
                            "text/csv",
                            "email\na@example.com\n".getBytes(StandardCharsets.UTF_8))
                    .problem(422);
            assertTrue(problem.toString().contains("partitions"), problem.toString());
        }
        upload("?format=xml", "text/csv", "email\na@example.com\n".getBytes(StandardCharsets.UTF_8))
                .problem(422);
        Api.send(CAMPAIGN, "POST", "/api/v1/imports", "text/csv", BodyPublishers.ofString("email\na@b.fr\n"))
                .problem(403);
        Api.send(Api.User.NOBODY, "POST", "/api/v1/imports", "text/csv", BodyPublishers.ofString("email\na@b.fr\n"))
                .problem(401);
        Api.send(INTEGRATION, "POST", "/api/v1/imports", "image/png", BodyPublishers.ofByteArray(binary))
                .problem(415);
        Api.get(INTEGRATION, "/api/v1/imports/" + UUID.randomUUID()).problem(404);
        Api.get(INTEGRATION, "/api/v1/imports/" + UUID.randomUUID() + "/rejects")
                .problem(404);
        // An id that is not even a UUID names no import either: 404, as for contacts, webhooks and receipts.
        Api.get(INTEGRATION, "/api/v1/imports/not-an-id").problem(404);
        Api.get(INTEGRATION, "/api/v1/imports/not-an-id/rejects").problem(404);
        Api.post(INTEGRATION, "/api/v1/imports/not-an-id/restart", "").problem(404);
    }

    @Test
    void aTwoGigabyteUploadIsRefusedBeforeItIsRead() throws Exception {
        URI base = URI.create(Api.BASE);
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(20_000);
            OutputStream out = socket.getOutputStream();
            String auth = "Basic "
                    + java.util.Base64.getEncoder()
                            .encodeToString("integration:dev-integration".getBytes(StandardCharsets.UTF_8));
            out.write(("POST /api/v1/imports HTTP/1.1\r\nHost: " + base.getHost() + "\r\nAuthorization: " + auth
                            + "\r\nContent-Type: text/csv\r\nContent-Length: 2147483648\r\n\r\nemail\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            BufferedReader in =
                    new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            String status = in.readLine();
            assertTrue(status.startsWith("HTTP/1.1 413"), status);
            String line;
            boolean problem = false;
            while ((line = in.readLine()) != null && !line.isEmpty()) {
                problem |= line.toLowerCase().startsWith("content-type: application/problem+json");
            }
            assertTrue(problem);
        }
    }

    @Test
    void theExportStreamsContactsWithTheirStatesFilteredBySegment() {
        Setup s = Setup.create(false);
        Instant before = Instant.now().minusSeconds(1);
        String granted = Api.uniqueEmail();
        String file = "email;country;locale;audience;customer;attr.batch;attr.tier;purpose;channel;action;noticeId;"
                + "occurredAt\n"
                + granted + ";FR;fr;B2C;true;" + s.batch() + ";gold;" + s.purpose() + ";EMAIL;GRANT;"
                + s.notice() + ";" + YEAR_AGO + "\n"
                + Api.uniqueEmail() + ";FR;fr;B2C;false;" + s.batch() + ";silver;" + s.purpose() + ";EMAIL;WITHDRAW;;"
                + YEAR_AGO + "\n"
                + Api.uniqueEmail() + ";BE;fr-BE;B2B;false;" + s.batch() + ";gold;;;;;\n";
        assertEquals(3, importAndWait("", "text/csv", file).getInt("imported"));

        // A consent given, then a complaint: the export says both, so that no one mails on the state alone.
        Api.post(INTEGRATION, "/api/v1/suppressions", """
                {"email":"%s","channel":"EMAIL","reason":"MANUAL"}""".formatted(granted)).expect(201);
        List<List<String>> all = csvExport("attr.batch=" + s.batch());
        assertEquals(4, all.size());
        int suppressions = all.get(0).indexOf("suppressions");
        assertEquals(
                List.of("", "", "EMAIL:MANUAL"),
                all.subList(1, 4).stream()
                        .map(r -> r.get(suppressions))
                        .sorted()
                        .toList());
        int column = all.get(0).indexOf(s.purpose() + "/EMAIL");
        assertTrue(column > 0, all.get(0).toString());
        assertEquals(
                List.of("GRANTED", "NONE", "WITHDRAWN"),
                all.subList(1, 4).stream().map(r -> r.get(column)).sorted().toList());
        assertEquals(
                1,
                csvExport("attr.batch=" + s.batch() + "&purpose=" + s.purpose() + "&state=GRANTED")
                                .size()
                        - 1);
        assertEquals(
                1,
                csvExport("attr.batch=" + s.batch() + "&purpose=" + s.purpose() + "&state=NONE")
                                .size()
                        - 1);
        assertEquals(2, csvExport("attr.batch=" + s.batch() + "&attr.tier=gold").size() - 1);
        assertEquals(
                1,
                csvExport("attr.batch=" + s.batch() + "&audience=B2B&country=BE")
                                .size()
                        - 1);
        assertEquals(1, csvExport("attr.batch=" + s.batch() + "&customer=true").size() - 1);
        String phoneColumn = csvExport("attr.batch=" + s.batch()).get(0).get(2);
        assertEquals("phone", phoneColumn);

        assertTrue(Api.get(AUDITOR, "/api/v1/audit?limit=1000&from=" + before)
                .body()
                .contains("CONTACTS_EXPORTED"));
        Api.get(AUDITOR, "/api/v1/exports/contacts?state=MAYBE").problem(422);
        Api.get(AUDITOR, "/api/v1/exports/contacts?purpose=nope").problem(422);
        Api.get(CAMPAIGN, "/api/v1/exports/contacts").problem(403);
        assertEquals(
                "no acceptable representation for Accept: application/json; this endpoint answers"
                        + " application/x-ndjson, text/csv",
                Api.sendWithHeaders(AUDITOR, "GET", "/api/v1/exports/contacts", "", "Accept", "application/json")
                        .problem(406)
                        .getString("detail"),
                "the export says what it can answer");
    }

    /**
     * A postal opt-out is a suppression of the contact's address, keyed by its normalized hash, which the contact row
     * does not hold: until 2026-12-07 the export looked up the email and phone hashes only, so a person whose postal
     * opt-out every decision applied exported with no suppression at all (tester AW's F7).
     */
    @Test
    void theExportListsTheSuppressionsOfTheContactsPostalAddress() {
        String batch = Api.uniqueKey("batch");
        String street = Api.uniqueKey("rue de la Paix");
        String id = Api.post(INTEGRATION, "/api/v1/contacts", """
                        {"email":"%s","postalAddress":{"lines":["12 %s"],"postcode":"75002","city":"Paris","country":"FR"},
                         "locale":"fr","country":"FR","audience":"B2C","customer":false,"attributes":{"batch":"%s"}}""".formatted(Api.uniqueEmail(), street, batch))
                .expect(201)
                .json()
                .getString("id");
        // The same envelope written otherwise, as a letter returned by the post would be typed in.
        Api.post(INTEGRATION, "/api/v1/suppressions", """
                {"postalAddress":{"lines":["12, %s"],"postcode":"75002","city":"PARIS","country":"FR"},
                 "channel":"POSTAL","reason":"UNSUBSCRIBED"}""".formatted(street.toUpperCase(java.util.Locale.ROOT)))
                .expect(201);

        List<List<String>> all = csvExport("attr.batch=" + batch);
        assertEquals(2, all.size(), all.toString());
        assertEquals(id, all.get(1).get(0));
        assertEquals("POSTAL:UNSUBSCRIBED", all.get(1).get(all.get(0).indexOf("suppressions")));
        JsonArray suppressions = Json.createReader(
                        new java.io.StringReader(export(batch).strip()))
                .readObject()
                .getJsonArray("suppressions");
        assertEquals(1, suppressions.size(), suppressions.toString());
        assertEquals("POSTAL", suppressions.getJsonObject(0).getString("channel"));
        assertEquals("UNSUBSCRIBED", suppressions.getJsonObject(0).getString("reason"));
        String access = Api.get(AUDITOR, "/api/v1/contacts/" + id + "/export")
                .expect(200)
                .json()
                .getJsonArray("suppressions")
                .toString();
        assertTrue(access.contains("\"POSTAL\""), "the person's own access export names it too: " + access);
    }

    private static List<List<String>> csvExport(String query) {
        Api.Answer answer = Api.send(
                        AUDITOR,
                        "GET",
                        "/api/v1/exports/contacts?" + query,
                        null,
                        BodyPublishers.noBody(),
                        "Accept",
                        "text/csv")
                .expect(200);
        assertEquals("text/csv", answer.contentType());
        return Csv.parse(answer.body());
    }

    /**
     * A person's address or number standing in a CSV header (a title cell, a first row run into it) is masked where the
     * import keeps and shows its ignored columns, and in the refusal of a file whose header is a row (tester AO's F11:
     * until 2026-12-07 the address outlived the person's erasure in the import's settings).
     */
    @Test
    void anIdentifierInAHeaderIsMaskedWhereTheImportKeepsIt() {
        String email = Api.uniqueEmail();
        String phone = Api.uniqueFrenchMobile();
        String csv = "email,country,locale,audience,customer," + email + "," + phone + ",note\n" + Api.uniqueEmail()
                + ",FR,fr,B2C,false,x,y,z\n";
        Api.Answer accepted =
                upload("", "text/csv", csv.getBytes(StandardCharsets.UTF_8)).expect(202);
        List<String> ignored =
                accepted.json().getJsonArray("ignoredColumns").getValuesAs(jakarta.json.JsonString::getString);
        assertEquals(List.of("[email]", "[phone]", "note"), ignored);
        JsonObject done = await(accepted.json().getString("id"));
        assertEquals(ignored, done.getJsonArray("ignoredColumns").getValuesAs(jakarta.json.JsonString::getString));
        assertFalse(done.toString().contains(email) || done.toString().contains(phone.substring(1)), done::toString);

        // An NDJSON member so named: masked where kept, the lines carrying it imported all the same, and no reason
        // quotes it (tester AP's F4, F5).
        String member = Api.uniqueEmail();
        String ndjson = ("{\"email\":\"%s\",\"country\":\"FR\",\"locale\":\"fr\",\"audience\":\"B2C\","
                        + "\"customer\":false,\"%s\":1}\n{\"email\":\"%s\",\"country\":\"FR\",\"locale\":\"fr\","
                        + "\"audience\":\"B2C\",\"customer\":false,\"%s\":2,\"emial\":3}\n")
                .formatted(Api.uniqueEmail(), member, Api.uniqueEmail(), member);
        Api.Answer members = upload("", "application/x-ndjson", ndjson.getBytes(StandardCharsets.UTF_8))
                .expect(202);
        assertEquals(
                List.of("[email]"),
                members.json().getJsonArray("ignoredColumns").getValuesAs(jakarta.json.JsonString::getString));
        JsonObject imported = await(members.json().getString("id"));
        assertEquals(1, imported.getInt("imported"), imported::toString);
        List<String> reject = rejects(imported.getString("id")).get(2L);
        assertEquals("emial: is no field of an import row, and the first line does not name it", reject.get(3));
        assertFalse(String.join(",", reject).contains(member), reject::toString);

        // A line the rules refuse (a new contact without its audience) keeps its own address only (AR's F6).
        String other = Api.uniqueEmail();
        Api.Answer rulesRefuse = upload(
                        "",
                        "application/x-ndjson",
                        ("{\"email\":\"" + Api.uniqueEmail() + "\",\"locale\":\"en\",\"country\":\"FR\","
                                        + "\"attributes\":{\"note\":\"" + other + "\"}}\n")
                                .getBytes(StandardCharsets.UTF_8))
                .expect(202);
        JsonObject refusedByRules = await(rulesRefuse.json().getString("id"));
        List<String> line = rejects(refusedByRules.getString("id")).get(1L);
        assertTrue(line.get(3).contains("required for a new contact"), line::toString);
        assertFalse(String.join(",", line).contains(other), line::toString);
        // Nor is a number in an attribute the row's own when its phone cell is empty (tester BA's F9).
        String mentioned = Api.uniqueFrenchMobile();
        JsonObject noPhone = await(upload(
                        "",
                        "text/csv",
                        ("email,phone,country,locale,audience,customer,attr.note\n" + Api.uniqueEmail()
                                        + ",,FR,en,B2C,maybe,\"call 0" + mentioned.substring(3) + "\"\n")
                                .getBytes(StandardCharsets.UTF_8))
                .expect(202)
                .json()
                .getString("id"));
        List<String> unowned = rejects(noPhone.getString("id")).get(2L);
        assertFalse(String.join(",", unowned).contains(mentioned.substring(3)), unowned::toString);
        assertTrue(String.join(",", unowned).contains("[phone]"), unowned::toString);
        // A row whose email is one person's and phone another's is no one's: both masked, in neither's export (BE's
        // F10).
        String hersEmail = Api.uniqueEmail();
        String hisPhone = Api.uniqueFrenchMobile();
        String her = Fixtures.contact(hersEmail, "fr");
        String him = Fixtures.b2bContact(null, hisPhone);
        JsonObject mixed = await(upload(
                        "",
                        "text/csv",
                        ("email,phone,country,locale,audience,customer\n" + hersEmail + "," + hisPhone
                                        + ",FR,fr,B2C,false\n")
                                .getBytes(StandardCharsets.UTF_8))
                .expect(202)
                .json()
                .getString("id"));
        List<String> conflict = rejects(mixed.getString("id")).get(2L);
        assertEquals("IDENTIFIER_CONFLICT", conflict.get(2), conflict::toString);
        assertFalse(
                String.join(",", conflict).contains(hersEmail)
                        || String.join(",", conflict).contains(hisPhone),
                conflict::toString);
        String hersExport = Api.get(AUDITOR, "/api/v1/contacts/" + her + "/export")
                .expect(200)
                .body();
        assertFalse(hersExport.contains(hisPhone.substring(3)), hersExport);
        String hisExport = Api.get(AUDITOR, "/api/v1/contacts/" + him + "/export")
                .expect(200)
                .body();
        assertFalse(hisExport.contains(hersEmail), hisExport);

        // A header cell holding a line break: said so, not "null" (tester AP's F6).
        Api.Answer broken = upload(
                "",
                "text/csv",
                ("\"em\nail\",country\n" + Api.uniqueEmail() + ",FR\n").getBytes(StandardCharsets.UTF_8));
        broken.problem(422);
        assertTrue(broken.body().contains("not closed on its line"), broken.body());

        Api.Answer row = upload(
                "",
                "text/csv",
                (email + ",FR,fr,B2C,false\n" + Api.uniqueEmail() + ",FR,fr,B2C,false\n")
                        .getBytes(StandardCharsets.UTF_8));
        row.problem(422);
        assertTrue(row.body().contains("[email]") && !row.body().contains(email), row.body());
    }

    /**
     * An NDJSON file's unknown members show at once, as a CSV header's unknown columns do: a typo is not silent. A
     * later line may carry those members, and no other: one with a typo of its own is rejected, naming it (until
     * 2026-12-06 it was imported without the value, the contact created without its email).
     */
    @Test
    void anNdjsonFilesUnknownMembersAreListedAsIgnoredColumns() {
        String phone = Api.uniqueFrenchMobile();
        String typo = Api.uniqueEmail();
        String laterPhone = Api.uniqueFrenchMobile();
        String ndjson = """
                {"emial":"%s","phone":"%s","country":"FR","locale":"fr","audience":"B2C","customer":false,"crmId":7,\
                "attr.tier":"gold","E-mail":"x"}
                {"emal":"%s","phone":"%s","country":"FR","locale":"fr","audience":"B2C","customer":false}
                """.formatted(typo, phone, Api.uniqueEmail(), laterPhone);
        Api.Answer accepted = upload(
                        "?map.externalId=crmId", "application/x-ndjson", ndjson.getBytes(StandardCharsets.UTF_8))
                .expect(202);
        assertEquals(
                List.of("emial", "E-mail"),
                accepted.json().getJsonArray("ignoredColumns").getValuesAs(jakarta.json.JsonString::getString));
        JsonObject done = await(accepted.json().getString("id"));
        assertEquals(
                List.of("emial", "E-mail"),
                done.getJsonArray("ignoredColumns").getValuesAs(jakarta.json.JsonString::getString),
                done::toString);
        List<String> second = rejects(done.getString("id")).get(2L);
        assertEquals("INVALID", second.get(2), second::toString);
        assertEquals("emal: is no field of an import row, and the first line does not name it", second.get(3));
        Api.post(INTEGRATION, "/api/v1/contacts/lookup", "{\"phone\":\"" + laterPhone + "\"}")
                .problem(404);
    }

    /**
     * Later NDJSON lines may carry only the members the upload listed as ignored: a first line with more unknown
     * members than the list has room for is refused whole, not imported with its later lines rejected for the names
     * left out.
     */
    @Test
    void anNdjsonFirstLineWithTooManyUnknownMembersToListIsRefused() {
        var line = Json.createObjectBuilder().add("email", Api.uniqueEmail());
        for (int i = 0; i < 400; i++) {
            line.add("crm_custom_field_with_a_long_name_" + i, "x");
        }
        JsonObject problem = upload("", "application/x-ndjson", (line.build() + "\n").getBytes(StandardCharsets.UTF_8))
                .problem(422);
        assertEquals("file", problem.getJsonArray("errors").getJsonObject(0).getString("field"), problem::toString);
    }

    /**
     * A wide export (hundreds of long column names the import does not use) is still accepted: the ignored names are
     * listed as far as the import's settings have room, the first ones first.
     */
    @Test
    void aWideFileIsImportedWithItsFirstIgnoredColumnsListed() {
        List<String> extra = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            extra.add("crm_custom_field_with_a_long_name_" + i);
        }
        String email = Api.uniqueEmail();
        String file = "email,locale,country,audience,customer," + String.join(",", extra) + "\n" + email
                + ",fr,FR,B2C,false" + ",x".repeat(extra.size()) + "\n";
        Api.Answer accepted =
                upload("", "text/csv", file.getBytes(StandardCharsets.UTF_8)).expect(202);
        List<String> listed =
                accepted.json().getJsonArray("ignoredColumns").getValuesAs(jakarta.json.JsonString::getString);
        assertTrue(listed.size() > 50 && listed.size() < extra.size(), () -> listed.size() + " listed");
        assertEquals(extra.subList(0, listed.size()), listed);
        JsonObject done = await(accepted.json().getString("id"));
        assertEquals(1, done.getInt("imported"), done::toString);
        assertEquals(listed, done.getJsonArray("ignoredColumns").getValuesAs(jakarta.json.JsonString::getString));
        assertEquals("fr", lookup(email).getString("locale"));
    }

    @Test
    void columnsCanBeMappedAndGivenDefaults() {
        Setup s = Setup.create(false);
        String email = Api.uniqueEmail();
        String mobile = Api.uniqueFrenchMobile();
        String national = "0" + mobile.substring(3, 4) + " " + mobile.substring(4);
        String file = "E-mail,Mobile,Segment,Opt-in date\n" + email + "," + national + "," + s.batch() + "," + YEAR_AGO
                + "\n";
        Api.Answer accepted = upload(
                        "?map.email=E-mail&map.phone=Mobile&map.occurredAt=Opt-in%20date&default.country=FR"
                                + "&default.locale=fr&default.audience=B2C&default.customer=false&default.purpose="
                                + s.purpose() + "&default.channel=EMAIL&default.action=GRANT&default.noticeId="
                                + s.notice(),
                        "text/csv",
                        file.getBytes(StandardCharsets.UTF_8))
                .expect(202);
        assertEquals(
                List.of("Segment"),
                accepted.json().getJsonArray("ignoredColumns").getValuesAs(jakarta.json.JsonString::getString));
        JsonObject done = await(accepted.json().getString("id"));
        assertEquals(1, done.getInt("imported"), () -> done + " " + rejects(done.getString("id")));
        assertEquals(
                List.of("Segment"),
                done.getJsonArray("ignoredColumns").getValuesAs(jakarta.json.JsonString::getString),
                "the progress keeps saying which columns were ignored");
        JsonObject contact = lookup(email);
        assertEquals(mobile, contact.getString("phone"));
        assertEquals("GRANTED", state(contact.getString("id"), s.purpose(), "EMAIL"));
        assertNull(rejects(done.getString("id")).get(2L));
    }

    /** A strict RFC 4180 reader for the answers. */
    static final class Csv {
        static List<List<String>> parse(String text) {
            List<List<String>> rows = new ArrayList<>();
            List<String> row = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < text.length(); i++) {
                char ch = text.charAt(i);
                if (quoted) {
                    if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else if (ch == '"') {
                        quoted = false;
                    } else {
                        cell.append(ch);
                    }
                } else if (ch == '"') {
                    quoted = true;
                } else if (ch == ',') {
                    row.add(cell.toString());
                    cell.setLength(0);
                } else if (ch == '\r') {
                    continue;
                } else if (ch == '\n') {
                    row.add(cell.toString());
                    cell.setLength(0);
                    rows.add(row);
                    row = new ArrayList<>();
                } else {
                    cell.append(ch);
                }
            }
            return rows;
        }

        private Csv() {}
    }
}
