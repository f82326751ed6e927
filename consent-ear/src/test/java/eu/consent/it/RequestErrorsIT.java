package eu.consent.it;

import static eu.consent.it.Api.User.ADMIN;
import static eu.consent.it.Api.User.CAMPAIGN;
import static eu.consent.it.Api.User.INTEGRATION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.net.http.HttpRequest.BodyPublishers;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The exact answer to a body with several broken fields, one per request that the web module checks before the
 * domain sees a typed command: status, type, title, every field error and their order. Written against the answers
 * the domain gave when it still parsed the strings itself, so that moving the checks changes nothing a client reads.
 * And requests that cannot be read at all (a path the container will not decode, a header no parser reads): still a
 * problem document, never the server's HTML page or stack trace.
 */
class RequestErrorsIT {

    private static final String PURPOSE_PREFIX = "/api/v1/purposes";

    @Test
    void espEventsListEveryBrokenFieldOfEveryEvent() {
        JsonObject problem = Api.post(INTEGRATION, "/api/v1/esp-events", """
                        [{"type":"HARD_BOUNCE","email":"%s","occurredAt":"%s","provider":"brevo"},
                         {"type":"BOUNCE","email":"no-at-sign","occurredAt":"%s","provider":" ","messageId":"%s"},
                         null,
                         {}]""".formatted(
                                Api.uniqueEmail(), Fixtures.daysAgo(1), "1969-12-31T23:59:59Z", "m".repeat(501)))
                .problem(422);
        assertInvalid(
                problem,
                List.of(
                        "[1].type: must be one of [HARD_BOUNCE, SOFT_BOUNCE, COMPLAINT, UNSUBSCRIBE]",
                        "[1].email: must contain exactly one @",
                        "[1].occurredAt: must not be before 1970-01-01T00:00:00Z",
                        "[1].provider: must be 1 to 100 characters",
                        "[1].messageId: must be at most 500 characters",
                        "[2]: must be an event object",
                        "[3].type: is required",
                        "[3].email: is required",
                        "[3].occurredAt: is required",
                        "[3].provider: is required"));
        assertEmptyBatchRefused("/api/v1/esp-events", "events");
    }

    @Test
    void purposesListEveryBrokenField() {
        JsonObject problem = Api.post(ADMIN, PURPOSE_PREFIX, """
                        {"key":"Bad_Key","kind":"SPAM","channels":["EMAIL","FAX",null],"doubleOptIn":null,
                         "names":{"english!":"x","fr":" "}}""").problem(422);
        assertInvalid(
                problem,
                List.of(
                        "key: must match [a-z0-9-]{2,64}",
                        "kind: must be one of [PROSPECTING, SERVICE]",
                        "channels: must be one of [EMAIL, SMS, PHONE, POSTAL, SOCIAL_ADS, PUSH]",
                        "channels: must be one of [EMAIL, SMS, PHONE, POSTAL, SOCIAL_ADS, PUSH]",
                        "doubleOptIn: is required",
                        "similarToPurchases: is required",
                        "names.english!: must be a language tag such as fr or fr-FR",
                        "names.fr: must be 1 to 200 characters"));
        assertInvalid(
                Api.post(ADMIN, PURPOSE_PREFIX, "{\"channels\":[]}").problem(422),
                List.of(
                        "key: is required",
                        "kind: is required",
                        "channels: must name at least one channel",
                        "doubleOptIn: is required",
                        "similarToPurchases: is required",
                        "names: must give the purpose's name in at least one locale"));
    }

    @Test
    void preferencesListEveryBrokenFieldWithTheUnknownPurposesInPlace() {
        // one purpose per body: the frequency object's members come in no fixed order
        String contact = Fixtures.contact(Api.uniqueEmail(), "fr");
        String preferences = "/api/v1/contacts/" + contact + "/preferences";
        String unknown = Api.uniqueKey("gone");
        assertInvalid(
                Api.sendWithHeaders(INTEGRATION, "PUT", preferences, """
                                {"frequency":{"%s":{"max":0,"per":"YEAR"}},"channels":["EMAIL","FAX",null],
                                 "pausedUntil":null}""".formatted(unknown))
                        .problem(422),
                List.of(
                        "frequency." + unknown + ": is not a known purpose",
                        "frequency." + unknown + ".max: must be a whole number from 1 to 1000",
                        "frequency." + unknown + ".per: must be one of [DAY, WEEK, MONTH]",
                        "channels: must be one of [EMAIL, SMS, PHONE, POSTAL, SOCIAL_ADS, PUSH]",
                        "channels: must be one of [EMAIL, SMS, PHONE, POSTAL, SOCIAL_ADS, PUSH]"));
        assertInvalid(
                Api.sendWithHeaders(INTEGRATION, "PUT", preferences, """
                                {"frequency":{"%s":null}}""".formatted(unknown))
                        .problem(422),
                List.of(
                        "frequency." + unknown + ": is not a known purpose",
                        "frequency." + unknown + ": must be {\"max\":N,\"per\":\"DAY|WEEK|MONTH\"}"));
        String purpose = Fixtures.purpose(false);
        assertInvalid(
                Api.sendWithHeaders(INTEGRATION, "PUT", preferences, """
                                {"frequency":{"%s":{"per":"WEEK"}},"channels":["EMAIL"]}""".formatted(purpose))
                        .problem(422),
                List.of("frequency." + purpose + ".max: must be a whole number from 1 to 1000"));
        assertInvalid(
                Api.sendWithHeaders(INTEGRATION, "PUT", preferences, """
                                {"frequency":{"%s":{"max":1,"per":"DAY"}}}""".formatted(unknown))
                        .problem(422),
                List.of("frequency." + unknown + ": is not a known purpose"));
    }

    @Test
    void sendsListEveryBrokenFieldOfEverySendWithUnknownContactsAndPurposesInPlace() {
        String purpose = Fixtures.purpose(false);
        String contact = Fixtures.contact(Api.uniqueEmail(), "fr");
        String unknownContact = java.util.UUID.randomUUID().toString();
        String unknownPurpose = Api.uniqueKey("gone");
        JsonObject problem = Api.post(INTEGRATION, "/api/v1/sends", """
                        [{"contactId":"%s","purpose":"%s","channel":"EMAIL","sentAt":"%s"},
                         {"contactId":"%s","purpose":"%s","channel":"FAX","sentAt":"%s"},
                         {"contactId":"not-a-uuid","purpose":"%s","channel":"SMS","sentAt":"%s"},
                         null,
                         {}]""".formatted(
                                contact,
                                purpose,
                                Fixtures.daysAgo(1),
                                unknownContact,
                                unknownPurpose,
                                Fixtures.daysAgo(-2),
                                purpose,
                                Fixtures.daysAgo(1)))
                .problem(422);
        assertInvalid(
                problem,
                List.of(
                        "[1].contactId: is not a known contact",
                        "[1].purpose: is not a known purpose",
                        "[1].channel: must be one of [EMAIL, SMS, PHONE, POSTAL, SOCIAL_ADS, PUSH]",
                        "[1].sentAt: must not be in the future",
                        "[2].contactId: must be the id of a contact",
                        "[3]: must be a send object",
                        "[4].contactId: is required",
                        "[4].contactId: must be the id of a contact",
                        "[4].purpose: is required",
                        "[4].channel: is required",
                        "[4].sentAt: is required"));
        assertEmptyBatchRefused("/api/v1/sends", "sends");
    }

