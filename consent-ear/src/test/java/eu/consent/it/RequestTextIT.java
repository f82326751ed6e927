package eu.consent.it;

import static eu.consent.it.Api.User.ADMIN;
import static eu.consent.it.Api.User.AUDITOR;
import static eu.consent.it.Api.User.CAMPAIGN;
import static eu.consent.it.Api.User.INTEGRATION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URLEncoder;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the API reads of a request before any rule: UTF-8 bodies only (API.md: "JSON (application/json), UTF-8"),
 * one media type as the Content-Type, an Accept whose q=0 means "not acceptable", and instants in the years 1 to 9999.
 * Each was read leniently before: a Latin-1 body stored with U+FFFD in it, a declared Latin-1 read as UTF-8, a
 * wildcard read as JSON, q=0 read as any weight, a five-digit year a 500.
 */
class RequestTextIT {

    private static final String CONTACT = """
            {"email":"%s","country":"FR","locale":"fr","audience":"B2C","customer":false}""";

    @Test
    void aBodyThatIsNotUtf8IsMalformedAndNothingIsStored() {
        String purpose = Fixtures.purpose(false);
        String notices = "/api/v1/purposes/" + purpose + "/notices";
        byte[] latin1 = "{\"locale\":\"fr\",\"text\":\"caf\u00e9\"}".getBytes(StandardCharsets.ISO_8859_1);
        JsonObject problem = Api.send(ADMIN, "POST", notices, "application/json", BodyPublishers.ofByteArray(latin1))
                .problem(400);
        assertEquals(
                "the request body is not UTF-8 text (byte 26 starts an invalid sequence)", problem.getString("detail"));
        assertEquals(
                0,
                Api.get(ADMIN, notices).expect(200).json().getJsonArray("items").size(),
                "no notice was stored");

        String address = "12 rue de l'\u00c9glise, 75001 Paris";
        byte[] suppression = ("{\"postalAddress\":\"" + address + "\",\"channel\":\"POSTAL\",\"reason\":\"MANUAL\"}")
                .getBytes(StandardCharsets.ISO_8859_1);
        Api.send(ADMIN, "POST", "/api/v1/suppressions", "application/json", BodyPublishers.ofByteArray(suppression))
                .problem(400);

        byte[] decision = ("{\"email\":\"caf\u00e9@example.com\",\"purpose\":\"" + purpose
                        + "\",\"channel\":\"EMAIL\"}")
                .getBytes(StandardCharsets.ISO_8859_1);
        assertTrue(
                Api.send(
                                CAMPAIGN,
                                "POST",
                                "/api/v1/decisions",
                                "application/json",
                                BodyPublishers.ofByteArray(decision))
                        .problem(400)
                        .getString("detail")
                        .contains("is not UTF-8 text (byte 13 "),
                "the decisions' fast path decodes strictly too");

        String email = "caf\u00e9-" + Api.uniqueEmail();
        Api.send(
                        INTEGRATION,
                        "PATCH",
                        "/api/v1/contacts/" + Api.createContact(Api.uniqueEmail()),
                        "application/merge-patch+json",
                        BodyPublishers.ofByteArray(
                                ("{\"email\":\"" + email + "\"}").getBytes(StandardCharsets.ISO_8859_1)))
                .problem(400);
    }

