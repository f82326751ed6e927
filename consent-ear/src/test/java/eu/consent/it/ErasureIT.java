package eu.consent.it;

import static eu.consent.it.Api.User.ADMIN;
import static eu.consent.it.Api.User.AUDITOR;
import static eu.consent.it.Api.User.INTEGRATION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.http.HttpRequest.BodyPublishers;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GDPR art. 15 and 17 complete: a person who used every feature is exported with everything the service keeps, then
 * erased (or purged), after which no table of the database holds their email, phone or address, and no idempotent
 * replay gives their data back.
 */
class ErasureIT {

    private static final int SMTP_PORT = Integer.getInteger("it.smtp.port", 3925);
    private static GreenMail smtp;

    @BeforeAll
    static void startSmtp() {
        smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterAll
    static void stopSmtp() {
        smtp.stop();
    }

    /** Someone with an email, a phone and a postal address whose first line no other test writes. */
    private record Person(String id, String email, String phone, String street) {
        List<String> identifiers() {
            return List.of(email, phone, street);
        }
    }

    private static Person person() {
        String email = Api.uniqueEmail();
        String phone = Api.uniqueFrenchMobile();
        String street = "12 impasse " + UUID.randomUUID().toString().substring(0, 8);
        String id = Api.post(INTEGRATION, "/api/v1/contacts", """
                        {"email":"%s","phone":"%s","country":"FR","locale":"fr","audience":"B2C","customer":false,
                         "postalAddress":{"lines":["%s"],"postcode":"75011","city":"Paris","country":"FR"}}""".formatted(email, phone, street))
                .expect(201)
                .json()
                .getString("id");
        return new Person(id, email, phone, street);
    }

    private static String monthsAgo(int months) {
        return Instant.now()
                .atOffset(ZoneOffset.UTC)
                .minusMonths(months)
                .toInstant()
                .toString();
    }

    private static Api.Answer idempotent(String method, String path, String contentType, String body, String key) {
        return Api.send(INTEGRATION, method, path, contentType, BodyPublishers.ofString(body), "Idempotency-Key", key);
    }

    /** An admin's suppression sent with an Idempotency-Key (its answer names the address). */
    private static Api.Answer suppressionWithKey(String body, String key) {
        return Api.sendWithHeaders(ADMIN, "POST", "/api/v1/suppressions", body, "Idempotency-Key", key);
    }

    /** Where any of the texts is still found in the database (every table, every column). */
    static JsonObject residue(List<String> texts) {
        var array = Json.createArrayBuilder();
        texts.forEach(array::add);
        JsonObject scan = Api.post(
                        ADMIN,
                        "/api/v1/privacy/residue",
                        Json.createObjectBuilder().add("texts", array).build().toString())
                .expect(200)
                .json();
        assertTrue(scan.getInt("tables") >= 15, () -> "every table was searched: " + scan);
        return scan;
    }

    /** A rejected import row that holds the person's email (an unknown audience). */
    private static void rejectedImportRow(String email) {
        JsonObject progress = ImportIT.importAndWait(
                "", "text/csv", "email,country,locale,audience,customer\n" + email + ",FR,fr,NOPE,false\n");
        assertEquals(1, progress.getJsonNumber("rejected").intValue(), progress::toString);
    }

    private static JsonObject awaitExportWithDeliveredMail(String id, int messages) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            JsonObject export = Api.get(AUDITOR, "/api/v1/contacts/" + id + "/export")
                    .expect(200)
                    .json();
            JsonArray sent = export.getJsonArray("messages");
            if (sent.size() >= messages
                    && sent.stream().allMatch(m -> m.asJsonObject().get("sentAt") != JsonValue.NULL)) {
                return export;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("the mails to the person were not delivered within 30 s");
    }

    /**
     * A data-protection officer answering "you mailed me after I said stop" after the person's erasure: the address the
     * person gives finds the entries kept under its keyed hash (their unsubscribe, their complaint, the erasure's
     * mark), with when and why, and an address never blocked finds none (tester BI's F1: until 2026-12-07 nothing
     * matched an identifier against the kept hashes). Only readers of personal data may ask; the identifier alone.
     */
    @Test
    void theOfficerFindsTheStopsKeptOnAnErasedPersonsAddress() {
        Recipients.Person p = Recipients.granted("fr");
        String all = Recipients.links(p.contact(), null).getString("unsubscribeUrl");
        assertEquals(
                200,
                Recipients.post(all, Map.of("List-Unsubscribe", "One-Click")).statusCode());
        Api.post(
                        INTEGRATION,
                        "/api/v1/esp-events",
                        Json.createArrayBuilder()
                                .add(Json.createObjectBuilder()
                                        .add("type", "COMPLAINT")
                                        .add("email", p.email())
                                        .add("occurredAt", Instant.now().toString())
                                        .add("provider", "erasure-it"))
                                .build()
                                .toString())
                .expect(202);
        Api.send(ADMIN, "DELETE", "/api/v1/contacts/" + p.contact(), null, BodyPublishers.noBody())
                .expect(204);

        String asked = "{\"email\":\"  " + p.email().toUpperCase(java.util.Locale.ROOT) + " \"}";
        JsonArray found = Api.post(AUDITOR, "/api/v1/suppressions/lookup", asked)
                .expect(200)
                .json()
                .getJsonArray("items");
        List<String> reasons = found.getValuesAs(JsonObject.class).stream()
                .map(e -> e.getString("reason") + " " + e.getString("source"))
                .distinct()
                .sorted()
                .toList();
        assertEquals(
                List.of("COMPLAINT esp:erasure-it", "ERASED erasure", "UNSUBSCRIBED person:ONE_CLICK"),
                reasons,
                found.toString());
        found.getValuesAs(JsonObject.class).forEach(e -> {
            assertEquals(JsonValue.NULL, e.get("email"), "nobody holds it: never echoed");
            Instant.parse(e.getString("createdAt"));
        });
        assertEquals(
                0,
                Api.post(ADMIN, "/api/v1/suppressions/lookup", "{\"email\":\"" + Api.uniqueEmail() + "\"}")
                        .expect(200)
                        .json()
                        .getJsonArray("items")
                        .size());
        Api.post(Api.User.CAMPAIGN, "/api/v1/suppressions/lookup", asked).problem(403);
        // By POST only, as the contacts' look-up: another method is the 405 naming it (tester BK's F9).
        for (String method : List.of("GET", "DELETE")) {
            Api.Answer wrong = Api.send(
                    ADMIN,
                    method,
                    "/api/v1/suppressions/lookup",
                    null,
                    java.net.http.HttpRequest.BodyPublishers.noBody());
            assertEquals(405, wrong.status(), wrong::body);
            assertTrue(
                    wrong.header("Allow").contains("POST")
                            && !wrong.header("Allow").contains("GET"),
                    wrong.header("Allow"));
        }
        Api.post(INTEGRATION, "/api/v1/suppressions/lookup", asked).problem(403);
        Api.post(AUDITOR, "/api/v1/suppressions/lookup", "{\"email\":\"not an address\"}")
                .problem(422);
        Api.post(AUDITOR, "/api/v1/suppressions/lookup", "{}").problem(422);
        JsonObject extra = Api.post(
                        AUDITOR,
                        "/api/v1/suppressions/lookup",
                        "{\"email\":\"" + p.email() + "\",\"reason\":\"COMPLAINT\"}")
                .problem(422);
        assertEquals("reason", extra.getJsonArray("errors").getJsonObject(0).getString("field"), extra.toString());
    }

    @Test
    void erasingSomeoneWhoUsedEveryFeatureLeavesNothingOfThemInAnyTable() throws Exception {
        Person p = person();
        String doubleOptIn = Fixtures.purpose(true);
        String doiNotice = Fixtures.notice(doubleOptIn, "fr", "Confirmez");
        String purpose = Fixtures.purpose(false);
        String notice = Fixtures.notice(purpose, "fr", "Les offres");

        // Consents: one with an idempotency key (its answer names the contact), one needing a confirmation mail.
        String grant = Fixtures.event(p.id(), purpose, "EMAIL", "GRANT", notice, null);
        String grantKey = Api.uniqueKey("grant");
        idempotent("POST", "/api/v1/consents", "application/json", grant, grantKey)
                .expect(201);
        Api.post(
                        INTEGRATION,
                        "/api/v1/consents",
                        Fixtures.event(p.id(), doubleOptIn, "EMAIL", "GRANT", doiNotice, null))
                .expect(201);
        // Idempotent writes whose answers hold the email: a patch of the contact, a suppression of the address.
        String patch = "{\"externalId\":\"crm-" + UUID.randomUUID() + "\"}";
        String patchKey = Api.uniqueKey("patch");
        idempotent("PATCH", "/api/v1/contacts/" + p.id(), "application/merge-patch+json", patch, patchKey)
                .expect(200);
        String suppression = "{\"phone\":\"" + p.phone() + "\",\"channel\":\"SMS\",\"reason\":\"MANUAL\"}";
        String suppressionKey = Api.uniqueKey("suppression");
        suppressionWithKey(suppression, suppressionKey).expect(201);
        // Sends, preferences, activities, an ESP soft bounce, a rejected import row.
        idempotent(
                        "POST",
                        "/api/v1/sends",
                        "application/json",
                        "[{\"contactId\":\"" + p.id() + "\",\"purpose\":\"" + purpose + "\",\"channel\":\"EMAIL\","
                                + "\"sentAt\":\"" + Fixtures.daysAgo(1) + "\"}]",
                        Api.uniqueKey("sends"))
                .expect(202);
        Api.send(
                        INTEGRATION,
                        "PUT",
                        "/api/v1/contacts/" + p.id() + "/preferences",
                        "application/json",
                        BodyPublishers.ofString("{\"frequency\":{\"" + purpose
                                + "\":{\"max\":2,\"per\":\"WEEK\"}},\"channels\":[\"EMAIL\"],\"pausedUntil\":null}"))
                .expect(200);
        Api.post(INTEGRATION, "/api/v1/contacts/" + p.id() + "/activities", "{\"type\":\"CLICK\"}")
                .expect(204);
        Api.post(INTEGRATION, "/api/v1/esp-events", """
                        [{"type":"SOFT_BOUNCE","email":"%s","occurredAt":"%s","provider":"acme-esp"}]""".formatted(p.email(), Fixtures.daysAgo(1)))
                .expect(202);
        rejectedImportRow(p.email());
        // The person's own acts: the link to their preferences mailed to them, an unsubscribe with a comment.
        String form =
                Recipients.formToken(Recipients.get(Api.BASE + "/preferences").body());
        assertEquals(
                200,
                Recipients.post(Api.BASE + "/preferences", Map.of("email", p.email(), "form", form))
                        .statusCode());
        // People write who they are as they please: their number in its national form, their street in capitals, their
        // address spaced around its @.
        String national =
                "0" + p.phone().substring(3, 4) + p.phone().substring(4).replaceAll("(..)", " $1");
        // And written out or escaped, as people dodge harvesters and URLs carry it (tester BE's F1).
        String comment = "Stop writing to " + p.email() + " please, call " + national + " or write to "
                + p.street().toUpperCase(java.util.Locale.ROOT).replace(" ", "  ") + " or "
                + p.email().toUpperCase(java.util.Locale.ROOT).replace("@", " @ ") + " or "
                + p.email().replace("@", " (at) ").replace(".", " (dot) ") + " or "
                + p.email().replace("@", "%40");
        String unsubscribe = Recipients.links(p.id(), purpose).getString("unsubscribeUrl");
        assertEquals(
                200,
                Recipients.post(unsubscribe, Map.of("reason", "OTHER", "comment", comment))
                        .statusCode());

        // Access (art. 15): everything above, in one document.
        JsonObject export = awaitExportWithDeliveredMail(p.id(), 2);
        assertEquals(p.email(), export.getJsonObject("contact").getString("email"));
        assertFalse(export.getJsonArray("consents").isEmpty());
        assertTrue(export.getJsonArray("history").size() >= 3, export::toString);
        assertFalse(export.getJsonArray("suppressions").isEmpty());
        assertEquals(
                2,
                export.getJsonObject("preferences")
                        .getJsonObject("frequency")
                        .getJsonObject(purpose)
                        .getInt("max"));
        assertFalse(export.getJsonArray("activities").isEmpty());
        assertEquals(purpose, export.getJsonArray("sends").getJsonObject(0).getString("purpose"));
        JsonObject feedback = export.getJsonArray("feedback").getJsonObject(0);
        assertEquals("OTHER", feedback.getString("reason"));
        assertEquals(comment, feedback.getString("comment"));
        assertTrue(
                export.getJsonArray("messages").stream()
                        .allMatch(m -> m.asJsonObject().getString("recipient").equals(p.email())),
                export::toString);
        assertTrue(export.getJsonArray("importRejects")
                .getJsonObject(0)
                .getString("original")
                .contains(p.email()));
        assertEquals(
                "acme-esp",
                export.getJsonArray("softBounces").getJsonObject(0).getString("provider"),
                export::toString);
        assertFalse(residue(p.identifiers()).getJsonArray("hits").isEmpty(), "the scan finds what is there");

        // Erasure (art. 17).
        Api.send(INTEGRATION, "DELETE", "/api/v1/contacts/" + p.id(), null, BodyPublishers.noBody())
                .expect(204);

        List<String> written = new java.util.ArrayList<>(p.identifiers());
        written.add(national);
        JsonObject scan = residue(written);
        assertEquals(0, scan.getJsonArray("hits").size(), () -> "left after the erasure: " + scan);
        JsonArray comments = Api.get(
                        AUDITOR, "/api/v1/stats/opt-outs/comments?from=" + Fixtures.daysAgo(1) + "&purpose=" + purpose)
                .expect(200)
                .json()
                .getJsonArray("items");
        assertTrue(
                comments.stream()
                        .map(c -> c.asJsonObject().getString("comment"))
                        .anyMatch(c -> c.equals(
                                "Stop writing to [erased] please, call [phone] or write to [erased] or [erased] or"
                                        + " [erased] or [erased]")),
                comments::toString);

        // A replay of a write made before the erasure never gives the person's data back.
        Api.Answer replay =
                idempotent("PATCH", "/api/v1/contacts/" + p.id(), "application/merge-patch+json", patch, patchKey);
        assertEquals(410, replay.status(), replay::body);
        assertEquals("true", replay.header("Idempotent-Replayed"), "answered from the key, not run again");
        assertFalse(replay.body().contains(p.email()));
        Api.Answer replayedGrant = idempotent("POST", "/api/v1/consents", "application/json", grant, grantKey);
        assertEquals(410, replayedGrant.status(), replayedGrant::body);
        Api.Answer replayedSuppression = suppressionWithKey(suppression, suppressionKey);
        assertFalse(replayedSuppression.body().contains(p.phone()), replayedSuppression::body);
    }

    /**
     * A postal address is a household's: the erasure of a person who left one email newsletter keeps their mark on
     * post under their email and number, not under the address their flatmate shares. Until 2026-12-07 the flatmate
     * was denied post on every purpose, SUPPRESSED_ERASED, the erasure shown in their export (tester BB's F1).
     */
    @Test
    void anErasureLeavesTheFlatmatesPostAlone() throws Exception {
        String purpose = Api.uniqueKey("mail");
        Api.post(ADMIN, "/api/v1/purposes", """
                        {"key":"%s","kind":"PROSPECTING","channels":["EMAIL","POSTAL"],"doubleOptIn":false,
                         "similarToPurchases":false,"names":{"fr":"Offres","en":"Offers"}}""".formatted(purpose)).expect(201);
        String street = "3 cour " + UUID.randomUUID().toString().substring(0, 8);
        String address = """
                {"lines":["%s"],"postcode":"75011","city":"Paris","country":"FR"}""".formatted(street);
        String[] flat = new String[2];
        for (int i = 0; i < 2; i++) {
            flat[i] = Api.post(INTEGRATION, "/api/v1/contacts", """
                            {"email":"%s","country":"FR","locale":"fr","audience":"B2C","customer":false,
                             "postalAddress":%s}""".formatted(Api.uniqueEmail(), address))
                    .expect(201)
                    .json()
                    .getString("id");
        }
        String link = Api.post(
                        Api.User.CAMPAIGN,
                        "/api/v1/unsubscribe-links",
                        "{\"contactId\":\"" + flat[0] + "\",\"purpose\":\"" + purpose + "\",\"channel\":\"EMAIL\"}")
                .expect(200)
                .json()
                .getString("unsubscribeUrl");
        assertEquals(
                200,
                Recipients.post(link, Map.of("List-Unsubscribe", "One-Click")).statusCode());
        Api.send(ADMIN, "DELETE", "/api/v1/contacts/" + flat[0], null, BodyPublishers.noBody())
                .expect(204);
        assertEquals(
                "POSTAL_OPT_OUT_REGIME",
                Recipients.decision(flat[1], purpose, "POSTAL").getString("rule"));
        String export = Api.get(AUDITOR, "/api/v1/contacts/" + flat[1] + "/export")
                .expect(200)
                .body();
        assertFalse(export.contains("ERASED"), export);
    }

    /**
     * Rows rejected before their fields could be read (a wrong number of cells, a line longer than a row may be, a JSON
     * line that is no object or not JSON) still name the person: their erasure deletes them, and any second address in
     * such a row, which nothing could find, is masked from the start.
     */
    @Test
    void rowsRejectedBeforeTheirFieldsCouldBeReadGoWithThePerson() {
        Person p = person();
        String other = Api.uniqueEmail();
        String csv = "email,phone,country,locale,audience,customer,attr.note\n"
                + p.email() + ",,FR\n"
                + p.email() + ",,FR,fr,B2C,false,a,extra,cells\n"
                + p.email() + ",,FR,fr,B2C,false," + "x".repeat(9000) + "\n"
                + "," + p.phone() + ",FR,fr,B2C,false,one,too many\n"
                + p.email() + " " + other + ",,FR\n";
        JsonObject csvImport = ImportIT.importAndWait("", "text/csv", csv);
        assertEquals(5, csvImport.getJsonNumber("rejected").intValue(), csvImport::toString);
        JsonObject ndjson = ImportIT.importAndWait(
                "",
                "application/x-ndjson",
                "{\"email\":\"" + p.email() + "\",\"country\":\"FR\" broken\n"
                        + "{\"email\":\"" + p.email() + "\"}{\"email\":\"" + other + "\"}\n"
                        + "[\"" + p.email() + "\"]\n");
        assertEquals(3, ndjson.getJsonNumber("rejected").intValue(), ndjson::toString);
        assertFalse(
                residue(List.of(other))
                        .getJsonArray("hits")
                        .toString()
                        .toUpperCase(java.util.Locale.ROOT)
                        .contains("IMPORT_REJECT"),
                "a second address in an unreadable row is masked: nothing could find it");
        assertTrue(
                residue(List.of(p.email()))
                        .getJsonArray("hits")
                        .toString()
                        .toUpperCase(java.util.Locale.ROOT)
                        .contains("IMPORT_REJECT"),
                "the person's own rows are kept until they are erased");

        Api.send(INTEGRATION, "DELETE", "/api/v1/contacts/" + p.id(), null, BodyPublishers.noBody())
                .expect(204);
        assertEquals(List.of(), residue(List.of(p.email(), p.phone())).getJsonArray("hits"), "nothing of theirs left");
    }

    /**
     * What names an address the person gave up goes with them too: an answer kept for replay and a rejected import row
     * about their former email, and an answer about their former phone number.
     */
    @Test
    void erasureFindsWhatNamesTheAddressesThePersonGaveUp() {
        Person p = person();
        String emailKey = Api.uniqueKey("former-email");
        String emailSuppression = """
                {"email":"%s","channel":"EMAIL","reason":"MANUAL"}""".formatted(p.email());
        suppressionWithKey(emailSuppression, emailKey).expect(201);
        String phoneKey = Api.uniqueKey("former-phone");
        String phoneSuppression = """
                {"phone":"%s","channel":"SMS","reason":"MANUAL"}""".formatted(p.phone());
        suppressionWithKey(phoneSuppression, phoneKey).expect(201);
        rejectedImportRow(p.email());
        Api.patch(INTEGRATION, "/api/v1/contacts/" + p.id(), """
                        {"email":"%s","phone":"%s"}""".formatted(Api.uniqueEmail(), Api.uniqueFrenchMobile()))
                .expect(200);

        Api.send(INTEGRATION, "DELETE", "/api/v1/contacts/" + p.id(), null, BodyPublishers.noBody())
                .expect(204);
        assertEquals(List.of(), residue(List.of(p.email(), p.phone())).getJsonArray("hits"), "nothing of theirs left");
        Api.Answer replay = suppressionWithKey(emailSuppression, emailKey);
        assertEquals("true", replay.header("Idempotent-Replayed"), replay::body);
        assertFalse(replay.body().contains(p.email()), replay::body);
        Api.Answer phoneReplay = suppressionWithKey(phoneSuppression, phoneKey);
        assertFalse(phoneReplay.body().contains(p.phone()), phoneReplay::body);
    }

    /**
     * Rejected import rows holding the person's number grouped with the narrow no-break space of French typography: one
     * whose cells could be read (its phone cell in that spelling, its `customer` wrong) and one whose could not (a
     * wrong number of cells, the number found in its text). Both are theirs: in their access export and gone with their
     * erasure; a third person's number written with slashes in the row is masked. Until 2026-12-07 the spelling was
     * read by nothing, so the rows stayed after the erasure, absent from the export, and the slashed number stayed in
     * clear (tester AZ's F6 and F4).
     */
    @Test
    void rejectedRowsHoldingTheirNumberInATypographicSpellingAreTheirsAndGoWithThem() {
        Person p = person();
        String narrow = ("0" + p.phone().substring(3, 4)
                        + p.phone().substring(4).replaceAll("(..)", " $1"))
                .replace(' ', '\u202f');
        String other = Api.uniqueFrenchMobile();
        String slashed = "0" + other.substring(3, 4) + other.substring(4).replaceAll("(..)", "/$1");
        JsonObject progress = ImportIT.importAndWait(
                "",
                "text/csv",
                "phone,country,locale,audience,customer,attr.note\n"
                        + narrow + ",FR,fr,B2C,maybe,\"conjoint: " + slashed + "\"\n"
                        + "+33 " + narrow.substring(1) + ",FR,fr\n");
        assertEquals(2, progress.getJsonNumber("rejected").intValue(), progress::toString);
        JsonArray rejects = Api.get(AUDITOR, "/api/v1/contacts/" + p.id() + "/export")
                .expect(200)
                .json()
                .getJsonArray("importRejects");
        assertEquals(2, rejects.size(), rejects::toString);
        for (JsonValue reject : rejects) {
            String original = reject.asJsonObject().getString("original");
            assertTrue(original.contains(narrow.substring(1)), original);
            assertFalse(original.contains(slashed), original);
        }
        assertFalse(residue(List.of(narrow.substring(1))).getJsonArray("hits").isEmpty(), "the scan finds the rows");

        Api.send(INTEGRATION, "DELETE", "/api/v1/contacts/" + p.id(), null, BodyPublishers.noBody())
                .expect(204);
        assertEquals(
                List.of(),
                residue(List.of(narrow.substring(1), slashed)).getJsonArray("hits"),
                "nothing of theirs, nor the third person's number, left");
    }

    /**
     * An address given up and then given to someone else (a typo corrected, then its real owner) is that person's now:
     * erasing the first one leaves what is kept about it to the second, and the first one's export does not show it.
     */
    @Test
    void anAddressNowHeldBySomeoneElseIsTheirsNotTheFormerHolders() {
        Person first = person();
        Api.patch(INTEGRATION, "/api/v1/contacts/" + first.id(), "{\"email\":\"" + Api.uniqueEmail() + "\"}")
                .expect(200);
        String owner = Api.createContact(first.email());
        rejectedImportRow(first.email());
        assertTrue(
                Api.get(AUDITOR, "/api/v1/contacts/" + first.id() + "/export")
                        .expect(200)
                        .json()
                        .getJsonArray("importRejects")
                        .isEmpty(),
                "the former holder's export shows nothing of the new owner's");

        Api.send(INTEGRATION, "DELETE", "/api/v1/contacts/" + first.id(), null, BodyPublishers.noBody())
                .expect(204);
        JsonArray owners = Api.get(AUDITOR, "/api/v1/contacts/" + owner + "/export")
                .expect(200)
                .json()
                .getJsonArray("importRejects");
        assertEquals(1, owners.size(), owners::toString);
        assertTrue(owners.getJsonObject(0).getString("original").contains(first.email()), owners::toString);
    }

    /**
     * An address that moved from one person to another: what was kept about it while the first held it (a rejected
     * import line with their name, a soft bounce of a message to them) is theirs — in their export, not the next
     * holder's, and gone with their erasure — while what came after is the next holder's and stays. Until 2026-12-06
     * the address alone decided: the next holder's export showed the first one's name and message, and erasing the
     * first one left both.
     */
    @Test
    void whatWasKeptAboutAnEmailWhileItsFormerHolderHadItIsTheirs() {
        Person first = person();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        softBounce(first.email(), "first-msg-" + tag);
        namedRejectedRow("email", first.email(), "Alice Former" + tag);
        assertEquals(List.of("first-msg-" + tag), bounceIds(first.id()));
        assertEquals(1, rejectedLines(first.id(), "Alice Former" + tag));
        Api.patch(INTEGRATION, "/api/v1/contacts/" + first.id(), "{\"email\":\"" + Api.uniqueEmail() + "\"}")
                .expect(200);
        String next = Api.createContact(first.email());
        softBounce(first.email(), "next-msg-" + tag);
        namedRejectedRow("email", first.email(), "Bob Next" + tag);

        assertEquals(List.of("next-msg-" + tag), bounceIds(next), "the next holder's export holds theirs only");
        assertEquals(0, rejectedLines(next, "Alice Former" + tag));
        assertEquals(1, rejectedLines(next, "Bob Next" + tag));
        assertEquals(List.of("first-msg-" + tag), bounceIds(first.id()), "the former holder's export keeps theirs");
        assertEquals(1, rejectedLines(first.id(), "Alice Former" + tag));
        assertEquals(0, rejectedLines(first.id(), "Bob Next" + tag));

        Api.send(INTEGRATION, "DELETE", "/api/v1/contacts/" + first.id(), null, BodyPublishers.noBody())
                .expect(204);
        JsonObject scan = residue(List.of("Alice Former" + tag, "first-msg-" + tag));
        assertEquals(0, scan.getJsonArray("hits").size(), () -> "left of the former holder: " + scan);
        assertEquals(List.of("next-msg-" + tag), bounceIds(next), "the next holder's rows stay");
        assertEquals(1, rejectedLines(next, "Bob Next" + tag));
    }

    /** The same for a phone number given up and then given to someone else. */
    @Test
    void whatWasKeptAboutAPhoneNumberWhileItsFormerHolderHadItIsTheirs() {
        Person first = person();
        String tag = UUID.randomUUID().toString().substring(0, 8);
        namedRejectedRow("phone", first.phone(), "Phoebe Former" + tag);
        assertEquals(1, rejectedLines(first.id(), "Phoebe Former" + tag));
        Api.patch(INTEGRATION, "/api/v1/contacts/" + first.id(), "{\"phone\":\"" + Api.uniqueFrenchMobile() + "\"}")
                .expect(200);
        String next = Api.post(INTEGRATION, "/api/v1/contacts", """
                        {"phone":"%s","country":"FR","locale":"fr","audience":"B2C","customer":false}""".formatted(first.phone()))
                .expect(201)
                .json()
                .getString("id");
        namedRejectedRow("phone", first.phone(), "Paul Next" + tag);

        assertEquals(0, rejectedLines(next, "Phoebe Former" + tag), "the next holder's export holds theirs only");
        assertEquals(1, rejectedLines(next, "Paul Next" + tag));
        assertEquals(1, rejectedLines(first.id(), "Phoebe Former" + tag), "the former holder's export keeps theirs");
        assertEquals(0, rejectedLines(first.id(), "Paul Next" + tag));

        Api.send(INTEGRATION, "DELETE", "/api/v1/contacts/" + first.id(), null, BodyPublishers.noBody())
                .expect(204);
        JsonObject scan = residue(List.of("Phoebe Former" + tag));
        assertEquals(0, scan.getJsonArray("hits").size(), () -> "left of the former holder: " + scan);
        assertEquals(1, rejectedLines(next, "Paul Next" + tag), "the next holder's rows stay");
    }

    /** A soft bounce of a message to {@code email}, reported as happening now. */
    private static void softBounce(String email, String messageId) {
        Api.post(INTEGRATION, "/api/v1/esp-events", """
                        [{"type":"SOFT_BOUNCE","email":"%s","occurredAt":"%s","provider":"acme-esp","messageId":"%s"}]""".formatted(email, Instant.now(), messageId))
                .expect(202);
    }

    /** A rejected import line (an unknown audience) with the identifier ({@code email} or {@code phone}) and a name. */
    private static void namedRejectedRow(String column, String identifier, String name) {
        JsonObject progress = ImportIT.importAndWait(
                "",
                "text/csv",
                column + ",country,locale,audience,customer,attr.fullName\n" + identifier + ",FR,fr,NOPE,false," + name
                        + "\n");
        assertEquals(1, progress.getJsonNumber("rejected").intValue(), progress::toString);
    }

    private static List<String> bounceIds(String contact) {
        return Api.get(AUDITOR, "/api/v1/contacts/" + contact + "/export")
                .expect(200)
                .json()
                .getJsonArray("softBounces")
                .stream()
                .map(b -> b.asJsonObject().getString("messageId"))
                .toList();
    }

    private static long rejectedLines(String contact, String text) {
        return Api.get(AUDITOR, "/api/v1/contacts/" + contact + "/export")
                .expect(200)
                .json()
                .getJsonArray("importRejects")
                .stream()
                .filter(r -> r.asJsonObject().getString("original").contains(text))
                .count();
    }

    /**
     * A hard bounce is a fact about one address, not the person's opt-out: an erased person whose only suppression was
     * one leaves no ERASED marks, and comes back under the rules that applied before (the bounce's own entry still
     * holds their address). Until 2026-12-06 it marked every identifier on every channel: back, they were
     * SUPPRESSED_ERASED on SMS and calls, whose number never bounced.
     */
    @Test
    void aPersonWhoseAddressOnlyBouncedLeavesNoMarkWhenErased() {
        String email = Api.uniqueEmail();
        String phone = Api.uniqueFrenchMobile();
        String purpose = Fixtures.purpose(false);
        String id = Fixtures.b2bContact(email, phone);
        Api.post(INTEGRATION, "/api/v1/esp-events", """
                        [{"type":"HARD_BOUNCE","email":"%s","occurredAt":"%s","provider":"it"}]""".formatted(email, Fixtures.daysAgo(1)))
                .expect(202);
        Api.send(INTEGRATION, "DELETE", "/api/v1/contacts/" + id, null, BodyPublishers.noBody())
                .expect(204);

        String back = Fixtures.b2bContact(email, phone);
        assertEquals(
                "B2B_OPT_OUT_REGIME", Recipients.decision(back, purpose, "SMS").getString("rule"));
        assertEquals(
                "SUPPRESSED_HARD_BOUNCE",
                Recipients.decision(back, purpose, "EMAIL").getString("rule"));
        String suppressions = Api.get(AUDITOR, "/api/v1/contacts/" + back + "/export")
                .expect(200)
                .json()
                .getJsonArray("suppressions")
                .toString();
        assertFalse(suppressions.contains("ERASED"), suppressions);
    }

    /**
     * The creation of a person erased since, retried with its key (its first answer lost), does not create them again:
     * 410, nothing of theirs in the answer, nobody to look up.
     */
    @Test
    void aRetriedCreationOfAnErasedPersonDoesNotCreateThemAgain() {
        String email = Api.uniqueEmail();
        String body = """
                {"email":"%s","country":"FR","locale":"fr","audience":"B2C","customer":false}""".formatted(email);
        String key = Api.uniqueKey("create");
        String id = idempotent("POST", "/api/v1/contacts", "application/json", body, key)
                .expect(201)
                .json()
                .getString("id");
        Api.send(INTEGRATION, "DELETE", "/api/v1/contacts/" + id, null, BodyPublishers.noBody())
                .expect(204);

        Api.Answer retried = idempotent("POST", "/api/v1/contacts", "application/json", body, key);
        JsonObject gone = retried.problem(410);
        assertEquals("true", retried.header("Idempotent-Replayed"));
        assertFalse(retried.body().contains(email), retried::body);
        assertFalse(retried.body().contains(id), retried::body);
        assertTrue(gone.getString("detail").contains("erased"), gone::toString);
        Api.post(INTEGRATION, "/api/v1/contacts/lookup", "{\"email\":\"" + email + "\"}")
                .problem(404);
    }

    /**
     * A provider's unsubscribe sent at the moment its person is erased, in a batch with another person's complaint:
     * the batch is taken (202), the complaint applied, and the address stays blocked for whoever comes back with it.
     * Until 2026-12-07 the unsubscribe lost the race in most tries (the contact erased between its look-up and its
     * lock): 404 for the whole batch, naming the erased contact's id, the unsubscribe and the complaint lost for good
     * (tester AV's F3, 4 or 5 times in 6).
     */
    @Test
    void aProvidersUnsubscribeRacingTheErasureOfItsPersonIsKeptWithTheRestOfItsBatch() throws Exception {
        String purpose = Fixtures.purpose(false);
        String notice = Fixtures.notice(purpose, "en", "Good deals by email");
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 6; i++) {
                String erasedEmail = Api.uniqueEmail();
                String erased = Fixtures.contact(erasedEmail, "en");
                String otherEmail = Api.uniqueEmail();
                String other = Fixtures.contact(otherEmail, "en");
                Api.post(
                                INTEGRATION,
                                "/api/v1/consents",
                                Fixtures.event(other, purpose, "EMAIL", "GRANT", notice, null))
                        .expect(201);
                String now = Instant.now().toString();
                Future<Api.Answer> reports = two.submit(() ->
                        Api.post(INTEGRATION, "/api/v1/esp-events", """
                                [{"type":"UNSUBSCRIBE","email":"%s","occurredAt":"%s","provider":"race"},
                                 {"type":"COMPLAINT","email":"%s","occurredAt":"%s","provider":"race"}]""".formatted(erasedEmail, now, otherEmail, now)));
                Future<Api.Answer> erasure = two.submit(
                        () -> Api.send(ADMIN, "DELETE", "/api/v1/contacts/" + erased, null, BodyPublishers.noBody()));
                assertEquals(
                        202,
                        reports.get().status(),
                        "try " + i + ": " + reports.get().body());
                erased(erasure.get(), erased);
                assertEquals(
                        "SUPPRESSED_COMPLAINT",
                        Recipients.decision(other, purpose, "EMAIL").getString("rule"),
                        "try " + i + ": the batch's other event");
                JsonObject back = Api.post(Api.User.CAMPAIGN, "/api/v1/decisions", """
                                {"contactId":"%s","purpose":"%s","channel":"EMAIL"}""".formatted(
                                        Fixtures.b2bContact(erasedEmail, null), purpose))
                        .expect(200)
                        .json();
                assertFalse(back.getBoolean("allowed"), "try " + i + ": the address came back sendable: " + back);
            }
        } finally {
            two.shutdownNow();
        }
    }

    /**
     * The erasure's answer in a race: 204, or a 503 "try again" when it lost a deadlock to the other request (tester
     * AV's D3), retried once as a client would.
     */
    private static void erased(Api.Answer answer, String contact) {
        if (answer.status() == 503) {
            answer = Api.send(ADMIN, "DELETE", "/api/v1/contacts/" + contact, null, BodyPublishers.noBody());
        }
        answer.expect(204);
    }

    /**
     * A link answer names the person only inside its signed tokens, where a search of the kept answers for their id does
     * not look: kept with the contact the request named, it is forgotten with them, and its retry is a 410 like the
     * others — never the erased person's working links.
     */
    @Test
    void aRetriedLinkRequestForAnErasedPersonGivesNoLinkBack() {
        String id = Fixtures.contact(Api.uniqueEmail(), "fr");
        String body = "{\"contactId\":\"" + id + "\"}";
        java.util.function.BiFunction<String, String, Api.Answer> ask = (path, key) -> Api.send(
                Api.User.CAMPAIGN,
                "POST",
                path,
                "application/json",
                BodyPublishers.ofString(body),
                "Idempotency-Key",
                key);
        Map<String, String> keys = new LinkedHashMap<>();
        for (String path : List.of("/api/v1/unsubscribe-links", "/api/v1/reactivation-links")) {
            keys.put(path, Api.uniqueKey("link"));
            ask.apply(path, keys.get(path)).expect(200);
        }
        Api.send(INTEGRATION, "DELETE", "/api/v1/contacts/" + id, null, BodyPublishers.noBody())
                .expect(204);

        keys.forEach((path, key) -> {
            Api.Answer retried = ask.apply(path, key);
            JsonObject gone = retried.problem(410);
            assertEquals("true", retried.header("Idempotent-Replayed"), path);
            assertFalse(
                    retried.body().contains("/unsubscribe/") || retried.body().contains("/stay/"), retried::body);
            assertTrue(gone.getString("detail").contains("erased"), gone::toString);
        });
    }

    /**
     * A keyed link request that runs while its person is erased: its answer, kept after the erasure swept the answers
     * about them, is not replayed after it (410, or the 404 of a request that ran after the erasure). Until 2026-12-07
     * the replay handed out the erased person's links with {@code Idempotent-Replayed: true} in most tries (tester
     * AV's F4).
     */
    @Test
    void aLinkRequestRacingTheErasureOfItsPersonIsNotReplayedAfterIt() throws Exception {
        ExecutorService two = Executors.newFixedThreadPool(2);
        try {
            for (int i = 0; i < 6; i++) {
                String id = Fixtures.contact(Api.uniqueEmail(), "fr");
                String key = Api.uniqueKey("race");
                Callable<Api.Answer> ask = () -> Api.send(
                        Api.User.CAMPAIGN,
                        "POST",
                        "/api/v1/unsubscribe-links",
                        "application/json",
                        BodyPublishers.ofString("{\"contactId\":\"" + id + "\"}"),
                        "Idempotency-Key",
                        key);
                Future<Api.Answer> first = two.submit(ask);
                Future<Api.Answer> erasure = two.submit(
                        () -> Api.send(ADMIN, "DELETE", "/api/v1/contacts/" + id, null, BodyPublishers.noBody()));
                first.get();
                erased(erasure.get(), id);
                Api.Answer again = ask.call();
                assertTrue(
                        again.status() == 410 || again.status() == 404,
                        "try " + i + ": " + again.status() + " " + again.body());
                assertFalse(again.body().contains("/unsubscribe/"), again::body);
            }
        } finally {
            two.shutdownNow();
        }
    }

    /**
     * A comment names the person by more than their email and phone: their name (attributes), their CRM id, their
     * address. The comments' list withholds those while they exist, and the erasure cuts them out of the comment kept
     * for the statistics; a value too short to name anyone ("Al", "FR") stays, and only whole words are cut (O1).
     */
    @Test
    void aCommentNamingThePersonLosesTheirNameAndAddressAndCrmId() {
        String tag = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        String first = "Zelda" + tag;
        String last = "Quixote" + tag;
        String crm = "crm-" + tag;
        String street = "17 rue Zorglub" + tag;
        String city = "Villeneuve-" + tag;
        String email = Api.uniqueEmail();
        String id = Api.post(INTEGRATION, "/api/v1/contacts", """
                        {"email":"%s","country":"FR","locale":"fr","audience":"B2C","customer":false,
                         "externalId":"%s","attributes":{"firstName":"%s","lastName":"%s","nickname":"Al"},
                         "postalAddress":{"lines":["%s"],"postcode":"75011","city":"%s","country":"FR"}}""".formatted(email, crm, first, last, street, city))
                .expect(201)
                .json()
                .getString("id");
        String purpose = grantedPurpose(id);
        String comment = "Stop! I am " + first + " " + last.toUpperCase(java.util.Locale.ROOT) + ", client " + crm
                + ", " + street + ", 75011 " + city + ". Also Al says hi from FR";
        unsubscribeSaying(id, purpose, comment);
        java.util.function.Supplier<String> listed = () -> listedComment(purpose);
        String shape = "Stop! I am %1$s %1$s, client %1$s, %1$s, %1$s %1$s. Also Al says hi from FR";
        assertEquals(shape.formatted("[withheld]"), listed.get());
        assertEquals(
                comment,
                Api.get(AUDITOR, "/api/v1/contacts/" + id + "/export")
                        .expect(200)
                        .json()
                        .getJsonArray("feedback")
                        .getJsonObject(0)
                        .getString("comment"),
                "their own export keeps their words");

        Api.send(INTEGRATION, "DELETE", "/api/v1/contacts/" + id, null, BodyPublishers.noBody())
                .expect(204);

        assertEquals(shape.formatted("[erased]"), listed.get());
        JsonObject scan = residue(List.of(first, last, crm, street, city));
        assertEquals(0, scan.getJsonArray("hits").size(), () -> "left after the erasure: " + scan);
    }

    /**
     * The person's name, CRM id and address as they were when they wrote their comment, and any held since, are withheld
     * and cut even once the contact holds others: a CRM corrects the name and the customer number and the person moves,
     * the name changes again, then they ask for erasure (AE-F3, AG-F1: until 2026-12-06 the former values were shown
     * whole after the erasure).
     */
    @Test
    void aCommentKeepsWithheldWhatNamedThePersonWhenTheyWroteItAfterTheirRecordChanged() {
        String tag = UUID.randomUUID().toString().replace("-", "").substring(0, 8);
        String first = "Hallvard" + tag;
        String last = "Grimsbottom" + tag;
        String crm = "halext-" + tag;
        String street = "9 impasse Zorglub" + tag;
        String later = "Vandermolen" + tag;
        String id = Api.post(
                        INTEGRATION, "/api/v1/contacts", """
                        {"email":"%s","country":"FR","locale":"fr","audience":"B2C","customer":false,
                         "externalId":"%s","attributes":{"firstName":"%s","lastName":"%s"},
                         "postalAddress":{"lines":["%s"],"postcode":"69003","city":"Lyon","country":"FR"}}""".formatted(Api.uniqueEmail(), crm, first, last, street))
                .expect(201)
                .json()
                .getString("id");
        String purpose = grantedPurpose(id);
        String comment =
                "Ici " + first + " " + last + ", client " + crm + ", " + street + ", dite " + later + ". Stop.";
        unsubscribeSaying(id, purpose, comment);
        Api.patch(INTEGRATION, "/api/v1/contacts/" + id, """
                        {"attributes":{"firstName":null,"lastName":"%s"},"externalId":"other-%s",
                         "postalAddress":{"lines":["1 place Bellecour"],"postcode":"69002","city":"Lyon","country":"FR"}}""".formatted(later, tag))
                .expect(200);
        // A name set after the comment and replaced again before the erasure was in the comment too (AG-F1).
        Api.patch(INTEGRATION, "/api/v1/contacts/" + id, """
                        {"attributes":{"lastName":"Smith%s"}}""".formatted(tag)).expect(200);
        java.util.function.Supplier<String> listed = () -> listedComment(purpose);
        String shape = "Ici %1$s %1$s, client %1$s, %1$s, dite %1$s. Stop.";
        assertEquals(shape.formatted("[withheld]"), listed.get(), "what named them then, though they hold it no more");

        Api.send(INTEGRATION, "DELETE", "/api/v1/contacts/" + id, null, BodyPublishers.noBody())
                .expect(204);

        assertEquals(shape.formatted("[erased]"), listed.get());
        JsonObject scan = residue(List.of(first, last, crm, street, later));
        assertEquals(0, scan.getJsonArray("hits").size(), () -> "left after the erasure: " + scan);
    }

    /**
     * A batch names its people in the request only (a report of sends, ESP events, an import), and answers with a count
     * that names no one: erasing one of them forgets the batch's answer all the same, and its key answers 410 to the
     * same body and to another alike — no replay, and no 202-or-422 that would confirm the erased person's id or
     * address. A batch that named other people only still replays.
     */
    @Test
    void batchesThatNamedAnErasedPersonForgetTheirAnswerAndConfirmNothing() {
        Person p = person();
        String purpose = Fixtures.purpose(false);
        String other = Fixtures.contact(Api.uniqueEmail(), "fr");
        String third = Fixtures.contact(Api.uniqueEmail(), "fr");
        java.util.function.Function<List<String>, String> sends = ids -> ids.stream()
                .map(id -> "{\"contactId\":\"" + id + "\",\"purpose\":\"" + purpose + "\",\"channel\":\"EMAIL\","
                        + "\"sentAt\":\"" + Fixtures.daysAgo(1) + "\"}")
                .collect(java.util.stream.Collectors.joining(",", "[", "]"));
        java.util.function.Function<String, String> bounce = email -> """
                [{"type":"SOFT_BOUNCE","email":"%s","occurredAt":"%s","provider":"acme-esp"}]""".formatted(email, Fixtures.daysAgo(1));
        // What each key was first used with, and the same request about someone else: the guess of another address.
        record Batch(String path, String contentType, String body, String guess, String key) {
            Api.Answer send(String with) {
                return idempotent("POST", path, contentType, with, key);
            }
        }
        String row = "email,country,locale,audience,customer\n%s,FR,fr,B2C,false\n";
        List<Batch> naming = List.of(
                new Batch(
                        "/api/v1/sends",
                        "application/json",
                        sends.apply(List.of(other, p.id())),
                        sends.apply(List.of(other, third)),
                        Api.uniqueKey("sends")),
                new Batch(
                        "/api/v1/esp-events",
                        "application/json",
                        bounce.apply(p.email().toUpperCase(java.util.Locale.ROOT)),
                        bounce.apply(Api.uniqueEmail()),
                        Api.uniqueKey("esp")),
                new Batch(
                        "/api/v1/imports",
                        "text/csv",
                        row.formatted(p.email()),
                        row.formatted(Api.uniqueEmail()),
                        Api.uniqueKey("import")));
        Batch notNaming = new Batch(
                "/api/v1/sends",
                "application/json",
                sends.apply(List.of(other)),
                sends.apply(List.of(third)),
                Api.uniqueKey("sends-others"));
        for (Batch b : naming) {
            Api.Answer first = b.send(b.body()).expect(202);
            if (b.path().endsWith("imports")) {
                assertEquals(1, ImportIT.await(first.json().getString("id")).getInt("updated"));
            }
        }
        notNaming.send(notNaming.body()).expect(202);
        Api.send(INTEGRATION, "DELETE", "/api/v1/contacts/" + p.id(), null, BodyPublishers.noBody())
                .expect(204);

        for (Batch b : naming) {
            for (String body : List.of(b.body(), b.guess())) {
                Api.Answer retried = b.send(body);
                JsonObject gone = retried.problem(410);
                assertEquals("true", retried.header("Idempotent-Replayed"), b.path());
                assertTrue(gone.getString("detail").contains("erased"), gone::toString);
            }
        }
        Api.Answer replay = notNaming.send(notNaming.body()).expect(202);
        assertEquals("true", replay.header("Idempotent-Replayed"), "a batch about others only is theirs to replay");
        notNaming.send(notNaming.guess()).problem(422);
    }

    @Test
    void theNightlyPurgeLeavesNothingOfAStalePersonInAnyTable() throws Exception {
        Person p = person();
        Api.post(
                        INTEGRATION,
                        "/api/v1/contacts/" + p.id() + "/activities",
                        "{\"type\":\"PURCHASE\",\"occurredAt\":\"" + monthsAgo(48) + "\"}")
                .expect(204);
        String doubleOptIn = Fixtures.purpose(true);
        String doiNotice = Fixtures.notice(doubleOptIn, "fr", "Confirmez");
        // Acts of systems about the person, which do not move their last activity: they stay stale.
        Api.post(
                        INTEGRATION,
                        "/api/v1/consents",
                        Json.createObjectBuilder()
                                .add("contactId", p.id())
                                .add("purpose", doubleOptIn)
                                .add("channel", "EMAIL")
                                .add("action", "GRANT")
                                .add("source", "API")
                                .add("noticeId", doiNotice)
                                .build()
                                .toString())
                .expect(201);
        // Its request delivered before the withdrawal below, which would make a queued one moot (dropped unsent).
        awaitExportWithDeliveredMail(p.id(), 1);
        idempotent(
                        "PATCH",
                        "/api/v1/contacts/" + p.id(),
                        "application/merge-patch+json",
                        "{\"externalId\":\"crm-" + UUID.randomUUID() + "\"}",
                        Api.uniqueKey("patch"))
                .expect(200);
        Api.post(
                        INTEGRATION,
                        "/api/v1/consents",
                        Json.createObjectBuilder()
                                .add("contactId", p.id())
                                .add("purpose", doubleOptIn)
                                .add("channel", "EMAIL")
                                .add("action", "WITHDRAW")
                                .add("source", "API")
                                .build()
                                .toString())
                .expect(201);
        Api.post(INTEGRATION, "/api/v1/contacts/" + p.id() + "/activities", "{\"type\":\"OPEN\"}")
                .expect(204);
        rejectedImportRow(p.email());

        assertEquals("COMPLETED", JobIT.runToEnd("retention-purge").getString("status"));
        Api.get(AUDITOR, "/api/v1/contacts/" + p.id()).problem(404);

        JsonObject scan = residue(p.identifiers());
        assertEquals(0, scan.getJsonArray("hits").size(), () -> "left after the purge: " + scan);
    }

    @Test
    void theResidueScanIsForAdminsAndNeedsRealTexts() {
        Api.post(AUDITOR, "/api/v1/privacy/residue", "{\"texts\":[\"someone@example.com\"]}")
                .problem(403);
        Api.post(ADMIN, "/api/v1/privacy/residue", "{\"texts\":[]}").problem(422);
        Api.post(ADMIN, "/api/v1/privacy/residue", "{\"texts\":[\"ab\"]}").problem(422);
    }

    /** A new prospecting purpose on email, with a notice, that the contact granted. */
    private static String grantedPurpose(String contact) {
        String purpose = Fixtures.purpose(false);
        String notice = Fixtures.notice(purpose, "fr", "Les offres");
        Api.post(INTEGRATION, "/api/v1/consents", Fixtures.event(contact, purpose, "EMAIL", "GRANT", notice, null))
                .expect(201);
        return purpose;
    }

    /** The person's unsubscribe from the purpose through their link, with a comment. */
    private static void unsubscribeSaying(String contact, String purpose, String comment) {
        assertEquals(
                200,
                Recipients.post(
                                Recipients.links(contact, purpose).getString("unsubscribeUrl"),
                                Map.of("reason", "OTHER", "comment", comment))
                        .statusCode());
    }

    /** The newest comment the comments' list shows for the purpose. */
    private static String listedComment(String purpose) {
        return Api.get(AUDITOR, "/api/v1/stats/opt-outs/comments?from=" + Fixtures.daysAgo(1) + "&purpose=" + purpose)
                .expect(200)
                .json()
                .getJsonArray("items")
                .getJsonObject(0)
                .getString("comment");
    }
}