    @Test
    void suppressionsListEveryBrokenFieldInTheOrderOfTheirRules() {
        String suppressions = "/api/v1/suppressions";
        assertInvalid(
                Api.post(ADMIN, suppressions, """
                                {"email":"no-at-sign","channel":"SMS","purpose":"%s","reason":"ERASED",
                                 "source":"person:me"}""".formatted(Api.uniqueKey("gone")))
                        .problem(422),
                List.of(
                        "reason: ERASED entries are made by erasure only",
                        "email: must contain exactly one @",
                        "channel: an email address is suppressed on [EMAIL, SOCIAL_ADS]",
                        "purpose: is not a known purpose",
                        "source: names the server's own entries (person:…, erasure, list:…, esp:…); choose another"
                                + " name"));
        assertInvalid(
                Api.post(ADMIN, suppressions, """
                                {"email":"%s","phone":"+33612345678","channel":"FAX","reason":"OOPS","source":" "}                                """.formatted(Api.uniqueEmail())).problem(422),
                List.of(
                        "email: give exactly one of email, phone or postalAddress",
                        "channel: must be one of [EMAIL, SMS, PHONE, POSTAL, SOCIAL_ADS, PUSH]",
                        "reason: must be one of [UNSUBSCRIBED, COMPLAINT, HARD_BOUNCE, DNC_REGISTRY, MANUAL, ERASED]",
                        "source: must be 1 to 100 characters"));
        assertInvalid(
                Api.post(ADMIN, suppressions, "{}").problem(422),
                List.of(
                        "email: give exactly one of email, phone or postalAddress",
                        "channel: is required",
                        "reason: is required"));
        assertInvalid(
                Api.post(ADMIN, suppressions, """
                                {"phone":"+33612345678","channel":"POSTAL","reason":"MANUAL"}""").problem(422),
                List.of("channel: a phone number is suppressed on [SMS, PHONE]"));
    }

    @Test
    void contactsListEveryBrokenFieldCountryFirst() {
        String contacts = "/api/v1/contacts";
        assertInvalid(
                Api.post(INTEGRATION, contacts, """
                                {"email":"no-at-sign","phone":"12","postalAddress":{"lines":[],"city":"Paris","country":"ZZ"},
                                 "locale":"french!","country":"XX","audience":"B2G","customer":null,"externalId":" ",
                                 "attributes":{"x":"%s"}}""".formatted("y".repeat(8000))).problem(422),
                List.of(
                        "country: must be an ISO 3166-1 alpha-2 country code",
                        "email: must contain exactly one @",
                        "phone: needs an international prefix (+) or a country to read it in",
                        "postalAddress.lines: must hold 1 to 5 lines",
                        "postalAddress.postcode: is required",
                        "postalAddress.country: must be an ISO 3166-1 alpha-2 country code",
                        "locale: must be a language tag such as fr or fr-FR",
                        "audience: must be one of [B2C, B2B]",
                        "customer: is required",
                        "externalId: must be 1 to 200 characters",
                        "attributes: must be at most 8000 characters of JSON"));
        assertInvalid(
                Api.post(INTEGRATION, contacts, "{}").problem(422),
                List.of(
                        "country: is required",
                        "email: at least one of email, phone or postalAddress is required",
                        "locale: is required",
                        "audience: is required",
                        "customer: is required"));
        // A tag of the right letters that BCP 47 does not allow is refused, not stored cut down to "xx-bogus".
        assertInvalid(
                Api.post(INTEGRATION, contacts, """
                                {"email":"%s","country":"FR","locale":"xx-bogus-lang","audience":"B2C","customer":false}""".formatted(Api.uniqueEmail()))
                        .problem(422),
                List.of("locale: is not a well-formed language tag (BCP 47) such as fr or fr-FR"));
    }

    @Test
    void contactPatchesListEveryBrokenFieldOfTheMergedContact() {
        String contact = "/api/v1/contacts/" + Fixtures.contact(Api.uniqueEmail(), "fr");
        assertInvalid(
                Api.patch(INTEGRATION, contact, """
                                {"email":null,"country":"XX","locale":null,"audience":"B2G","customer":null,
                                 "externalId":""}""").problem(422),
                List.of(
                        "country: must be an ISO 3166-1 alpha-2 country code",
                        "email: at least one of email, phone or postalAddress is required",
                        "locale: is required",
                        "audience: must be one of [B2C, B2B]",
                        "customer: is required",
                        "externalId: must be 1 to 200 characters"));
        assertInvalid(
                Api.patch(INTEGRATION, contact, """
                                {"email":"no-at-sign","createdAt":null,"id":"x"}""").problem(422),
                List.of("createdAt: is kept by the server and cannot be changed"));
        assertInvalid(
                Api.patch(INTEGRATION, contact, """
                                {"phone":"12","country":"DE","postalAddress":{"lines":["1 rue X"]}}""").problem(422),
                List.of(
                        "phone: is not a valid phone number",
                        "postalAddress.postcode: is required",
                        "postalAddress.city: is required",
                        "postalAddress.country: is required"));
    }

    @Test
    void lookupsNameOneIdentifierInItsForm() {
        String lookup = "/api/v1/contacts/lookup";
        assertInvalid(
                Api.post(INTEGRATION, lookup, """
                                {"email":"no-at-sign","phone":"12"}""").problem(422), List.of("email: give exactly one of email or phone"));
        assertInvalid(
                Api.post(INTEGRATION, lookup, "{}").problem(422), List.of("email: give exactly one of email or phone"));
        assertInvalid(Api.post(INTEGRATION, lookup, """
                                {"email":"no-at-sign"}""").problem(422), List.of("email: must contain exactly one @"));
        assertInvalid(
                Api.post(INTEGRATION, lookup, """
                                {"phone":"0612345678"}""").problem(422),
                List.of("phone: must be in international form: + and the calling code, e.g. +33612345678"));
    }

    @Test
    void noticesAnswerAnUnknownPurposeBeforeTheirBrokenFields() {
        JsonObject missing = Api.post(ADMIN, PURPOSE_PREFIX + "/" + Api.uniqueKey("gone") + "/notices", """
                        {"locale":"french!","text":""}""")
                .problem(404);
        assertEquals("urn:consent:problem:not-found", missing.getString("type"), missing.toString());
        assertEquals("Not Found", missing.getString("title"), missing.toString());
        String notices = PURPOSE_PREFIX + "/" + Fixtures.purpose(false) + "/notices";
        assertInvalid(
                Api.post(ADMIN, notices, """
                                {"locale":"french!","text":" "}""").problem(422),
                List.of("locale: must be a language tag such as fr or fr-FR", "text: must be 1 to 32000 characters"));
        assertInvalid(Api.post(ADMIN, notices, "{}").problem(422), List.of("locale: is required", "text: is required"));
    }

