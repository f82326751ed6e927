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
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The ESPs' own files, from fixtures written after each provider's documentation (src/test/resources/esp): every
 * format read into our reasons, and our opt-outs written back in each format, read again by the same parser.
 */
class EspFormatIT {

    @Test
    void everyProvidersExportIsReadWithItsReasonsMappedToOurs() throws Exception {
        expect("ses", "ses.csv", 2, 0, Map.of("HARD_BOUNCE/EMAIL", 1, "COMPLAINT/EMAIL", 1));
        expect("ses", "ses.jsonl", 2, 0, Map.of("HARD_BOUNCE/EMAIL", 1, "COMPLAINT/EMAIL", 1));
        // The tag * (or none) is all mail; an unsubscribe from one tag is not a global opt-out and is refused.
        JsonObject mailgun =
                expect("mailgun-unsubscribes", "mailgun-unsubscribes.csv", 2, 1, Map.of("UNSUBSCRIBED/EMAIL", 2));
        String refusal = mailgun.getJsonArray("rejections").getString(0);
        assertTrue(refusal.startsWith("line 3") && refusal.contains("NEWSLETTER"), refusal);
        expect("mailgun-bounces", "mailgun-bounces.csv", 2, 0, Map.of("HARD_BOUNCE/EMAIL", 2));
        // A 4.x.x status is a temporary failure, not a bounce to suppress.
        expect("sendgrid", "sendgrid.csv", 1, 1, Map.of("HARD_BOUNCE/EMAIL", 1));
        expect("sendgrid", "sendgrid-spam-reports.csv", 1, 0, Map.of("COMPLAINT/EMAIL", 1));
        expect("sendgrid", "sendgrid-unsubscribes.csv", 1, 0, Map.of("UNSUBSCRIBED/EMAIL", 1));
        expect(
                "postmark",
                "postmark.csv",
                3,
                0,
                Map.of("HARD_BOUNCE/EMAIL", 1, "COMPLAINT/EMAIL", 1, "UNSUBSCRIBED/EMAIL", 1));
        expect("brevo", "brevo.csv", 2, 0, Map.of("UNSUBSCRIBED/EMAIL", 2));
        expect("mailchimp", "mailchimp-unsubscribed.csv", 1, 0, Map.of("UNSUBSCRIBED/EMAIL", 1));
        expect("mailchimp", "mailchimp-cleaned.csv", 1, 0, Map.of("HARD_BOUNCE/EMAIL", 1));
        expect("bloctel", "bloctel.txt", 4, 0, Map.of("DNC_REGISTRY/PHONE", 4));
        expect("generic", null, 0, 0, Map.of());
    }

    @Test
    void badFormatsAndFilesAreRefusedClearly() {
        String source = Api.uniqueKey("fmt");
        JsonObject problem = upload(source, "nope", "a@example.com\n").problem(422);
        assertEquals("format", problem.getJsonArray("errors").getJsonObject(0).getString("field"));
        assertTrue(problem.getJsonArray("errors")
                .getJsonObject(0)
                .getString("message")
                .contains("mailgun-bounces"));
        problem = upload(source, "sendgrid", "created,address\n1443651141,a@example.com\n")
                .problem(422);
        assertTrue(problem.toString().contains("email"), problem.toString());
        // Mailchimp's subscribed members' export looks like the unsubscribed one but for its time columns: read as
        // unsubscribes it would block the whole audience.
        problem = upload(
                        source,
                        "mailchimp",
                        "\"Email Address\",\"First Name\",OPTIN_TIME,CONFIRM_TIME\r\n" + Api.uniqueEmail()
                                + ",Jo,\"2025-11-01 10:00:00\",\"2025-11-01 10:05:00\"\r\n")
                .problem(422);
        assertTrue(problem.toString().contains("UNSUB_TIME"), problem.toString());
        Api.get(INTEGRATION, "/api/v1/suppression-sources/" + source + "/outbound?format=nope")
                .problem(422);
    }