    /**
     * A line of a bulk list that is not UTF-8 is answered with its own error line, in its place, and the list goes on:
     * one answer per input line, whatever the reader's buffer held around the bad byte (600 lines before it, some
     * after).
     */
    @Test
    void aBulkLineThatIsNotUtf8IsAnsweredWithAnErrorInItsPlace() throws Exception {
        String purpose = Fixtures.purpose(false);
        java.io.ByteArrayOutputStream list = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < 600; i++) {
            list.writeBytes(("{\"email\":\"" + Api.uniqueEmail() + "\"}\n").getBytes(StandardCharsets.UTF_8));
        }
        list.writeBytes("{\"email\":\"caf\u00e9@example.com\"}\n".getBytes(StandardCharsets.ISO_8859_1));
        list.writeBytes("{\"email\":\"\uFFFD@example.com\"}\n".getBytes(StandardCharsets.UTF_8));
        list.writeBytes(("{\"email\":\"" + Api.uniqueEmail() + "\"}\n").getBytes(StandardCharsets.UTF_8));
        for (String type : new String[] {"application/x-ndjson", "text/csv"}) {
            byte[] body = type.equals("text/csv")
                    ? new String(list.toByteArray(), StandardCharsets.ISO_8859_1)
                            .replaceAll("\\{\"email\":\"([^\"]*)\"}", "$1")
                            .getBytes(StandardCharsets.ISO_8859_1)
                    : list.toByteArray();
            List<String> answers = Api.send(
                            CAMPAIGN,
                            "POST",
                            "/api/v1/decisions/bulk?purpose=" + purpose + "&channel=EMAIL",
                            type,
                            BodyPublishers.ofByteArray(body))
                    .expect(200)
                    .body()
                    .lines()
                    .toList();
            assertEquals(603, answers.size(), type + ": one answer per line");
            assertTrue(answers.get(599).contains("\"rule\":\"UNKNOWN_CONTACT\""), answers.get(599));
            assertEquals("{\"line\":601,\"error\":\"the line is not UTF-8 text\"}", answers.get(600), type);
            assertFalse(answers.get(601).contains("not UTF-8"), "U+FFFD sent as such is text: " + answers.get(601));
            assertTrue(
                    answers.get(602).contains("\"rule\":\"UNKNOWN_CONTACT\""), "the list goes on: " + answers.get(602));
        }
    }

    /**
     * An escaped half of a surrogate pair is well-formed JSON but no character: stored it became a "?", a notice's text
     * then differing from what the client sent (and its hash from the one they computed). It is a 400 naming it, and
     * nothing is kept.
     */
    @Test
    void anEscapedLoneSurrogateIsNoTextAndNothingIsKept() {
        String purpose = Fixtures.purpose(false);
        JsonObject problem = Api.post(
                        ADMIN,
                        "/api/v1/purposes/" + purpose + "/notices",
                        "{\"locale\":\"en\",\"text\":\"I agree \\ud800 to mails\"}")
                .problem(400);
        assertTrue(problem.getString("detail").contains("half a surrogate pair"), problem.toString());
        assertTrue(
                Api.get(ADMIN, "/api/v1/purposes/" + purpose + "/notices")
                        .expect(200)
                        .json()
                        .getJsonArray("items")
                        .isEmpty(),
                "no notice was made");
        Api.post(
                        INTEGRATION,
                        "/api/v1/contacts",
                        "{\"email\":\"" + Api.uniqueEmail()
                                + "\",\"externalId\":\"\\udc00\",\"country\":\"FR\",\"locale\":\"fr\","
                                + "\"audience\":\"B2C\",\"customer\":false}")
                .problem(400);
        JsonObject emoji = Api.post(
                        ADMIN,
                        "/api/v1/purposes/" + purpose + "/notices",
                        "{\"locale\":\"en\",\"text\":\"I agree \\ud83d\\ude00\"}")
                .expect(201)
                .json();
        assertEquals(1, emoji.getInt("version"), "a whole pair is a character: " + emoji);
    }

    @Test
    void aDeclaredCharsetOtherThanUtf8IsA415() {
        for (String charset : new String[] {"ISO-8859-1", "windows-1252", "bogus"}) {
            JsonObject problem = Api.send(
                            INTEGRATION,
                            "POST",
                            "/api/v1/contacts",
                            "application/json; charset=" + charset,
                            BodyPublishers.ofString(CONTACT.formatted(Api.uniqueEmail())))
                    .problem(415);
            assertTrue(problem.getString("detail").contains("this API reads UTF-8 text only"), problem.toString());
        }
        for (String charset : new String[] {"utf-8", "UTF-8", "US-ASCII"}) {
            Api.send(
                            INTEGRATION,
                            "POST",
                            "/api/v1/contacts",
                            "application/json; charset=" + charset,
                            BodyPublishers.ofString(CONTACT.formatted(Api.uniqueEmail())))
                    .expect(201);
        }
    }

    @Test
    void aWildcardIsNotAContentType() {
        for (String type : new String[] {"application/*", "*/*"}) {
            JsonObject problem = Api.send(
                            INTEGRATION,
                            "POST",
                            "/api/v1/contacts",
                            type,
                            BodyPublishers.ofString(CONTACT.formatted(Api.uniqueEmail())))
                    .problem(415);
            assertEquals(
                    "received Content-Type: " + type
                            + ", which is not a media type; this endpoint accepts application/json",
                    problem.getString("detail"));
        }
    }

    @Test
    void aWeightOfZeroIsNotAcceptable() {
        String contact = "/api/v1/contacts/" + Api.createContact(Api.uniqueEmail());
        for (String accept : new String[] {"application/json;q=0", "text/html;q=0.9, */*;q=0", "*/*;q=0.000"}) {
            JsonObject problem = Api.sendWithHeaders(INTEGRATION, "GET", contact, "", "Accept", accept)
                    .problem(406);
            assertEquals(
                    "no acceptable representation for Accept: " + accept + "; this endpoint answers application/json",
                    problem.getString("detail"));
        }
        Api.sendWithHeaders(INTEGRATION, "GET", contact, "", "Accept", "*/*;q=0, application/json")
                .expect(200);
        Api.sendWithHeaders(INTEGRATION, "GET", contact, "", "Accept", "application/json;q=0.5")
                .expect(200);

        String purpose = Fixtures.purpose(false);
        String question = """
                {"email":"%s","purpose":"%s","channel":"EMAIL"}""".formatted(Api.uniqueEmail(), purpose);
        Api.sendWithHeaders(CAMPAIGN, "POST", "/api/v1/decisions", question, "Accept", "application/json;q=0")
                .problem(406);
        Api.sendWithHeaders(ADMIN, "GET", "/api/v1/audit", "", "Accept", "application/json;q=0")
                .problem(406);
    }

    @Test
    void anInstantBeyondTheYears1To9999IsA422NamingItsField() {
        String contact = Api.createContact(Api.uniqueEmail());
        String purpose = Fixtures.purpose(false);
        assertOutOfRange(
                Api.sendWithHeaders(INTEGRATION, "PUT", "/api/v1/contacts/" + contact + "/preferences", """
                        {"frequency":{},"channels":[],"pausedUntil":"+10000-01-01T00:00:00Z"}"""),
                "pausedUntil");
        assertOutOfRange(Api.post(INTEGRATION, "/api/v1/sends", """
                        [{"contactId":"%s","purpose":"%s","channel":"EMAIL","sentAt":"-999999999-01-01T00:00:00Z"}]""".formatted(contact, purpose)), "[0].sentAt");
        for (String[] query : new String[][] {
            {"/api/v1/audit", "from", "+10000-01-01T00:00:00Z"},
            {"/api/v1/audit", "to", "-10000-01-01T00:00:00Z"},
            {"/api/v1/stats/opt-outs", "to", "-10000-01-01T00:00:00Z"},
            {"/api/v1/stats/opt-outs", "from", "+10000-01-01"},
            {"/api/v1/stats/opt-outs/comments", "from", "-10000-01-01T00:00:00Z"}
        }) {
            String path = query[0] + "?" + query[1] + "=" + URLEncoder.encode(query[2], StandardCharsets.UTF_8);
            assertOutOfRange(Api.get(ADMIN, path), query[1]);
        }
        Api.get(AUDITOR, "/api/v1/audit?from=" + URLEncoder.encode("0001-01-01T00:00:00Z", StandardCharsets.UTF_8))
                .expect(200);
    }

    /**
     * The instants RFC 3339 does not write, which the API read until 2026-12-06 (24:00 as the next midnight, a leap
     * second as :59, a dot with no digit) while the import refused the first two: a 422 naming the field, as anywhere.
     */
    @Test
    void anInstantRfc3339DoesNotWriteIsA422NamingItsField() {
        String contact = Api.createContact(Api.uniqueEmail());
        String purpose = Fixtures.purpose(false);
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
        assertNotAnInstant(
                Api.sendWithHeaders(INTEGRATION, "PUT", "/api/v1/contacts/" + contact + "/preferences", """
                        {"frequency":{},"channels":[],"pausedUntil":"%sT24:00:00Z"}""".formatted(
                                today.plusDays(3))),
                "pausedUntil");
        assertNotAnInstant(
                Api.post(INTEGRATION, "/api/v1/sends", """
                        [{"contactId":"%s","purpose":"%s","channel":"EMAIL","sentAt":"%sT23:59:60Z"}]""".formatted(contact, purpose, today.minusDays(1))),
                "[0].sentAt");
        String from = URLEncoder.encode(today.minusDays(1) + "T10:00:00.Z", StandardCharsets.UTF_8);
        assertNotAnInstant(Api.get(ADMIN, "/api/v1/audit?from=" + from), "from");
        Api.post(INTEGRATION, "/api/v1/sends", """
                        [{"contactId":"%s","purpose":"%s","channel":"EMAIL","sentAt":"%sT23:59:59.5+01:00"}]""".formatted(contact, purpose, today.minusDays(1)))
                .expect(202);
    }

    private static void assertNotAnInstant(Api.Answer answer, String field) {
        JsonObject error = answer.problem(422).getJsonArray("errors").getJsonObject(0);
        assertEquals(field, error.getString("field"), error.toString());
        assertTrue(error.getString("message").contains("ISO-8601"), error.toString());
    }

    private static void assertOutOfRange(Api.Answer answer, String field) {
        JsonObject error = answer.problem(422).getJsonArray("errors").getJsonObject(0);
        assertEquals(field, error.getString("field"), error.toString());
        assertEquals("must be between the years 0001 and 9999", error.getString("message"), error.toString());
    }
}