    @Test
    void decisionsAnswerTheRecipientCountThenTheQuestionThenTheRecipient() {
        String decisions = "/api/v1/decisions";
        String purpose = Fixtures.purpose(false); // EMAIL and SMS
        assertInvalid(
                Api.post(ADMIN, decisions, """
                                {"email":"no-at-sign","phone":"12","channel":"FAX"}""").problem(422),
                List.of("contactId: name the recipient by exactly one of contactId, email or phone"));
        assertInvalid(
                Api.post(ADMIN, decisions, """
                                {"email":"no-at-sign","channel":"FAX"}""").problem(422),
                List.of(
                        "purpose: is required",
                        "channel: must be one of [EMAIL, SMS, PHONE, POSTAL, SOCIAL_ADS, PUSH]"));
        assertInvalid(
                Api.post(ADMIN, decisions, """
                                {"contactId":"nope"}""").problem(422), List.of("purpose: is required", "channel: is required"));
        assertInvalid(
                Api.post(ADMIN, decisions, """
                                {"email":"no-at-sign","purpose":"%s","channel":"EMAIL"}""".formatted(Api.uniqueKey("gone"))).problem(422),
                List.of("purpose: is not a known purpose"));
        assertInvalid(
                Api.post(ADMIN, decisions, """
                                {"email":"no-at-sign","purpose":"%s","channel":"POSTAL"}""".formatted(purpose)).problem(422),
                List.of("channel: is not a channel of purpose " + purpose));
        assertInvalid(
                Api.post(ADMIN, decisions, """
                                {"email":"no-at-sign","purpose":"%s","channel":"EMAIL"}""".formatted(purpose)).problem(422),
                List.of("email: is not an email address"));
        assertInvalid(
                Api.post(ADMIN, decisions, """
                                {"contactId":"nope","purpose":"%s","channel":"SMS"}""".formatted(purpose)).problem(422), List.of("contactId: must be a UUID"));
        assertInvalid(
                Api.post(ADMIN, decisions, """
                                {"phone":"0612345678","purpose":"%s","channel":"SMS"}""".formatted(purpose)).problem(422),
                List.of("phone: must be a phone number in international form (+…)"));
        // Spellings the contacts API reads as a number are read so here too (until 2026-12-06 a 422 here only).
        String mobile = Api.uniqueFrenchMobile();
        String holder = Fixtures.b2bContact(null, mobile);
        for (String spelling : new String[] {"tel:" + mobile, "\uff0b" + mobile.substring(1), "\u00a0" + mobile}) {
            JsonObject answer = Api.post(
                            ADMIN,
                            decisions,
                            Json.createObjectBuilder()
                                    .add("phone", spelling)
                                    .add("purpose", purpose)
                                    .add("channel", "SMS")
                                    .build()
                                    .toString())
                    .expect(200)
                    .json();
            assertEquals("B2B_OPT_OUT_REGIME", answer.getString("rule"), spelling + " names " + holder + ": " + answer);
        }
    }

    /** Paths the web container will not decode: refused before any filter or resource, answered as our errors. */
    @Test
    void aPathThatCannotBeDecodedIsAProblemOnTheApiAndAPageOnThePages() {
        for (String path : new String[] {
            "/api/v1/contacts/%2F", "/api/v1/contacts/%2Fx/consents", "/api/v1/contacts/a%5Cb", "/api/v1/purposes/%E9"
        }) {
            RawHttp.Answer answer = RawHttp.send(ADMIN, "GET", path, null);
            assertEquals(400, answer.status(), path + " " + answer);
            assertEquals("application/problem+json", answer.contentType(), path + " " + answer);
            assertEquals(
                    400,
                    Json.createReader(new StringReader(answer.body()))
                            .readObject()
                            .getInt("status"));
            assertNoTrace(path, answer);
        }
        for (String path : new String[] {"/unsubscribe/%2F", "/preferences/%E9", "/stay/a%2Fb"}) {
            RawHttp.Answer answer = RawHttp.send(Api.User.NOBODY, "GET", path, null, "Accept-Language", "de");
            assertEquals(400, answer.status(), path + " " + answer);
            assertEquals("text/html", answer.contentType(), path + " " + answer);
            assertTrue(answer.body().contains("<html lang=\"de\""), path + " in the person's language: " + answer);
            assertEquals("de", answer.headers().get("content-language"), path);
            assertNoTrace(path, answer);
        }
    }

    /**
     * A broken %-escape ({@code %}, {@code %zz}) is refused by Liberty while it decodes the path to choose the
     * application, before any application code or error page (README, "What the API guarantees"): a 400 of its own,
     * short HTML naming nothing but the path. Kept here so that a Liberty that hands it to the application is noticed.
     */
    @Test
    void aBrokenPercentEscapeIsRefusedByTheServerBeforeTheApplicationWithoutATrace() {
        for (String path : new String[] {"/api/v1/contacts/%", "/api/v1/contacts/%zz", "/unsubscribe/%"}) {
            RawHttp.Answer answer = RawHttp.send(ADMIN, "GET", path, null);
            assertEquals(400, answer.status(), path + " " + answer);
            assertFalse(answer.body().contains("Exception"), path + " " + answer);
            assertFalse(answer.body().contains("\tat "), path + " " + answer);
            assertFalse(answer.body().length() > 300, path + " " + answer);
        }
    }

    /**
     * A query string with a broken %-escape: a 400 problem on the API, whatever the operation (until 2026-12-06 a 500,
     * thrown by the first code that read the query); the person's page opens all the same, the {@code %} read as
     * itself (a link a mail client mangled).
     */
    @Test
    void aQueryWithABrokenPercentEscapeIsA400OnTheApiAndThePersonsPageOpens() {
        assertEachIsA400Saying("does not start an escape", new String[][] {
            {"GET", "/api/v1/audit?contactId=%ZZ"},
            {"GET", "/api/v1/purposes?limit=%"},
            {"GET", "/api/v1/suppressions?zz%ZZ=1"},
            {"POST", "/api/v1/decisions/bulk?purpose=%ZZ&channel=EMAIL"}
        });
        Recipients.Person p = Recipients.granted("fr");
        String url = Recipients.preferencesUrl(p.contact());
        RawHttp.Answer page = RawHttp.send(Api.User.NOBODY, "GET", url + "?lang=%ZZ", null);
        assertEquals(200, page.status(), page.toString());
        assertTrue(page.body().contains("<html lang=\"fr\">"), "the contact's language: " + page);
    }