    /**
     * An entry no decision would ever read is refused rather than acknowledged: a do-not-call registry entry on an
     * address, or on SMS, a suppression for one service purpose (service messages follow the relationship), and one
     * for a purpose on a channel it does not use.
     */
    @Test
    void aSuppressionThatWouldBlockNothingIsRefused() throws Exception {
        String email = Api.uniqueEmail();
        String phone = Api.uniqueFrenchMobile();
        for (String refused : List.of(
                "{\"email\":\"" + email + "\",\"channel\":\"EMAIL\",\"reason\":\"DNC_REGISTRY\"}",
                "{\"phone\":\"" + phone + "\",\"channel\":\"SMS\",\"reason\":\"DNC_REGISTRY\"}")) {
            JsonObject problem =
                    Api.post(ADMIN, "/api/v1/suppressions", refused).problem(422);
            assertEquals(
                    "reason", problem.getJsonArray("errors").getJsonObject(0).getString("field"), problem::toString);
        }
        Api.post(
                        ADMIN,
                        "/api/v1/suppressions",
                        "{\"phone\":\"" + phone + "\",\"channel\":\"PHONE\",\"reason\":\"DNC_REGISTRY\"}")
                .expect(201);
        JsonObject service = Api.post(
                        ADMIN,
                        "/api/v1/suppressions",
                        "{\"email\":\"" + email + "\",\"channel\":\"EMAIL\",\"reason\":\"MANUAL\",\"purpose\":\""
                                + Recipients.servicePurpose() + "\"}")
                .problem(422);
        assertEquals("purpose", service.getJsonArray("errors").getJsonObject(0).getString("field"), service::toString);
        // A purpose's suppression on a channel it does not use: decisions on that pair are refused, so it would block
        // nothing (stored, listed and sent out in outbound files until 2026-12-07, tester AN's F3); on its own
        // channel, the same entry is taken.
        String emailAndSms = Fixtures.purpose(false);
        JsonObject offChannel = Api.post(ADMIN, "/api/v1/suppressions", """
                        {"phone":"%s","channel":"PHONE","reason":"MANUAL","purpose":"%s"}""".formatted(phone, emailAndSms))
                .problem(422);
        assertEquals(
                "channel", offChannel.getJsonArray("errors").getJsonObject(0).getString("field"), offChannel::toString);
        Api.post(ADMIN, "/api/v1/suppressions", """
                        {"phone":"%s","channel":"SMS","reason":"MANUAL","purpose":"%s"}""".formatted(phone, emailAndSms))
                .expect(201);
        JsonObject listed = applied(upload(Api.uniqueKey("dnc-mail"), "generic", email + ",DNC_REGISTRY,\n"));
        assertEquals(
                List.of("line 1: DNC_REGISTRY lists phone numbers, not email addresses"),
                listed.getJsonArray("rejections").getValuesAs(JsonString::getString));
    }

    /**
     * Bloctel writes the overseas departments' numbers in the national form too ({@code 0692 …}, Réunion's
     * {@code +262 692 …}): each was read as {@code +33 692 …}, no number, and refused, so the person on the registry
     * stayed callable (until 2026-12-06). Now a Réunion customer's prospecting call is denied.
     */
    @Test
    void aBloctelNumberOfAnOverseasDepartmentInNationalFormListsItsHolder() throws Exception {
        String national =
                String.format("0692%06d", Math.floorMod(UUID.randomUUID().getLeastSignificantBits(), 1_000_000L));
        String purpose = Api.uniqueKey("calls");
        Api.post(ADMIN, "/api/v1/purposes", """
                        {"key":"%s","kind":"PROSPECTING","channels":["PHONE"],"doubleOptIn":false,
                         "similarToPurchases":false,"names":{"fr":"Appels","en":"Calls"}}""".formatted(purpose)).expect(201);
        JsonObject contact = Api.post(Api.User.INTEGRATION, "/api/v1/contacts", """
                        {"phone":"%s","country":"RE","locale":"fr","audience":"B2C","customer":false}""".formatted(national))
                .expect(201)
                .json();
        assertEquals("+262" + national.substring(1), contact.getString("phone"));
        String id = contact.getString("id");
        assertEquals(
                "PHONE_OPT_OUT_REGIME",
                Recipients.decision(id, purpose, "PHONE").getString("rule"),
                "before the list");

        JsonObject report = applied(upload(
                Api.uniqueKey("dnc-dom"),
                "bloctel",
                national.replaceAll("(\\d\\d)", "$1 ").strip() + "\n"));
        assertEquals(
                List.of(), report.getJsonArray("rejections").getValuesAs(JsonString::getString), report.toString());
        assertEquals(
                "PHONE_DNC_LISTED", Recipients.decision(id, purpose, "PHONE").getString("rule"));
    }

    /** A line is told what its own format lists: Bloctel national or international numbers, a provider emails. */
    @Test
    void aRefusedIdentifierIsToldWhatItsFormatLists() throws Exception {
        JsonObject bloctel = applied(upload(
                Api.uniqueKey("dnc"),
                "bloctel",
                "12345\n" + Api.uniqueEmail() + "\n" + Api.uniqueFrenchMobile() + "\n"));
        assertEquals(1, bloctel.getInt("rows"), bloctel.toString());
        assertEquals(
                List.of(
                        "line 1: not a phone number, national (06 12 34 56 78) or international (+33612345678)",
                        "line 2: not a phone number, national (06 12 34 56 78) or international (+33612345678)"),
                bloctel.getJsonArray("rejections").getValuesAs(JsonString::getString));
        JsonObject ses = applied(upload(
                Api.uniqueKey("ses"), "ses", Api.uniqueEmail() + ",BOUNCE\nnobody,BOUNCE\n+33612345678,BOUNCE\n"));
        assertEquals(
                List.of("line 2: not an email address", "line 3: not an email address"),
                ses.getJsonArray("rejections").getValuesAs(JsonString::getString));
    }

    @Test
    void ourOptOutsGoBackInEachProvidersImportFormatAndReadBackTheSame() throws Exception {
        Instant start = Instant.now().minusSeconds(1);
        String unsubscribed = Api.uniqueEmail();
        String bounced = Api.uniqueEmail();
        String complained = Api.uniqueEmail();
        String onlyBounced = Api.uniqueEmail();
        String phone = Api.uniqueFrenchMobile();
        oneClick(Api.createContact(unsubscribed));
        Api.createContact(bounced);
        Api.createContact(complained);
        Api.createContact(onlyBounced);
        Api.post(
                        INTEGRATION,
                        "/api/v1/esp-events",
                        Json.createArrayBuilder()
                                .add(espEvent("HARD_BOUNCE", bounced))
                                .add(espEvent("HARD_BOUNCE", onlyBounced))
                                .add(espEvent("COMPLAINT", complained))
                                .build()
                                .toString())
                .expect(202);
        Api.post(
                        INTEGRATION,
                        "/api/v1/contacts",
                        Json.createObjectBuilder()
                                .add("phone", phone)
                                .add("country", "FR")
                                .add("locale", "fr")
                                .add("audience", "B2C")
                                .add("customer", false)
                                .build()
                                .toString())
                .expect(201);
        Api.post(
                        ADMIN,
                        "/api/v1/suppressions",
                        Json.createObjectBuilder()
                                .add("phone", phone)
                                .add("channel", "PHONE")
                                .add("reason", "UNSUBSCRIBED")
                                .build()
                                .toString())
                .expect(201);
        // A second entry of the bounced address and of the number: a provider's file still names each once.
        Api.post(ADMIN, "/api/v1/suppressions", """
                {"email":"%s","channel":"EMAIL","reason":"UNSUBSCRIBED"}""".formatted(bounced)).expect(201);
        Api.post(ADMIN, "/api/v1/suppressions", """
                {"phone":"%s","channel":"SMS","reason":"UNSUBSCRIBED"}""".formatted(phone)).expect(201);
        String source = Api.uniqueKey("out");
        Api.get(INTEGRATION, "/api/v1/suppression-sources/" + source + "/outbound")
                .problem(404);
        applied(upload(source, "generic", "identifier,reason,date\n"));

        String ses = outbound(source, "ses", start);
        assertTrue(ses.contains(unsubscribed + ",COMPLAINT\r\n"), "SES knows no unsubscribe: COMPLAINT blocks all");
        assertTrue(ses.contains(bounced + ",BOUNCE\r\n"), ses);
        assertTrue(ses.contains(complained + ",COMPLAINT\r\n"), ses);
        String mailgun = outbound(source, "mailgun-unsubscribes", start);
        assertTrue(mailgun.startsWith("address,tags,created_at\r\n"), mailgun);
        assertTrue(mailgun.contains(unsubscribed + ",*,\""), mailgun);
        String bounces = outbound(source, "mailgun-bounces", start);
        assertTrue(bounces.startsWith("address,code,error,created_at\r\n"), bounces);
        // Mailgun's bounce list holds bounces only: an unsubscribe there came back as a hard bounce (AD-F3).
        assertTrue(bounces.contains(bounced + ",550,"), bounces);
        assertFalse(bounces.contains(unsubscribed) || bounces.contains(complained), bounces);
        assertTrue(outbound(source, "sendgrid", start).startsWith("email,created\r\n"));
        assertTrue(outbound(source, "postmark", start).contains(bounced + ",ManualSuppression,Customer,"));
        // A list of unsubscribes reads back as unsubscribes: a hard bounce alone is not written there (AG-F2).
        for (String format : List.of("mailgun-unsubscribes", "sendgrid", "postmark", "brevo", "mailchimp")) {
            String file = outbound(source, format, start);
            assertFalse(file.contains(onlyBounced), format + ": " + file);
            assertTrue(file.contains(complained), format + ": " + file);
        }
        assertTrue(outbound(source, "ses", start).contains(onlyBounced + ",BOUNCE"));
        assertTrue(outbound(source, "brevo", start).startsWith("EMAIL\r\n"));
        assertTrue(outbound(source, "mailchimp", start).startsWith("Email Address\r\n"));
        String bloctel = outbound(source, "bloctel", start);
        assertTrue(bloctel.contains("0" + phone.substring(3) + "\r\n"), "national form: " + bloctel);
        assertFalse(bloctel.contains("@"));
        assertTrue(outbound(source, "generic", start).contains(unsubscribed + ",UNSUBSCRIBED,"));

        for (String format : List.of(
                "ses", "mailgun-unsubscribes", "mailgun-bounces", "sendgrid", "postmark", "brevo", "mailchimp")) {
            String file = outbound(source, format, start);
            assertEquals(1, file.split(java.util.regex.Pattern.quote(bounced), -1).length - 1, format + ": " + file);
        }
        assertEquals(1, bloctel.split("0" + phone.substring(3), -1).length - 1, bloctel);
        String generic = outbound(source, "generic", start);
        assertTrue(generic.contains(bounced + ",HARD_BOUNCE,"), generic);
        assertTrue(generic.contains(bounced + ",UNSUBSCRIBED,"), "our own format keeps each reason: " + generic);
        // Its numbers too (an SMS platform's list takes them): the SMS and the PHONE opt-out of one number, once.
        assertEquals(1, generic.split(java.util.regex.Pattern.quote(phone + ",UNSUBSCRIBED,"), -1).length - 1, generic);
        // As it is, at the start of its line: an SMS platform took '+33… for no number (AD-F6, until 2026-12-06).
        assertTrue(generic.contains("\r\n" + phone + ",UNSUBSCRIBED,"), generic);
        List<String> lines = List.of(generic.split("\r\n"));
        assertEquals(lines.size(), lines.stream().distinct().count(), "never one line twice: " + generic);

        // Each file reads back through the same format: every one of our addresses, nothing refused.
        for (String format : List.of(
                "generic",
                "ses",
                "mailgun-unsubscribes",
                "mailgun-bounces",
                "sendgrid",
                "postmark",
                "brevo",
                "mailchimp",
                "bloctel")) {
            String file = outbound(source, format, start);
            JsonObject report = applied(upload(Api.uniqueKey("back"), format, file));
            assertEquals(0, report.getInt("rejected"), format + ": " + report + "\n" + file);
            List<String> ours = format.equals("bloctel")
                    ? List.of(phone)
                    : format.equals("mailgun-bounces") ? List.of(bounced) : List.of(unsubscribed, bounced, complained);
            assertTrue(report.getInt("rows") >= ours.size(), format + ": " + report);
        }
    }