    /**
     * Sends each raw request ({method, target}: a GET as the admin, a POST of one CSV line to bulk decisions as the
     * campaign role) and checks it is a 400 problem whose detail says {@code words}, with no trace in it.
     */
    private static void assertEachIsA400Saying(String words, String[][] calls) {
        for (String[] call : calls) {
            RawHttp.Answer answer = call[0].equals("GET")
                    ? RawHttp.send(ADMIN, "GET", call[1], null)
                    : RawHttp.send(CAMPAIGN, "POST", call[1], "a@example.org\n", "Content-Type", "text/csv");
            assertEquals(400, answer.status(), call[1] + " " + answer);
            assertEquals("application/problem+json", answer.contentType(), call[1] + " " + answer);
            assertTrue(answer.body().contains(words), call[1] + " " + answer);
            assertNoTrace(call[1], answer);
        }
    }

    /**
     * A character that may not stand unescaped in a query or a path, as browsers and link trackers send {@code | { } ^}
     * ({@code ?utm_campaign=nl|dec}): a 400 problem naming it on the API; on the recipients' pages it is read as its
     * escape, so the page opens and a one-click to such a link is recorded (until 2026-12-06 a 500 everywhere, and the
     * one-click answered "Nothing was changed").
     */
    @Test
    void aCharacterThatMustBeEscapedIsA400OnTheApiAndAOneClickToALinkHoldingOneIsRecorded() {
        assertEachIsA400Saying("may not stand there unescaped", new String[][] {
            {"GET", "/api/v1/ping?x=|"},
            {"GET", "/api/v1/purposes?limit=1|2"},
            {"GET", "/api/v1/purposes?limit={1}"},
            {"GET", "/api/v1/suppressions?channel=EMAIL^SMS"},
            {"GET", "/api/v1/contacts/a|b"},
            {"GET", "/api/v1/contacts/a{b}"},
            {"POST", "/api/v1/decisions/bulk?purpose=a`b&channel=EMAIL"}
        });
        Recipients.Person p = Recipients.granted("fr");
        RawHttp.Answer page = RawHttp.send(
                Api.User.NOBODY, "GET", Recipients.preferencesUrl(p.contact()) + "?utm_campaign=nl|dec", null);
        assertEquals(200, page.status(), page.toString());
        assertEquals(
                404,
                RawHttp.send(Api.User.NOBODY, "GET", "/unsubscribe/a|b", null).status());

        recordedOneClick(p, "?utm_source=a|b&utm_term={x}");

        // Two proxies in a row append to X-Forwarded-Proto: the first scheme of the list is read (until 2026-12-06 a
        // 500 or a 404 everywhere, and the one-click lost), and one that is no scheme at all is left for the
        // connection's.
        for (String proto : new String[] {"https, http", "https,http", "", "https:/", "a|b"}) {
            RawHttp.Answer api =
                    RawHttp.send(ADMIN, "GET", "/api/v1/purposes?limit=1", null, "X-Forwarded-Proto", proto);
            assertEquals(200, api.status(), "'" + proto + "' " + api);
        }
        recordedOneClick(Recipients.granted("de"), "", "X-Forwarded-Proto", "https, http");
    }

    /**
     * A body that is not what its {@code Content-Encoding} says is a 400, on the fast decision path, any other endpoint
     * and a recipient's page alike (until 2026-12-06 the container's exception was a 500); a coding the server does
     * not decode is a 415 on the API, where it was ignored and the compressed bytes read as text.
     */
    @Test
    void aBodyThatIsNotWhatItsCodingSaysIsA400AndACodingNotDecodedA415() throws Exception {
        for (String[] call : new String[][] {
            {"/api/v1/decisions", "{\"email\":\"x@example.org\",\"purpose\":\"p\",\"channel\":\"EMAIL\"}"},
            {"/api/v1/contacts", "{\"email\":\"x@example.org\"}"}
        }) {
            RawHttp.Answer broken = RawHttp.send(
                    call[0].endsWith("decisions") ? CAMPAIGN : INTEGRATION,
                    "POST",
                    call[0],
                    call[1],
                    "Content-Type",
                    "application/json",
                    "Content-Encoding",
                    "gzip");
            assertEquals(400, broken.status(), call[0] + " " + broken);
            assertEquals("application/problem+json", broken.contentType(), broken.toString());
            assertTrue(broken.body().contains("not what its Content-Encoding says"), broken.toString());
            RawHttp.Answer brotli = RawHttp.send(
                    call[0].endsWith("decisions") ? CAMPAIGN : INTEGRATION,
                    "POST",
                    call[0],
                    call[1],
                    "Content-Type",
                    "application/json",
                    "Content-Encoding",
                    "br");
            assertEquals(415, brotli.status(), call[0] + " " + brotli);
            assertTrue(brotli.body().contains("Content-Encoding: br"), brotli.toString());
        }
        // The bulk list too, before its answer starts (tester AN's F4: until 2026-12-07 a 200 saying it broke off).
        RawHttp.Answer bulk = RawHttp.send(
                CAMPAIGN,
                "POST",
                "/api/v1/decisions/bulk?purpose=" + Fixtures.purpose(false) + "&channel=EMAIL",
                "{\"email\":\"x@example.org\"}\n",
                "Content-Type",
                "application/x-ndjson",
                "Content-Encoding",
                "gzip");
        assertEquals(400, bulk.status(), bulk.toString());
        assertTrue(bulk.body().contains("not what its Content-Encoding says"), bulk.toString());
        // A gzip body is decoded; the same stream cut short is no body (until 2026-12-06 the container read it as a
        // whole one: half an import COMPLETED, a snapshot cut short lifted suppressions).
        String email = Api.uniqueEmail();
        byte[] whole = gzip("{\"email\":\"" + email + "\",\"country\":\"FR\",\"locale\":\"fr\",\"audience\":\"B2C\","
                + "\"customer\":false}");
        Api.send(
                        INTEGRATION,
                        "POST",
                        "/api/v1/contacts",
                        "application/json",
                        BodyPublishers.ofByteArray(java.util.Arrays.copyOf(whole, whole.length - 12)),
                        "Content-Encoding",
                        "gzip")
                .problem(400);
        Api.post(INTEGRATION, "/api/v1/contacts/lookup", "{\"email\":\"" + email + "\"}")
                .problem(404);
        Api.send(
                        INTEGRATION,
                        "POST",
                        "/api/v1/contacts",
                        "application/json",
                        BodyPublishers.ofByteArray(whole),
                        "Content-Encoding",
                        "gzip")
                .expect(201);
        String source = Api.uniqueKey("gz");
        StringBuilder list = new StringBuilder("identifier,reason,date\n");
        for (int i = 0; i < 200; i++) {
            list.append(source).append('-').append(i).append("@example.com,HARD_BOUNCE,\n");
        }
        byte[] snapshot = gzip(list.toString());
        String path = "/api/v1/suppression-sources/" + source + "/snapshot?format=generic";
        JsonObject listed = SuppressionSourceIT.applied(Api.send(
                ADMIN, "PUT", path, "text/csv", BodyPublishers.ofByteArray(snapshot), "Content-Encoding", "gzip"));
        assertEquals(200, listed.getInt("additions"), listed.toString());
        Api.send(
                        ADMIN,
                        "PUT",
                        path,
                        "text/csv",
                        BodyPublishers.ofByteArray(java.util.Arrays.copyOf(snapshot, snapshot.length * 3 / 4)),
                        "Content-Encoding",
                        "gzip")
                .problem(400);
        assertEquals(
                200,
                Api.pages(Api.User.AUDITOR, "/api/v1/suppressions?source=list:" + source)
                        .size(),
                "a list cut short lifts nothing");
        // Two members, the second cut short (or any bytes after the first): refused too (tester BK's F11: until
        // 2026-12-08 the first member was read as the whole list, and the second's lines were removed).
        byte[] head = gzip(list.substring(0, list.length() / 2));
        byte[] tail = gzip(list.substring(list.length() / 2));
        for (byte[] after : List.of(java.util.Arrays.copyOf(tail, 8), "b@example.com,HARD_BOUNCE,\n".getBytes())) {
            byte[] broken = java.util.Arrays.copyOf(head, head.length + after.length);
            System.arraycopy(after, 0, broken, head.length, after.length);
            Api.send(ADMIN, "PUT", path, "text/csv", BodyPublishers.ofByteArray(broken), "Content-Encoding", "gzip")
                    .problem(400);
        }
        assertEquals(
                200,
                Api.pages(Api.User.AUDITOR, "/api/v1/suppressions?source=list:" + source)
                        .size(),
                "a list of two members, the second broken, lifts nothing");

        // A one-click whose body is not what its coding says: no browser compresses a form, a mail client's one-click
        // is what comes so, and its token is the credential: recorded (until 2026-12-06 a 500, then a 400, and lost).
        RawHttp.Answer page = recordedOneClick(Recipients.granted("fr"), "", "Content-Encoding", "gzip");
        assertTrue(page.contentType().startsWith("text/html"), page.toString());
        assertFalse(page.body().contains("&lt;"), page.toString());

        // A body larger than any form of the page, padded or declaring megabytes: the signed link is the credential,
        // recorded without the feedback it cannot read (tester AO's F2: until 2026-12-07 a 413, and the opt-out lost).
        for (int size : new int[] {70_000, 2 * 1024 * 1024}) {
            Recipients.Person p = Recipients.granted("en");
            String url = Recipients.links(p.contact(), p.purpose()).getString("unsubscribeUrl");
            RawHttp.Answer padded = RawHttp.send(
                    Api.User.NOBODY,
                    "POST",
                    url,
                    "List-Unsubscribe=One-Click&comment=" + "x".repeat(size),
                    "Content-Type",
                    "application/x-www-form-urlencoded");
            assertEquals(200, padded.status(), size + " " + padded);
            assertEquals("WITHDRAWN", Recipients.state(p.contact(), p.purpose(), "EMAIL"), size + " bytes");
            assertEquals(
                    "ONE_CLICK",
                    Recipients.history(p.contact()).getJsonObject(1).getString("source"),
                    "nothing of the body was read as a form: " + size);
        }
    }

    /**
     * A NUL is no text, and PostgreSQL cannot store or compare with one (tester AO's F3: until 2026-12-07 it was stored
     * as sent on Derby): a comment keeps its words without it nor other control characters but line breaks, and is
     * never cut inside a character; a JSON string or a query value holding one is refused. On both databases.
     */
    @Test
    void aNulIsNoTextAnywhere() {
        Recipients.Person p = Recipients.granted("en");
        String url = Recipients.links(p.contact(), p.purpose()).getString("unsubscribeUrl");
        RawHttp.Answer page = RawHttp.send(
                Api.User.NOBODY,
                "POST",
                url,
                "reason=OTHER&comment=too%00many%1B mails%0D%0Aplease",
                "Content-Type",
                "application/x-www-form-urlencoded");
        assertEquals(200, page.status(), page.toString());
        assertEquals("WITHDRAWN", Recipients.state(p.contact(), p.purpose(), "EMAIL"));
        assertEquals(
                "toomany mails\r\nplease",
                Api.get(
                                Api.User.AUDITOR,
                                "/api/v1/stats/opt-outs/comments?from=" + Fixtures.daysAgo(1) + "&purpose="
                                        + p.purpose())
                        .expect(200)
                        .json()
                        .getJsonArray("items")
                        .getJsonObject(0)
                        .getString("comment"));

        // Cut at the column's 2,000 UTF-16 units, a character of two at the cut left out whole: stored on both
        // databases (a cut at 2,000 characters overflowed Derby's column, review 40).
        Recipients.Person q = Recipients.granted("en");
        String emoji = "%F0%9F%98%80";
        RawHttp.Answer longOne = RawHttp.send(
                Api.User.NOBODY,
                "POST",
                Recipients.links(q.contact(), q.purpose()).getString("unsubscribeUrl"),
                "reason=OTHER&comment=" + "a".repeat(1999) + emoji.repeat(3),
                "Content-Type",
                "application/x-www-form-urlencoded");
        assertEquals(200, longOne.status(), longOne.toString());
        assertEquals("WITHDRAWN", Recipients.state(q.contact(), q.purpose(), "EMAIL"));

        // A header may carry a NUL (the container lets it through): the proof keeps the browser's name without it.
        Recipients.Person r = Recipients.granted("en");
        RawHttp.Answer agent = RawHttp.send(
                Api.User.NOBODY,
                "POST",
                Recipients.links(r.contact(), r.purpose()).getString("unsubscribeUrl"),
                "List-Unsubscribe=One-Click",
                "Content-Type",
                "application/x-www-form-urlencoded",
                "User-Agent",
                "it\u0000agent\u0001x");
        assertEquals(200, agent.status(), agent.toString());
        assertEquals(
                "itagentx",
                Recipients.history(r.contact())
                        .getJsonObject(1)
                        .getJsonObject("proof")
                        .getString("userAgent"));

        Api.Answer refused = Api.post(
                INTEGRATION,
                "/api/v1/contacts",
                "{\"email\":\"" + Api.uniqueEmail() + "\",\"country\":\"FR\",\"locale\":\"fr\",\"audience\":\"B2C\","
                        + "\"customer\":false,\"externalId\":\"a\\u0000b\"}");
        refused.problem(400);
        assertTrue(refused.body().contains("U+0000"), refused.body());
        Api.Answer query = Api.get(Api.User.AUDITOR, "/api/v1/suppressions?source=a%00b");
        query.problem(422);
        assertTrue(query.body().contains("U+0000"), query.body());
        // A purpose's name is one line: it is a mail's subject, where a line break would start a header.
        Api.Answer name = Api.post(ADMIN, "/api/v1/purposes", """
                {"key":"%s","kind":"PROSPECTING","channels":["EMAIL"],"doubleOptIn":true,"similarToPurchases":false,
                 "names":{"en":"News\\r\\nBcc: someone@example.org"}}""".formatted(Api.uniqueKey("crlf")));
        name.problem(422);
        assertTrue(name.body().contains("must be one line"), name.body());
    }