    /**
     * SES keeps no "unsubscribed": our file writes a person's unsubscribe as COMPLAINT, and the next night's SES list
     * hands it back so. That line is our own opt-out coming back, read as the unsubscribe it was and dated as ours, so
     * the person's own later opt-in still outweighs it; until 2026-12-07 it became a complaint that nothing lifts
     * (tester AW's F5). A complaint SES holds for an address without our unsubscribe, or from before it, stays one.
     */
    @Test
    void anSesComplaintThatIsOurOwnUnsubscribeComingBackStaysAnUnsubscribe() throws Exception {
        String purpose = Fixtures.purpose(false);
        String notice = Fixtures.notice(purpose, "fr", "Oui");
        String person = Api.uniqueEmail();
        String contact = Fixtures.contact(person, "fr");
        String complained = Api.uniqueEmail();
        String complainant = Fixtures.contact(complained, "fr");
        String before = Api.uniqueEmail();
        String earlier = Fixtures.contact(before, "fr");
        String source = Api.uniqueKey("ses");
        applied(upload(source, "ses", Api.uniqueEmail() + ",BOUNCE\n"));
        Instant start = Instant.now().minusSeconds(1);
        oneClick(contact);
        oneClick(earlier);
        String ours = outbound(source, "ses", start);
        assertTrue(ours.contains(person + ",COMPLAINT\r\n"), ours);

        Api.post(INTEGRATION, "/api/v1/consents", Fixtures.event(contact, purpose, "EMAIL", "GRANT", notice, null))
                .expect(201);
        assertEquals("CONSENT_GRANTED", decision(contact, purpose), "the person's own opt-in after their unsubscribe");
        // The next night: SES lists our line (dated when our import put it there), a complaint it received itself for
        // an address we hold nothing for, and one it held before the other person's unsubscribe.
        String sesList = Json.createObjectBuilder()
                        .add("emailAddress", person)
                        .add("reason", "COMPLAINT")
                        .add("lastUpdateTime", Instant.now().toString())
                        .build()
                + "\n"
                + Json.createObjectBuilder()
                        .add("emailAddress", complained)
                        .add("reason", "COMPLAINT")
                        .build()
                + "\n"
                // The address listed twice, undated first (tester BA's F12): the dated line still tells.
                + Json.createObjectBuilder()
                        .add("emailAddress", before)
                        .add("reason", "COMPLAINT")
                        .build()
                + "\n"
                + Json.createObjectBuilder()
                        .add("emailAddress", before)
                        .add("reason", "COMPLAINT")
                        .add("lastUpdateTime", Fixtures.daysAgo(2))
                        .build()
                + "\n";
        applied(upload(source, "ses", sesList));
        assertEquals(
                "CONSENT_GRANTED",
                decision(contact, purpose),
                "our own unsubscribe coming back from SES is no complaint the person made");
        Map<String, String> reasons = Api.get(AUDITOR, "/api/v1/suppressions?limit=1000&source=list:" + source)
                .expect(200)
                .json()
                .getJsonArray("items")
                .stream()
                .map(JsonValue::asJsonObject)
                .filter(e -> e.containsKey("email") && !e.isNull("email"))
                .collect(Collectors.toMap(e -> e.getString("email"), e -> e.getString("reason")));
        assertEquals("UNSUBSCRIBED", reasons.get(person), reasons.toString());
        assertEquals("COMPLAINT", reasons.get(complained), reasons.toString());
        assertEquals("COMPLAINT", reasons.get(before), "SES held it before our unsubscribe: " + reasons);
        assertEquals("SUPPRESSED_COMPLAINT", decision(complainant, purpose));
    }