    /**
     * A recipient's error page sends the headers of every page — the policy without scripts or frames, no sniffing, no
     * cache — and every answer of the API says no-store and nosniff (tester AO's F10: until 2026-12-07 the 400, 405,
     * 413 and 415 pages went without them, and the API's answers naming a person without no-store).
     */
    @Test
    void errorPagesAndApiAnswersSendTheirGuards() {
        Recipients.Person p = Recipients.granted("en");
        String preferences = Recipients.preferencesUrl(p.contact());
        for (RawHttp.Answer page : List.of(
                RawHttp.send(Api.User.NOBODY, "DELETE", preferences, null),
                RawHttp.send(Api.User.NOBODY, "POST", preferences, "{}", "Content-Type", "application/json"),
                RawHttp.send(Api.User.NOBODY, "GET", "/unsubscribe/%2F", null))) {
            assertTrue(page.status() >= 400 && page.contentType().equals("text/html"), page.toString());
            assertTrue(
                    page.headers().getOrDefault("content-security-policy", "").contains("frame-ancestors 'none'"),
                    page.toString());
            assertEquals("DENY", page.headers().get("x-frame-options"), page.toString());
            assertEquals("nosniff", page.headers().get("x-content-type-options"), page.toString());
            assertEquals("no-store", page.headers().get("cache-control"), page.toString());
        }
        Api.Answer contact =
                Api.get(Api.User.AUDITOR, "/api/v1/contacts/" + p.contact()).expect(200);
        Api.Answer decision = Api.post(
                        CAMPAIGN,
                        "/api/v1/decisions",
                        "{\"contactId\":\"" + p.contact() + "\",\"purpose\":\"" + p.purpose()
                                + "\",\"channel\":\"EMAIL\"}")
                .expect(200);
        Api.Answer refused = Api.get(Api.User.NOBODY, "/api/v1/purposes");
        refused.problem(401);
        for (Api.Answer answer : List.of(contact, decision, refused)) {
            assertEquals("no-store", answer.header("Cache-Control"), answer.body());
            assertEquals("nosniff", answer.header("X-Content-Type-Options"), answer.body());
        }
    }

    /** An id that is no UUID is not repeated in the 404 (tester AO's F5): a careless client put an email there. */
    @Test
    void aPathSegmentThatIsNoIdIsNotRepeated() {
        String email = Api.uniqueEmail();
        for (String path : List.of("/api/v1/contacts/" + email, "/api/v1/contacts/" + email + "/export")) {
            Api.Answer answer = Api.get(Api.User.AUDITOR, path);
            answer.problem(404);
            assertFalse(answer.body().contains(email), answer.body());
            assertTrue(answer.body().contains("not a UUID"), answer.body());
        }
        // A suppression's id and a job execution's too (tester AP's F9).
        Api.Answer suppression =
                Api.send(ADMIN, "DELETE", "/api/v1/suppressions/" + email, null, BodyPublishers.noBody());
        suppression.problem(404);
        assertFalse(suppression.body().contains(email), suppression.body());
        for (String id : List.of(email, "+33612345678")) {
            Api.Answer execution = Api.get(ADMIN, "/api/v1/jobs/executions/" + id.replace("+", "%2B"));
            execution.problem(404);
            assertFalse(execution.body().contains(id.substring(1)), execution.body());
        }
        // Nor by a suppression's read, a purpose's, a notice's or a source's (tester BC's F2); a key of ours still is.
        for (String id : List.of(email, "+33612345678", "0612345678")) {
            String segment = id.replace("+", "%2B");
            for (String path : List.of(
                    "/api/v1/suppressions/" + segment,
                    "/api/v1/purposes/" + segment,
                    "/api/v1/suppression-sources/" + segment + "/outbound?format=generic")) {
                Api.Answer answer = Api.get(ADMIN, path);
                answer.problem(404);
                assertFalse(answer.body().contains(id.substring(1)), path + ": " + answer.body());
            }
        }
        String key = Api.uniqueKey("nopurpose");
        Api.Answer unknown = Api.get(ADMIN, "/api/v1/purposes/" + key);
        unknown.problem(404);
        assertTrue(unknown.body().contains(key), unknown.body());
    }

    /**
     * A filter given empty is a 422 naming it, never "no filter" (a script with its variable unset was handed the whole
     * audit log) nor the empty name (tester BC's F4).
     */
    @Test
    void aFilterGivenEmptyIsRefused() {
        for (String[] filter : List.of(
                new String[] {"/api/v1/audit?contactId=", "contactId"},
                new String[] {"/api/v1/audit?contact=", "contact"},
                new String[] {"/api/v1/stats/opt-outs?purpose=", "purpose"},
                new String[] {"/api/v1/stats/opt-outs/comments?purpose=%20", "purpose"},
                new String[] {"/api/v1/suppressions?source=", "source"},
                new String[] {"/api/v1/exports/contacts?format=ndjson&attr.tier=", "attr.tier"})) {
            Api.Answer answer = Api.get(Api.User.AUDITOR, filter[0]);
            answer.problem(422);
            assertTrue(answer.body().contains("\"" + filter[1] + "\""), filter[0] + ": " + answer.body());
        }
    }

    /**
     * A body that ends before the length it declared (the client closed): a one-click is recorded all the same, its
     * token being the credential; anywhere else it is a 400, not a 500 (tester AP's F12, F13, until 2026-12-07).
     */
    @Test
    void aBodyCutShortIsAOneClickOnTheLinkAndA400Elsewhere() throws Exception {
        Recipients.Person p = Recipients.granted("en");
        String url = Recipients.links(p.contact(), p.purpose()).getString("unsubscribeUrl");
        for (int declared : new int[] {100, 3_000_000}) {
            Recipients.Person q = Recipients.granted("en");
            String link = Recipients.links(q.contact(), q.purpose()).getString("unsubscribeUrl");
            assertEquals(200, cutShort(link, null, "List-Unsubscribe=One-Click&comment=xx", declared), "" + declared);
            assertEquals("WITHDRAWN", Recipients.state(q.contact(), q.purpose(), "EMAIL"), declared + " declared");
        }
        assertEquals("GRANTED", Recipients.state(p.contact(), p.purpose(), "EMAIL"), "the first one untouched");
        assertEquals(
                400,
                cutShort(Recipients.preferencesUrl(p.contact()), null, "action=save&x=", 100),
                "the preference page");
        // The 400 page as a page, not its escaped source (tester AR's F3: RESTEasy escaped every text/html 400).
        RawHttp.Answer notGzip = RawHttp.send(
                Api.User.NOBODY,
                "POST",
                Recipients.preferencesUrl(p.contact()),
                "notgzip",
                "Content-Type",
                "application/x-www-form-urlencoded",
                "Content-Encoding",
                "gzip");
        assertEquals(400, notGzip.status(), notGzip.toString());
        assertTrue(notGzip.body().startsWith("<!DOCTYPE html>"), notGzip.toString());
        assertEquals(
                400,
                cutShort("/api/v1/contacts", INTEGRATION, "{\"email\":\"" + Api.uniqueEmail() + "\"", 100),
                "the API");
        assertEquals(
                400,
                cutShort("/api/v1/decisions", CAMPAIGN, "{\"email\":\"" + Api.uniqueEmail() + "\"", 100),
                "the decisions' fast path");
        assertEquals("GRANTED", Recipients.state(p.contact(), p.purpose(), "EMAIL"));
    }