    /**
     * Bloctel's outbound file is the dialler's "do not call" list: numbers that opted out of calls, not of SMS alone,
     * whom our decisions still let be called (tester AW's F4; until 2026-12-07 they were in it).
     */
    @Test
    void theDiallersFileHoldsOptOutsFromCallsOnly() throws Exception {
        String smsOnly = Api.uniqueFrenchMobile();
        String calls = Api.uniqueFrenchMobile();
        for (String phone : List.of(smsOnly, calls)) {
            Api.post(INTEGRATION, "/api/v1/contacts", """
                    {"phone":"%s","country":"FR","locale":"fr","audience":"B2C","customer":false}""".formatted(phone)).expect(201);
        }
        Instant start = Instant.now().minusSeconds(1);
        Api.post(ADMIN, "/api/v1/suppressions", """
                {"phone":"%s","channel":"SMS","reason":"UNSUBSCRIBED"}""".formatted(smsOnly)).expect(201);
        Api.post(ADMIN, "/api/v1/suppressions", """
                {"phone":"%s","channel":"SMS","reason":"COMPLAINT"}""".formatted(smsOnly)).expect(201);
        Api.post(ADMIN, "/api/v1/suppressions", """
                {"phone":"%s","channel":"PHONE","reason":"UNSUBSCRIBED"}""".formatted(calls)).expect(201);
        String source = Api.uniqueKey("dnc");
        applied(upload(source, "generic", "identifier,reason,date\n"));
        String bloctel = outbound(source, "bloctel", start);
        assertTrue(bloctel.contains("0" + calls.substring(3) + "\r\n"), bloctel);
        assertFalse(bloctel.contains(smsOnly.substring(3)), "an SMS opt-out is no do-not-call: " + bloctel);
        // The generic file, an SMS platform's list, keeps the SMS opt-outs.
        assertTrue(outbound(source, "generic", start).contains(smsOnly + ",UNSUBSCRIBED,"));
    }