    /** Sends a POST whose body ends before {@code declared} bytes, the client closing its side; the answer's status. */
    private static int cutShort(String target, Api.User user, String body, int declared) throws java.io.IOException {
        java.net.URI base = java.net.URI.create(Api.BASE);
        String path = target.startsWith("http") ? java.net.URI.create(target).getRawPath() : target;
        try (java.net.Socket socket = new java.net.Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(90_000);
            String head = "POST " + path + " HTTP/1.1\r\nHost: " + base.getHost() + ":" + base.getPort() + "\r\n"
                    + (user == null ? "" : "Authorization: " + user.header + "\r\n")
                    + "Content-Type: "
                    + (path.startsWith("/api/") ? "application/json" : "application/x-www-form-urlencoded")
                    + "\r\nContent-Length: " + declared + "\r\nConnection: close\r\n\r\n";
            socket.getOutputStream().write((head + body).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            socket.shutdownOutput();
            String status = new java.io.BufferedReader(new java.io.InputStreamReader(
                            socket.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))
                    .readLine();
            return Integer.parseInt(status.split(" ")[1]);
        }
    }

    private static byte[] gzip(String text) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (java.util.zip.GZIPOutputStream zip = new java.util.zip.GZIPOutputStream(out)) {
            zip.write(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * A Host header that cannot be read as a host ({@code [v1.x]}, {@code local{host}}, {@code exa mple.com}): a 400
     * problem on the API; a recipient's page does not need it, and a one-click so sent is recorded (until 2026-12-06 a
     * 500 everywhere, and the one-click was lost).
     */
    @Test
    void aHostThatCannotBeReadIsA400OnTheApiAndAOneClickSentWithItIsRecorded() {
        for (String host : new String[] {"[v1.x]", "local{host}", "exa mple.com"}) {
            RawHttp.Answer answer = RawHttp.send(ADMIN, "GET", "/api/v1/purposes?limit=1", null, "Host", host);
            assertEquals(400, answer.status(), host + " " + answer);
            assertEquals("application/problem+json", answer.contentType(), host + " " + answer);
            assertTrue(answer.body().contains("the Host header cannot be read"), answer.toString());
            assertNoTrace(host, answer);
        }
        recordedOneClick(Recipients.granted("fr"), "", "Host", "[v1.x]");
    }

    /**
     * An RFC 8058 one-click on the person's link for their purpose, sent raw with {@code query} after the link and the
     * headers given (name, value, ...), as a mail client or a proxy may mangle it: answered 200 and recorded.
     */
    private static RawHttp.Answer recordedOneClick(Recipients.Person p, String query, String... headers) {
        String url = Recipients.links(p.contact(), p.purpose()).getString("unsubscribeUrl") + query;
        String[] all = new String[headers.length + 2];
        all[0] = "Content-Type";
        all[1] = "application/x-www-form-urlencoded";
        System.arraycopy(headers, 0, all, 2, headers.length);
        RawHttp.Answer answer = RawHttp.send(Api.User.NOBODY, "POST", url, "List-Unsubscribe=One-Click", all);
        assertEquals(200, answer.status(), answer.toString());
        assertFalse(
                Recipients.decision(p.contact(), p.purpose(), "EMAIL").getBoolean("allowed"),
                "the one-click was recorded: " + answer);
        return answer;
    }

    /** A Content-Type that is not a media type is a 415 like any other type the endpoint does not take. */
    @Test
    void aContentTypeThatCannotBeReadIsRefusedWithA415NamingWhatCameAndWhatIsTaken() {
        for (String type : new String[] {"garbage", "application/json, text/plain", "application/json; q=abc"}) {
            RawHttp.Answer answer = RawHttp.send(CAMPAIGN, "POST", "/api/v1/decisions", "{}", "Content-Type", type);
            assertEquals(415, answer.status(), type + " " + answer);
            assertEquals("application/problem+json", answer.contentType(), type + " " + answer);
            String detail = Json.createReader(new StringReader(answer.body()))
                    .readObject()
                    .getString("detail");
            assertTrue(detail.contains(type), detail);
            assertTrue(detail.endsWith("this endpoint accepts application/json"), detail);
            assertNoTrace(type, answer);
        }
    }

    /**
     * A role that may not use an endpoint at all is told so (403, naming the roles it needs) whatever body it sends — of
     * a type the endpoint does not take, or too large — not 415 or 413 as if another body would do. A role that may
     * use it still hears what is wrong with the body, and a caller without credentials is asked for them.
     */
    @Test
    void aRoleThatMayNotWriteHearsSoBeforeAnythingAboutItsBody() {
        String big = "{\"externalId\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}";
        List<Api.Answer> refused = List.of(
                Api.send(
                        Api.User.AUDITOR,
                        "POST",
                        "/api/v1/contacts",
                        "text/plain",
                        java.net.http.HttpRequest.BodyPublishers.ofString("x")),
                Api.post(Api.User.AUDITOR, "/api/v1/contacts", big),
                Api.send(
                        Api.User.AUDITOR,
                        "POST",
                        "/api/v1/imports",
                        "image/png",
                        java.net.http.HttpRequest.BodyPublishers.ofString("x")),
                Api.send(
                        CAMPAIGN,
                        "PUT",
                        "/api/v1/suppression-sources/acme/snapshot",
                        "image/png",
                        java.net.http.HttpRequest.BodyPublishers.ofString("x")));
        for (Api.Answer answer : refused) {
            JsonObject problem = answer.problem(403);
            assertTrue(problem.getString("detail").startsWith("this request needs the role "), problem::toString);
        }
        Api.send(
                        INTEGRATION,
                        "POST",
                        "/api/v1/contacts",
                        "text/plain",
                        java.net.http.HttpRequest.BodyPublishers.ofString("x"))
                .problem(415);
        Api.post(INTEGRATION, "/api/v1/contacts", big).problem(413);
        Api.send(
                        Api.User.NOBODY,
                        "POST",
                        "/api/v1/contacts",
                        "text/plain",
                        java.net.http.HttpRequest.BodyPublishers.ofString("x"))
                .problem(401);
    }

    /** RFC 9110 lets a server disregard an Accept it cannot read: the request is answered as if it had none. */
    @Test
    void anAcceptOrAcceptLanguageThatCannotBeReadIsDisregarded() {
        String purpose = Fixtures.purpose(false);
        String question = """
                {"email":"%s","purpose":"%s","channel":"EMAIL"}""".formatted(Api.uniqueEmail(), purpose);
        for (String[] header : new String[][] {
            {"Accept", "garbage!!"},
            {"Accept", "application/json;q=abc"},
            {"Accept", "application/json, "},
            {"Accept-Language", ";;;q=abc"}
        }) {
            String what = header[0] + ": " + header[1];
            RawHttp.Answer answer = RawHttp.send(
                    CAMPAIGN,
                    "POST",
                    "/api/v1/decisions",
                    question,
                    "Content-Type",
                    "application/json",
                    header[0],
                    header[1]);
            assertEquals(200, answer.status(), what + " " + answer);
            assertEquals("application/json", answer.contentType(), what);
            assertEquals(
                    "UNKNOWN_CONTACT",
                    Json.createReader(new StringReader(answer.body()))
                            .readObject()
                            .getString("rule"),
                    what);
            RawHttp.Answer invalid = RawHttp.send(
                    CAMPAIGN,
                    "POST",
                    "/api/v1/decisions",
                    "{}",
                    "Content-Type",
                    "application/json",
                    header[0],
                    header[1]);
            assertEquals(422, invalid.status(), what + " " + invalid);
            assertEquals("application/problem+json", invalid.contentType(), what);
        }
        RawHttp.Answer notAcceptable = RawHttp.send(
                CAMPAIGN,
                "POST",
                "/api/v1/decisions",
                question,
                "Content-Type",
                "application/json",
                "Accept",
                "text/html, ");
        assertEquals(406, notAcceptable.status(), "a list with an empty element still asks for HTML: " + notAcceptable);
        assertEquals("application/problem+json", notAcceptable.contentType());
    }

    @Test
    void aQueryParameterTheOperationDoesNotTakeIsRefusedByName() {
        JsonObject typo = Api.get(ADMIN, "/api/v1/exports/contacts?stat=GRANTED&format=csv")
                .problem(422);
        JsonObject error = typo.getJsonArray("errors").getJsonObject(0);
        assertEquals("stat", error.getString("field"), typo.toString());
        assertTrue(error.getString("message").contains("state"), typo.toString());
        assertTrue(error.getString("message").contains("attr.<name>"), typo.toString());
        assertEquals(
                "attr.",
                Api.get(ADMIN, "/api/v1/exports/contacts?attr.=x")
                        .problem(422)
                        .getJsonArray("errors")
                        .getJsonObject(0)
                        .getString("field"));
        Api.get(ADMIN, "/api/v1/exports/contacts?format=csv&attr.tier=gold&customer=true")
                .expect(200);

        JsonObject misspelt = Api.send(
                        INTEGRATION,
                        "POST",
                        "/api/v1/imports?defualt.audience=B2C",
                        "text/csv",
                        java.net.http.HttpRequest.BodyPublishers.ofString("email\n" + Api.uniqueEmail() + "\n"))
                .problem(422);
        assertEquals(
                "defualt.audience",
                misspelt.getJsonArray("errors").getJsonObject(0).getString("field"),
                misspelt.toString());

        assertEquals(
                "limt",
                Api.get(ADMIN, "/api/v1/purposes?limt=5")
                        .problem(422)
                        .getJsonArray("errors")
                        .getJsonObject(0)
                        .getString("field"));
        Api.get(ADMIN, "/api/v1/purposes?limit=5").expect(200);
        // A parameter given twice: which one was meant? JAX-RS read the first, so a bulk decision asked for EMAIL
        // and SMS answered EMAIL's question.
        JsonObject twice = Api.send(
                        CAMPAIGN,
                        "POST",
                        "/api/v1/decisions/bulk?purpose=" + Api.uniqueKey("p") + "&channel=EMAIL&channel=SMS",
                        "application/x-ndjson",
                        java.net.http.HttpRequest.BodyPublishers.ofString("{\"email\":\"a@example.com\"}\n"))
                .problem(422);
        assertEquals("channel", twice.getJsonArray("errors").getJsonObject(0).getString("field"), twice.toString());
        assertTrue(
                twice.getJsonArray("errors")
                        .getJsonObject(0)
                        .getString("message")
                        .contains("2 times"),
                twice.toString());
        assertEquals(
                "attr.tier",
                Api.get(ADMIN, "/api/v1/exports/contacts?format=csv&attr.tier=gold&attr.tier=silver")
                        .problem(422)
                        .getJsonArray("errors")
                        .getJsonObject(0)
                        .getString("field"));
        assertEquals(
                "limit",
                Api.get(ADMIN, "/api/v1/purposes?limit=5&limit=6")
                        .problem(422)
                        .getJsonArray("errors")
                        .getJsonObject(0)
                        .getString("field"));
        JsonObject none = Api.get(ADMIN, "/api/v1/purposes/" + Api.uniqueKey("nope") + "?lang=fr")
                .problem(422);
        assertTrue(
                none.getJsonArray("errors")
                        .getJsonObject(0)
                        .getString("message")
                        .contains("takes none"),
                none.toString());
        // the single decision's fast path leaves a request with a query to JAX-RS, which refuses it the same way
        assertEquals(
                "bogus",
                Api.post(
                                CAMPAIGN,
                                "/api/v1/decisions?bogus=1",
                                "{\"email\":\"" + Api.uniqueEmail()
                                        + "\",\"purpose\":\"newsletter\",\"channel\":\"EMAIL\"}")
                        .problem(422)
                        .getJsonArray("errors")
                        .getJsonObject(0)
                        .getString("field"));
    }

    private static void assertNoTrace(String what, RawHttp.Answer answer) {
        for (String trace : new String[] {"Exception", "\tat ", "at com.", "CWWWC", "SRVE", "<H1>"}) {
            assertFalse(answer.body().contains(trace), what + " shows the server's internals: " + answer);
        }
        assertFalse(answer.headers().containsKey("$wsep"), what + " names the server: " + answer);
    }

    private static void assertEmptyBatchRefused(String path, String items) {
        assertInvalid(
                Api.post(INTEGRATION, path, "[]").problem(422), List.of("body: must be a non-empty array of " + items));
    }

    private static void assertInvalid(JsonObject problem, List<String> errors) {
        assertEquals(422, problem.getInt("status"));
        assertEquals("urn:consent:problem:invalid-input", problem.getString("type"), problem.toString());
        assertEquals("Unprocessable Content", problem.getString("title"), problem.toString());
        assertEquals(
                errors,
                problem.getJsonArray("errors").getValuesAs(JsonObject.class).stream()
                        .map(e -> e.getString("field") + ": " + e.getString("message"))
                        .toList(),
                problem.toString());
        assertEquals("the request breaks " + errors.size() + " rule(s); see errors", problem.getString("detail"));
    }
}