    private static String decision(String contact, String purpose) {
        return Recipients.decision(contact, purpose, "EMAIL").getString("rule");
    }

    private static JsonObject expect(
            String format, String fixture, int rows, int rejected, Map<String, Integer> entries) throws Exception {
        String source = Api.uniqueKey("fmt");
        String body = fixture == null ? "identifier,reason,date\n" : read(fixture);
        JsonObject report = applied(upload(source, format, body));
        assertEquals(rows, report.getInt("rows"), fixture + ": " + report);
        assertEquals(rejected, report.getInt("rejected"), fixture + ": " + report);
        Map<String, Integer> found = new TreeMap<>(Api.get(
                        AUDITOR, "/api/v1/suppressions?limit=1000&source=list:" + source)
                .expect(200)
                .json()
                .getJsonArray("items")
                .stream()
                .map(JsonValue::asJsonObject)
                .collect(Collectors.groupingBy(
                        e -> e.getString("reason") + "/" + e.getString("channel"), Collectors.summingInt(e -> 1))));
        assertEquals(new TreeMap<>(entries), found, fixture);
        return report;
    }

    private static Api.Answer upload(String source, String format, String body) {
        return Api.send(
                INTEGRATION,
                "PUT",
                "/api/v1/suppression-sources/" + source + "/snapshot?force=true&format=" + format,
                format.equals("bloctel") ? "text/plain" : "text/csv",
                HttpRequest.BodyPublishers.ofString(body));
    }

    private static JsonObject applied(Api.Answer answer) throws InterruptedException {
        JsonObject body = answer.expect(202).json();
        JsonObject execution = JobIT.awaitEnd(body.getJsonNumber("executionId").longValue());
        assertEquals("COMPLETED", execution.getString("status"), execution.toString());
        return body.getJsonObject("report");
    }

    private static String outbound(String source, String format, Instant since) {
        return Api.get(
                        INTEGRATION,
                        "/api/v1/suppression-sources/" + source + "/outbound?format=" + format + "&since=" + since)
                .expect(200)
                .body();
    }

    private static String read(String fixture) throws IOException {
        try (InputStream in = EspFormatIT.class.getResourceAsStream("/esp/" + fixture)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static JsonObject espEvent(String type, String email) {
        return Json.createObjectBuilder()
                .add("type", type)
                .add("email", email)
                .add("occurredAt", Instant.now().toString())
                .add("provider", "ses")
                .build();
    }

    private static void oneClick(String contact) throws Exception {
        String url = Api.post(CAMPAIGN, "/api/v1/unsubscribe-links", "{\"contactId\":\"" + contact + "\"}")
                .expect(200)
                .json()
                .getString("unsubscribeUrl");
        HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click"))
                                .build(),
                        HttpResponse.BodyHandlers.discarding());
    }
}
