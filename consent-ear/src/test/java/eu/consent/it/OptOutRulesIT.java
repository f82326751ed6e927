package eu.consent.it;

import static eu.consent.it.Api.User.ADMIN;
import static eu.consent.it.Api.User.AUDITOR;
import static eu.consent.it.Api.User.CAMPAIGN;
import static eu.consent.it.Api.User.INTEGRATION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The opt-out promise on every path (issue 12, the rules): nothing but the person re-opens what the person closed, the
 * decision rules run in the contract's order on the right facts, and the retention clock follows the person.
 */
class OptOutRulesIT {

    private static final Pattern FORM_TOKEN = Pattern.compile("name=\"form\" value=\"([^\"]+)\"");

    /** A consent event as a client sends it; {@code proof} null for none. */
    private static String consent(
            String contact,
            String purpose,
            String channel,
            String action,
            String source,
            String notice,
            boolean proof,
            String occurredAt) {
        JsonObjectBuilder body = Json.createObjectBuilder()
                .add("contactId", contact)
                .add("purpose", purpose)
                .add("channel", channel)
                .add("action", action)
                .add("source", source);
        if (notice != null) {
            body.add("noticeId", notice);
        }
        if (proof) {
            body.add(
                    "proof",
                    Json.createObjectBuilder()
                            .add("ip", "198.51.100.23")
                            .add("userAgent", "Mozilla/5.0 (IT)")
                            .add("formUrl", "https://shop.example/signup"));
        }
        if (occurredAt != null) {
            body.add("occurredAt", occurredAt);
        }
        return body.build().toString();
    }

    /** Records a consent event that the test's set-up or its point needs accepted (201), and returns its answer. */
    private static JsonObject record(
            String contact,
            String purpose,
            String channel,
            String action,
            String source,
            String notice,
            boolean proof,
            String occurredAt) {
        return Api.post(
                        INTEGRATION,
                        "/api/v1/consents",
                        consent(contact, purpose, channel, action, source, notice, proof, occurredAt))
                .expect(201)
                .json();
    }

    /** A French-speaking contact with an address of its own and nothing else. */
    private static String frenchContact() {
        return Fixtures.contact(Api.uniqueEmail(), "fr");
    }

    private static String purpose(String kind, String... channels) {
        String key = Api.uniqueKey(kind.equals("SERVICE") ? "svc" : "promo");
        Api.post(
                        ADMIN,
                        "/api/v1/purposes",
                        Json.createObjectBuilder()
                                .add("key", key)
                                .add("kind", kind)
                                .add("channels", Json.createArrayBuilder(java.util.List.of(channels)))
                                .add("doubleOptIn", false)
                                .add("similarToPurchases", false)
                                .add(
                                        "names",
                                        Json.createObjectBuilder()
                                                .add("fr", "Offres")
                                                .add("en", "Offers"))
                                .build()
                                .toString())
                .expect(201);
        return key;
    }

    private static JsonObject decision(String contact, String purpose, String channel) {
        return Recipients.decision(contact, purpose, channel);
    }

    private static String rule(String contact, String purpose, String channel) {
        return decision(contact, purpose, channel).getString("rule");
    }

    private static void oneClick(String contact, String purpose) {
        oneClick(Recipients.links(contact, purpose).getString("unsubscribeUrl"));
    }

    /** RFC 8058's one-click on a link got earlier. */
    private static void oneClick(String url) {
        Api.send(
                        Api.User.NOBODY,
                        "POST",
                        url,
                        "application/x-www-form-urlencoded",
                        BodyPublishers.ofString("List-Unsubscribe=One-Click"))
                .expect(200);
    }

    /** "Unsubscribe from everything" on the person's preference page, as they would press it. */
    private static void leaveEverything(String contact) {
        String url = Recipients.preferencesUrl(contact);
        Map<String, String> form = new LinkedHashMap<>();
        form.put("form", Recipients.formToken(Recipients.get(url).body()));
        form.put("action", "leave");
        assertEquals(200, Recipients.post(url, form).statusCode());
    }

    private static void erase(String contact) {
        Api.send(ADMIN, "DELETE", "/api/v1/contacts/" + contact, null, BodyPublishers.noBody())
                .expect(204);
    }

    private static JsonObject contact(String id) {
        return Api.get(AUDITOR, "/api/v1/contacts/" + id).expect(200).json();
    }

    private static String monthsAgo(int months) {
        return Instant.now()
                .atOffset(ZoneOffset.UTC)
                .minusMonths(months)
                .toInstant()
                .truncatedTo(ChronoUnit.SECONDS)
                .toString();
    }

    private static Instant lastActiveAt(String contactId) {
        JsonValue value = contact(contactId).get("lastActiveAt");
        return value == null || value == JsonValue.NULL
                ? null
                : Instant.parse(((jakarta.json.JsonString) value).getString());
    }

    private static void assertRecent(Instant at, String what) {
        assertNotNull(at, what);
        assertTrue(Duration.between(at, Instant.now()).abs().toMinutes() < 10, what + ": " + at);
    }

    private static String postalContact(String line, String postcode, String city) {
        return Api.post(
                        INTEGRATION,
                        "/api/v1/contacts",
                        Json.createObjectBuilder()
                                .add(
                                        "postalAddress",
                                        Json.createObjectBuilder()
                                                .add(
                                                        "lines",
                                                        Json.createArrayBuilder()
                                                                .add(line))
                                                .add("postcode", postcode)
                                                .add("city", city)
                                                .add("country", "FR"))
                                .add("email", Api.uniqueEmail())
                                .add("country", "FR")
                                .add("locale", "fr")
                                .add("audience", "B2C")
                                .add("customer", false)
                                .build()
                                .toString())
                .expect(201)
                .json()
                .getString("id");
    }

    private static String uniqueStreet() {
        return (10 + (int) (Math.random() * 80)) + " rue de l'Église " + Api.uniqueKey("bât");
    }

    // ---- nothing but the person re-opens what the person closed

    @Test
    void anUnsubscribeFromEverythingIsLiftedOnlyByThePersonsOwnOptInWithProof() {
        String purpose = Fixtures.purpose(false);
        String notice = Fixtures.notice(purpose, "fr", "Oui aux offres");
        String other = Fixtures.purpose(false);
        String otherNotice = Fixtures.notice(other, "fr", "Oui aux autres offres");
        String contact = frenchContact();
        record(contact, purpose, "EMAIL", "GRANT", "WEB_FORM", notice, true, null);
        oneClick(contact, null);
        assertEquals("SUPPRESSED_UNSUBSCRIBED", rule(contact, purpose, "EMAIL"));

        // A client's grant without the person's proof is recorded, but it does not re-open the channel.
        record(contact, purpose, "EMAIL", "GRANT", "API", notice, false, null);
        record(contact, other, "EMAIL", "GRANT", "IMPORT", otherNotice, true, null);
        JsonObject afterApi = decision(contact, purpose, "EMAIL");
        assertFalse(afterApi.getBoolean("allowed"), afterApi.toString());
        assertEquals("SUPPRESSED_UNSUBSCRIBED", afterApi.getString("rule"));
        assertEquals("SUPPRESSED_UNSUBSCRIBED", rule(contact, other, "EMAIL"), "an import is not the person either");
        // Even a person-facing source needs proof.
        record(contact, purpose, "EMAIL", "GRANT", "WEB_FORM", notice, false, null);
        assertEquals("SUPPRESSED_UNSUBSCRIBED", rule(contact, purpose, "EMAIL"));

        // The person's own new consent, with proof, re-opens that purpose (and only that one).
        record(contact, purpose, "EMAIL", "GRANT", "WEB_FORM", notice, true, null);
        assertEquals("CONSENT_GRANTED", rule(contact, purpose, "EMAIL"));
        assertEquals("SUPPRESSED_UNSUBSCRIBED", rule(contact, other, "EMAIL"));
        // A CRM re-sending that consent leaves it resting on the person's own word: until 2026-12-06 the re-send put
        // the unsubscribe back (tester AB's F2).
        record(contact, purpose, "EMAIL", "GRANT", "API", notice, false, null);
        assertEquals("CONSENT_GRANTED", rule(contact, purpose, "EMAIL"));
    }

    @Test
    void anEspUnsubscribeAndLeavingEverythingOnThePageAreNotUndoneByTheApi() {
        String purpose = Fixtures.purpose(false);
        String notice = Fixtures.notice(purpose, "fr", "Oui aux offres");
        String email = Api.uniqueEmail();
        String viaEsp = Fixtures.contact(email, "fr");
        record(viaEsp, purpose, "EMAIL", "GRANT", "WEB_FORM", notice, true, null);
        Api.post(INTEGRATION, "/api/v1/esp-events", """
                        [{"type":"UNSUBSCRIBE","email":"%s","occurredAt":"%s","provider":"it-esp"}]""".formatted(email, java.time.Instant.now()))
                .expect(202);
        record(viaEsp, purpose, "EMAIL", "GRANT", "API", notice, false, null);
        assertFalse(decision(viaEsp, purpose, "EMAIL").getBoolean("allowed"));

        Recipients.Person p = Recipients.granted("fr");
        leaveEverything(p.contact());
        record(p.contact(), p.purpose(), "EMAIL", "GRANT", "CHECKOUT", p.notice(), false, null);
        JsonObject after = decision(p.contact(), p.purpose(), "EMAIL");
        assertFalse(after.getBoolean("allowed"), after.toString());

        // Push has no identifier to suppress: leaving everything objects there too, so a client's grant stays shut out.
        String push = purpose("PROSPECTING", "EMAIL", "PUSH");
        Recipients.Person q = Recipients.grantedOn(push, "fr");
        leaveEverything(q.contact());
        assertEquals(
                "OBJECTED",
                record(q.contact(), push, "PUSH", "GRANT", "API", q.notice(), false, null)
                        .getString("state"));
        JsonObject pushed = decision(q.contact(), push, "PUSH");
        assertFalse(pushed.getBoolean("allowed"), pushed.toString());
    }

    /**
     * "Unsubscribe from everything" holds on push for a purpose created after it: push keeps no suppression, so the
     * objection it made on every purpose that existed then is made on the later one too, before a client's grant is
     * weighed, and an import's grant there is refused; only the person's own consent re-opens it.
     */
    @Test
    void leavingEverythingHoldsOnPushForAPurposeCreatedLater() {
        Recipients.Person p = Recipients.granted("fr");
        leaveEverything(p.contact());
        String later = purpose("PROSPECTING", "EMAIL", "PUSH");
        String notice = Fixtures.notice(later, "fr", "Notifications " + later);

        JsonObject granted = record(p.contact(), later, "PUSH", "GRANT", "API", notice, false, null);
        assertEquals("OBJECTED", granted.getString("state"), granted.toString());
        JsonObject pushed = decision(p.contact(), later, "PUSH");
        assertFalse(pushed.getBoolean("allowed"), pushed.toString());
        List<JsonObject> onPush = Recipients.history(p.contact()).stream()
                .map(JsonValue::asJsonObject)
                .filter(e -> e.getString("purpose").equals(later))
                .toList();
        assertEquals(
                List.of("OBJECT", "GRANT"),
                onPush.stream().map(e -> e.getString("action")).toList(),
                () -> onPush.toString());
        JsonObject objection = onPush.get(0);
        assertEquals("PREFERENCE_CENTER", objection.getString("source"), objection.toString());
        assertTrue(
                Instant.parse(objection.getString("occurredAt"))
                        .isBefore(Instant.parse(onPush.get(1).getString("occurredAt"))),
                "dated when the person left, before the grant: " + onPush);

        String another = purpose("PROSPECTING", "EMAIL", "PUSH");
        String anotherNotice = Fixtures.notice(another, "fr", "Alertes " + another);
        JsonObject imported = ImportIT.importAndWait(
                "",
                "text/csv",
                "email,purpose,channel,action,source,noticeId,occurredAt,ip\n" + p.email() + "," + another
                        + ",PUSH,GRANT,WEB_FORM," + anotherNotice + "," + Fixtures.daysAgo(0) + ",198.51.100.7\n");
        assertEquals(1, imported.getInt("rejected"), imported.toString());
        assertEquals(
                "OPTED_OUT", ImportIT.rejects(imported.getString("id")).get(2L).get(2), imported.toString());
        assertEquals("NONE", Recipients.state(p.contact(), another, "PUSH"));

        JsonObject own = record(p.contact(), later, "PUSH", "GRANT", "WEB_FORM", notice, true, null);
        assertEquals("GRANTED", own.getString("state"), own.toString());
        assertTrue(decision(p.contact(), later, "PUSH").getBoolean("allowed"), "the person's own consent re-opens it");
    }

    /**
     * An unsubscribe link for all prospecting on push (one-click, or the page's form): push keeps no suppression, so
     * the opt-out is an objection on every prospecting push purpose and the "left" mark, as "unsubscribe from
     * everything" on the page: a client's later grant on push (a purpose that existed, or one created since) changes
     * nothing; only the person's own consent re-opens one.
     */
    @Test
    void anUnsubscribeFromAllPushHoldsAgainstAClientsLaterGrant() {
        String granted = purpose("PROSPECTING", "EMAIL", "PUSH");
        String grantedNotice = Fixtures.notice(granted, "fr", "Notifications " + granted);
        String existing = purpose("PROSPECTING", "EMAIL", "PUSH");
        String existingNotice = Fixtures.notice(existing, "fr", "Alertes " + existing);
        for (boolean oneClick : List.of(true, false)) {
            String contact = frenchContact();
            record(contact, granted, "PUSH", "GRANT", "WEB_FORM", grantedNotice, true, null);
            String url = Api.post(CAMPAIGN, "/api/v1/unsubscribe-links", """
                            {"contactId":"%s","channel":"PUSH"}""".formatted(contact))
                    .expect(200)
                    .json()
                    .getString("unsubscribeUrl");
            String body = oneClick ? "List-Unsubscribe=One-Click" : "reason=TOO_FREQUENT";
            String source = oneClick ? "ONE_CLICK" : "UNSUBSCRIBE_LINK";
            Api.send(Api.User.NOBODY, "POST", url, "application/x-www-form-urlencoded", BodyPublishers.ofString(body))
                    .expect(200);
            assertEquals("CONSENT_WITHDRAWN", rule(contact, granted, "PUSH"));
            int events = Recipients.history(contact).size();
            Api.send(Api.User.NOBODY, "POST", url, "application/x-www-form-urlencoded", BodyPublishers.ofString(body))
                    .expect(200);
            assertEquals(events, Recipients.history(contact).size(), "a repeat changes nothing more");

            JsonObject apiGrant = record(contact, existing, "PUSH", "GRANT", "API", existingNotice, false, null);
            assertEquals("OBJECTED", apiGrant.getString("state"), source + ": " + apiGrant);
            JsonObject onExisting = decision(contact, existing, "PUSH");
            assertFalse(onExisting.getBoolean("allowed"), source + ": " + onExisting);
            assertEquals("OBJECTED", onExisting.getString("rule"));
            record(contact, granted, "PUSH", "GRANT", "API", grantedNotice, false, null);
            assertFalse(decision(contact, granted, "PUSH").getBoolean("allowed"), source);

            String later = purpose("PROSPECTING", "PUSH");
            String laterNotice = Fixtures.notice(later, "fr", "Nouveautés " + later);
            JsonObject laterGrant = record(contact, later, "PUSH", "GRANT", "API", laterNotice, false, null);
            assertEquals("OBJECTED", laterGrant.getString("state"), source + ": " + laterGrant);
            assertFalse(decision(contact, later, "PUSH").getBoolean("allowed"), source + ", a purpose created since");
            List<JsonObject> onLater = Recipients.history(contact).stream()
                    .map(JsonValue::asJsonObject)
                    .filter(e -> e.getString("purpose").equals(later))
                    .toList();
            assertEquals(
                    List.of("OBJECT", "GRANT"),
                    onLater.stream().map(e -> e.getString("action")).toList());
            assertEquals(source, onLater.get(0).getString("source"), "named after the person's own act: " + onLater);
            // Email, the other channel of these purposes, was not left.
            assertEquals("NONE", Recipients.state(contact, existing, "EMAIL"), source);

            JsonObject own = record(contact, existing, "PUSH", "GRANT", "WEB_FORM", existingNotice, true, null);
            assertEquals("GRANTED", own.getString("state"), own.toString());
            assertEquals("CONSENT_GRANTED", rule(contact, existing, "PUSH"), "the person's own consent re-opens it");
        }
    }

    /**
     * Tester G's finding G5: a call centre records the person's "stop all marketing" twice, with the person's own new
     * consent in between. The second request is the same entry (same id) dated when it was received, so it orders
     * after that consent and closes the purpose again — single and bulk decisions alike — and the person's audit and
     * access export show that they asked again. On an email, a phone (SMS) and a postal address.
     */
    @Test
    void anUnsubscribeRecordedAgainAfterThePersonsNewConsentClosesAgain() {
        String promo = purpose("PROSPECTING", "EMAIL", "SMS", "POSTAL");
        String notice = Fixtures.notice(promo, "fr", "Oui " + promo);
        String email = Api.uniqueEmail();
        String phone = Api.uniqueFrenchMobile();
        JsonObject address = Json.createObjectBuilder()
                .add("lines", Json.createArrayBuilder().add(uniqueStreet()))
                .add("postcode", "31000")
                .add("city", "Toulouse")
                .add("country", "FR")
                .build();
        String contact = person(
                Json.createObjectBuilder()
                        .add("email", email)
                        .add("phone", phone)
                        .add("postalAddress", address),
                "B2C");
        Map<String, JsonObjectBuilder> identifiers = new LinkedHashMap<>();
        identifiers.put("EMAIL", Json.createObjectBuilder().add("email", email));
        identifiers.put("SMS", Json.createObjectBuilder().add("phone", phone));
        identifiers.put("POSTAL", Json.createObjectBuilder().add("postalAddress", address));
        Map<String, String> entryIds = new LinkedHashMap<>();
        Map<String, String> firstDates = new LinkedHashMap<>();
        identifiers.forEach((channel, identifier) -> {
            String stop = identifier
                    .add("channel", channel)
                    .add("reason", "UNSUBSCRIBED")
                    .add("source", "callcentre")
                    .build()
                    .toString();
            record(contact, promo, channel, "GRANT", "WEB_FORM", notice, true, null);
            JsonObject first =
                    Api.post(ADMIN, "/api/v1/suppressions", stop).expect(201).json();
            assertEquals("SUPPRESSED_UNSUBSCRIBED", rule(contact, promo, channel), channel);
            record(contact, promo, channel, "GRANT", "WEB_FORM", notice, true, null);
            assertEquals("CONSENT_GRANTED", rule(contact, promo, channel), channel + ": their new consent is later");

            JsonObject again =
                    Api.post(ADMIN, "/api/v1/suppressions", stop).expect(201).json();
            assertEquals(first.getString("id"), again.getString("id"), channel + ": the same entry");
            assertTrue(
                    Instant.parse(again.getString("createdAt")).isAfter(Instant.parse(first.getString("createdAt"))),
                    channel + ": dated when asked again: " + again);
            JsonObject after = decision(contact, promo, channel);
            assertFalse(after.getBoolean("allowed"), channel + ": " + after);
            assertEquals("SUPPRESSED_UNSUBSCRIBED", after.getString("rule"), channel);
            assertTrue(after.isNull("basis"), after::toString);
            entryIds.put(channel, first.getString("id"));
            firstDates.put(channel, first.getString("createdAt"));
        });
        for (String[] asked : new String[][] {{"EMAIL", "email", email}, {"SMS", "phone", phone}}) {
            String bulk = Api.send(
                            CAMPAIGN,
                            "POST",
                            "/api/v1/decisions/bulk?purpose=" + promo + "&channel=" + asked[0],
                            "application/x-ndjson",
                            BodyPublishers.ofString("{\"contactId\":\"" + contact + "\"}\n{\"" + asked[1] + "\":\""
                                    + asked[2] + "\"}\n"))
                    .expect(200)
                    .body();
            for (String line : bulk.strip().split("\n")) {
                JsonObject answer =
                        Json.createReader(new java.io.StringReader(line)).readObject();
                assertFalse(answer.getBoolean("allowed"), bulk);
                assertEquals("SUPPRESSED_UNSUBSCRIBED", answer.getString("rule"), bulk);
            }
        }

        // The person's audit lists both requests for their address and number (a postal entry names no contact).
        List<JsonObject> theirs = Api.pages(AUDITOR, "/api/v1/audit?contactId=" + contact);
        for (String channel : List.of("EMAIL", "SMS")) {
            List<JsonObject> added = theirs.stream()
                    .filter(e -> e.getString("action").equals("SUPPRESSION_ADDED")
                            && e.getString("subjectId").equals(entryIds.get(channel)))
                    .toList();
            assertEquals(2, added.size(), channel + ": " + added);
            assertEquals(
                    Instant.parse(firstDates.get(channel)),
                    Instant.parse(added.get(1).getJsonObject("details").getString("renewedFrom")),
                    added::toString);
        }
        JsonObject export = Api.get(AUDITOR, "/api/v1/contacts/" + contact + "/export")
                .expect(200)
                .json();
        assertEquals(
                4,
                export.getJsonArray("audit").stream()
                        .map(JsonValue::asJsonObject)
                        .filter(e -> e.getString("action").equals("SUPPRESSION_ADDED"))
                        .count(),
                () -> export.getJsonArray("audit").toString());
        assertTrue(export.getJsonArray("audit").toString().contains("renewedFrom"));
    }

    private static void patch(String contact, String patch) {
        Api.send(
                        INTEGRATION,
                        "PATCH",
                        "/api/v1/contacts/" + contact,
                        "application/merge-patch+json",
                        BodyPublishers.ofString(patch))
                .expect(200);
    }

    /**
     * People change email and phone, and a CRM passes the change on by PATCH: their opt-outs are theirs, not their old
     * address's. An unsubscribe, a complaint relayed by their provider and "unsubscribe from everything" follow them to
     * the new identifier (the last one also to an identifier they had none of then), while a consent they gave
     * themselves after the unsubscribe still counts.
     */
    @Test
    void anOptOutFollowsThePersonToTheirNewEmailPhoneAndAddress() {
        String purpose = purpose("PROSPECTING", "EMAIL", "SMS", "PHONE", "POSTAL");
        String b2b = Fixtures.b2bContact(Api.uniqueEmail(), Api.uniqueFrenchMobile());
        assertEquals("B2B_OPT_OUT_REGIME", rule(b2b, purpose, "EMAIL"));
        oneClick(b2b, null);
        assertEquals("SUPPRESSED_UNSUBSCRIBED", rule(b2b, purpose, "EMAIL"));
        patch(b2b, "{\"email\":\"" + Api.uniqueEmail() + "\"}");
        assertEquals("SUPPRESSED_UNSUBSCRIBED", rule(b2b, purpose, "EMAIL"), "the unsubscribe followed the new email");
        assertEquals("B2B_OPT_OUT_REGIME", rule(b2b, purpose, "SMS"), "an email unsubscribe is not one from SMS");

        // An import giving a phone-only person who left everything an email: their word reaches the email too.
        String phone = Api.uniqueFrenchMobile();
        String phoneOnly = Fixtures.b2bContact(null, phone);
        leaveEverything(phoneOnly);
        String imported = Api.uniqueEmail();
        JsonObject done =
                ImportIT.importAndWait("", "text/csv", "email,phone,country\n" + imported + "," + phone + ",FR\n");
        assertEquals(1, done.getInt("updated"), done.toString());
        JsonObject byEmail = Api.post(Api.User.CAMPAIGN, "/api/v1/decisions", """
                        {"email":"%s","purpose":"%s","channel":"EMAIL"}""".formatted(imported, purpose))
                .expect(200)
                .json();
        assertEquals("SUPPRESSED_UNSUBSCRIBED", byEmail.getString("rule"), byEmail.toString());

        // A link used while the contact has no email (removed by a PATCH) is still the person's word for the next one.
        String moving = Fixtures.b2bContact(Api.uniqueEmail(), Api.uniqueFrenchMobile());
        String link = Recipients.links(moving, null).getString("unsubscribeUrl");
        patch(moving, "{\"email\":null}");
        oneClick(link);
        patch(moving, "{\"email\":\"" + Api.uniqueEmail() + "\"}");
        assertEquals("SUPPRESSED_UNSUBSCRIBED", rule(moving, purpose, "EMAIL"), "the click without an email counted");

        // Everything, on the page, by a person who had only an email: the phone and address given later are covered.
        Recipients.Person p = Recipients.granted("fr");
        leaveEverything(p.contact());
        String later = purpose("PROSPECTING", "EMAIL", "PHONE", "POSTAL");
        patch(p.contact(), """
                {"email":"%s","phone":"%s","postalAddress":{"lines":["%s"],"postcode":"75011","city":"Paris",                "country":"FR"}}""".formatted(Api.uniqueEmail(), Api.uniqueFrenchMobile(), uniqueStreet()));
        for (String channel : java.util.List.of("EMAIL", "PHONE", "POSTAL")) {
            JsonObject answer = decision(p.contact(), later, channel);
            assertFalse(answer.getBoolean("allowed"), channel + ": " + answer);
            assertEquals("SUPPRESSED_UNSUBSCRIBED", answer.getString("rule"), channel + ": " + answer);
        }

        // Unsubscribed from everything, then the person's own new consent for one purpose, then a new email: that
        // consent still counts (the carried unsubscribe is as old as theirs), everything else stays closed.
        String own = frenchContact();
        String notice = Fixtures.notice(purpose, "fr", "Oui");
        oneClick(own, null);
        record(own, purpose, "EMAIL", "GRANT", "WEB_FORM", notice, true, null);
        assertEquals("CONSENT_GRANTED", rule(own, purpose, "EMAIL"));
        patch(own, "{\"email\":\"" + Api.uniqueEmail() + "\"}");
        assertEquals("CONSENT_GRANTED", rule(own, purpose, "EMAIL"), "their own later consent still counts");
        assertEquals("SUPPRESSED_UNSUBSCRIBED", rule(own, later, "EMAIL"));
    }

    /**
     * An unsubscribe a client of the API writes down (a call centre: "stop writing to me", on the email, the phone and
     * the postal address) is the person's word as much as a click: it follows them when the CRM corrects each
     * identifier. Until 2026-12-06 it stayed on the old one, prospecting was allowed again at the new one, and the
     * person's access export listed no suppression at all. A manual block, the company's own, stays where it was.
     */
    @Test
    void anUnsubscribeWrittenDownThroughTheApiFollowsThePerson() {
        String purpose = purpose("PROSPECTING", "EMAIL", "SMS", "POSTAL");
        String email = Api.uniqueEmail();
        String phone = Api.uniqueFrenchMobile();
        String street = uniqueStreet();
        String b2b = Fixtures.b2bContact(email, phone);
        patch(b2b, """
                {"postalAddress":{"lines":["%s"],"postcode":"75011","city":"Paris","country":"FR"}}""".formatted(street));
        String blocked = Fixtures.b2bContact(Api.uniqueEmail(), null);
        String blockedEmail = Api.get(AUDITOR, "/api/v1/contacts/" + blocked)
                .expect(200)
                .json()
                .getString("email");
        for (String body : List.of(
                "{\"email\":\"%s\",\"channel\":\"EMAIL\",\"reason\":\"UNSUBSCRIBED\",\"source\":\"callcentre\"}"
                        .formatted(email),
                "{\"phone\":\"%s\",\"channel\":\"SMS\",\"reason\":\"UNSUBSCRIBED\"}".formatted(phone),
                ("{\"postalAddress\":{\"lines\":[\"%s\"],\"postcode\":\"75011\",\"city\":\"Paris\",\"country\":\"FR\"},"
                                + "\"channel\":\"POSTAL\",\"reason\":\"UNSUBSCRIBED\"}")
                        .formatted(street),
                "{\"email\":\"%s\",\"channel\":\"EMAIL\",\"reason\":\"MANUAL\"}".formatted(blockedEmail))) {
            Api.post(Api.User.ADMIN, "/api/v1/suppressions", body).expect(201);
        }
        for (String channel : List.of("EMAIL", "SMS", "POSTAL")) {
            assertEquals("SUPPRESSED_UNSUBSCRIBED", rule(b2b, purpose, channel), channel);
        }
        patch(b2b, """
                {"email":"%s","phone":"%s","postalAddress":{"lines":["%s"],"postcode":"69001","city":"Lyon",                "country":"FR"}}""".formatted(Api.uniqueEmail(), Api.uniqueFrenchMobile(), uniqueStreet()));
        for (String channel : List.of("EMAIL", "SMS", "POSTAL")) {
            assertEquals("SUPPRESSED_UNSUBSCRIBED", rule(b2b, purpose, channel), channel + " followed the person");
        }
        assertEquals("SUPPRESSED_MANUAL", rule(blocked, purpose, "EMAIL"));
        patch(blocked, "{\"email\":\"" + Api.uniqueEmail() + "\"}");
        assertEquals("B2B_OPT_OUT_REGIME", rule(blocked, purpose, "EMAIL"), "a manual block stays on its address");
    }

    /**
     * Someone mailed without consent — a B2B recipient under the opt-out regime — who unsubscribes objects: the
     * history, the consents and the signed receipt say OBJECT on legitimate interest, as the preference page records
     * it, not the withdrawal of a consent they never gave (until 2026-12-06). One who had consented withdraws.
     */
    @Test
    void anUnsubscribeWithoutAConsentIsAnObjectionAndWithOneAWithdrawal() throws Exception {
        String purpose = purpose("PROSPECTING", "EMAIL");
        String b2b = Fixtures.b2bContact(Api.uniqueEmail(), null);
        assertEquals("B2B_OPT_OUT_REGIME", rule(b2b, purpose, "EMAIL"));
        oneClick(b2b, purpose);
        assertEquals("SUPPRESSED_UNSUBSCRIBED", rule(b2b, purpose, "EMAIL"));
        JsonObject objection = lastEvent(b2b);
        assertEquals("OBJECT", objection.getString("action"), objection.toString());
        assertEquals("ONE_CLICK", objection.getString("source"), objection.toString());
        assertEquals("OBJECTED", objection.getString("state"), objection.toString());
        JsonObject receipt =
                ReceiptIT.payloadOf(Api.get(AUDITOR, "/api/v1/consents/" + objection.getString("id") + "/receipt")
                        .expect(200)
                        .body());
        assertEquals("LEGITIMATE_INTEREST", receipt.getString("basis"), receipt.toString());

        Recipients.Person granted = Recipients.granted("fr");
        oneClick(granted.contact(), granted.purpose());
        JsonObject withdrawal = lastEvent(granted.contact());
        assertEquals("WITHDRAW", withdrawal.getString("action"), withdrawal.toString());
        assertEquals("WITHDRAWN", withdrawal.getString("state"), withdrawal.toString());
    }

    private static JsonObject lastEvent(String contact) {
        JsonArray history = Api.get(AUDITOR, "/api/v1/contacts/" + contact + "/consents/history")
                .expect(200)
                .structure()
                .asJsonArray();
        return history.getJsonObject(history.size() - 1);
    }

    /**
     * A provider's list of unsubscribes is its record of the person's word too: an entry of it follows them to their
     * new address, as the provider's event would (until 2026-12-06 it stayed on the old one, and a CRM's change of
     * address made the person mailable again). Its bounces list does not: a bounce belongs to the old address. The
     * list's next snapshot, which does not know the new address, leaves what followed the person.
     */
    @Test
    void aProvidersListedUnsubscribeFollowsThePersonButItsBounceDoesNot() throws Exception {
        String purpose = purpose("PROSPECTING", "EMAIL");
        String unsubscribedEmail = Api.uniqueEmail();
        String bouncedEmail = Api.uniqueEmail();
        String unsubscribed = Fixtures.b2bContact(unsubscribedEmail, null);
        String bounced = Fixtures.b2bContact(bouncedEmail, null);
        String list = Api.uniqueKey("mg");
        SuppressionSourceIT.applied(SuppressionSourceIT.upload(
                list, "mailgun-unsubscribes", "address,tags,created_at\n" + unsubscribedEmail + ",*,\n"));
        SuppressionSourceIT.applied(SuppressionSourceIT.upload(
                Api.uniqueKey("mgb"),
                "mailgun-bounces",
                "address,code,error,created_at\n" + bouncedEmail + ",550,No such mailbox,\n"));
        assertEquals("SUPPRESSED_UNSUBSCRIBED", rule(unsubscribed, purpose, "EMAIL"));
        assertEquals("SUPPRESSED_HARD_BOUNCE", rule(bounced, purpose, "EMAIL"));

        patch(unsubscribed, "{\"email\":\"" + Api.uniqueEmail() + "\"}");
        patch(bounced, "{\"email\":\"" + Api.uniqueEmail() + "\"}");
        assertEquals(
                "SUPPRESSED_UNSUBSCRIBED", rule(unsubscribed, purpose, "EMAIL"), "the listed unsubscribe followed");
        assertEquals("B2B_OPT_OUT_REGIME", rule(bounced, purpose, "EMAIL"), "the new address never bounced");

        SuppressionSourceIT.applied(SuppressionSourceIT.upload(
                list, "mailgun-unsubscribes", "address,tags,created_at\n" + unsubscribedEmail + ",*,\n"));
        assertEquals("SUPPRESSED_UNSUBSCRIBED", rule(unsubscribed, purpose, "EMAIL"), "the list's next run keeps it");
    }

    /**
     * A mail provider reports an unsubscribe or a complaint when it gets it, sometimes after a CRM changed the person's
     * address: the report names the address they had then, and their word reaches them at the one they have now (or
     * at none, then at the next), as it does when the report comes first. A report dated after they gave the address
     * up is not theirs.
     */
    @Test
    void aLateProviderReportForTheAddressThePersonHadThenFollowsThemToTheirNewOne() {
        String purpose = purpose("PROSPECTING", "EMAIL", "SMS");
        for (String type : java.util.List.of("UNSUBSCRIBE", "COMPLAINT")) {
            String old = Api.uniqueEmail();
            String person = Fixtures.b2bContact(old, Api.uniqueFrenchMobile());
            String before = Instant.now().toString();
            patch(person, "{\"email\":\"" + Api.uniqueEmail() + "\"}");
            assertEquals("B2B_OPT_OUT_REGIME", rule(person, purpose, "EMAIL"));
            esp(type, old, before);
            assertEquals("SUPPRESSED_UNSUBSCRIBED", rule(person, purpose, "EMAIL"), type + " reached the new address");
            assertEquals("B2B_OPT_OUT_REGIME", rule(person, purpose, "SMS"), type + ": email only");

            String removed = Api.uniqueEmail();
            String withoutEmail = Fixtures.b2bContact(removed, Api.uniqueFrenchMobile());
            String then = Instant.now().toString();
            patch(withoutEmail, "{\"email\":null}");
            esp(type, removed, then);
            patch(withoutEmail, "{\"email\":\"" + Api.uniqueEmail() + "\"}");
            assertEquals("SUPPRESSED_UNSUBSCRIBED", rule(withoutEmail, purpose, "EMAIL"), type + ": the next address");

            String left = Api.uniqueEmail();
            String moved = Fixtures.b2bContact(left, Api.uniqueFrenchMobile());
            patch(moved, "{\"email\":\"" + Api.uniqueEmail() + "\"}");
            esp(type, left, Instant.now().toString());
            assertEquals("B2B_OPT_OUT_REGIME", rule(moved, purpose, "EMAIL"), type + " after they left the address");

            // Held from when it was given: a report dated before, while they had no email, is not theirs either.
            String given = Api.uniqueEmail();
            String gap = Fixtures.b2bContact(Api.uniqueEmail(), Api.uniqueFrenchMobile());
            patch(gap, "{\"email\":null}");
            String notYet = Instant.now().toString();
            patch(gap, "{\"email\":\"" + given + "\"}");
            patch(gap, "{\"email\":\"" + Api.uniqueEmail() + "\"}");
            esp(type, given, notYet);
            assertEquals(
                    "B2B_OPT_OUT_REGIME", rule(gap, purpose, "EMAIL"), type + " before they were given the address");
        }
    }

    private static void esp(String type, String email, String occurredAt) {
        Api.post(INTEGRATION, "/api/v1/esp-events", """
                        [{"type":"%s","email":"%s","occurredAt":"%s","provider":"it-late"}]""".formatted(type, email, occurredAt))
                .expect(202);
    }

    /**
     * A contact for whom we hold no email (or phone) is a stranger on the channels that reach people through one: asked
     * by id after a CRM removed the address, or on SMS for a contact known by email only, the sender holds an address
     * whose opt-outs, complaints and do-not-call entries cannot be checked, so nothing the rules would allow goes —
     * single and bulk alike, service messages too. A refusal keeps its rule: a person who left everything is refused
     * by their own word, read from the contact, for purposes created later too, and again on the next address they are
     * given. Postal mail, which may go to an address never given to us, answers by its regime.
     */
    @Test
    void aContactIsAStrangerOnAChannelWhoseAddressWeDoNotHold() throws Exception {
        String purpose = purpose("PROSPECTING", "EMAIL", "SMS", "PHONE", "POSTAL");
        String service = purpose("SERVICE", "EMAIL", "SMS");
        String b2b = Fixtures.b2bContact(Api.uniqueEmail(), Api.uniqueFrenchMobile());
        assertEquals("B2B_OPT_OUT_REGIME", rule(b2b, purpose, "EMAIL"));
        oneClick(b2b, null);
        patch(b2b, "{\"email\":null}");
        String later = purpose("PROSPECTING", "EMAIL", "SMS", "PHONE", "POSTAL");
        for (String asked : List.of(purpose, later)) {
            JsonObject single = decision(b2b, asked, "EMAIL");
            assertFalse(single.getBoolean("allowed"), single.toString());
            assertEquals("SUPPRESSED_UNSUBSCRIBED", single.getString("rule"), single.toString());
        }
        JsonObject bulk = Json.createReader(new java.io.StringReader(Api.send(
                                Api.User.CAMPAIGN,
                                "POST",
                                "/api/v1/decisions/bulk?purpose=" + later + "&channel=EMAIL",
                                "application/x-ndjson",
                                BodyPublishers.ofString("{\"contactId\":\"" + b2b + "\"}\n"))
                        .expect(200)
                        .body()
                        .strip()))
                .readObject();
        assertFalse(bulk.getBoolean("allowed"), bulk.toString());
        assertEquals("SUPPRESSED_UNSUBSCRIBED", bulk.getString("rule"), bulk.toString());
        JsonObject toNobody = decision(b2b, service, "EMAIL");
        assertFalse(toNobody.getBoolean("allowed"), toNobody.toString());
        assertEquals("UNKNOWN_CONTACT", toNobody.getString("rule"), "no address of ours to vouch for");
        assertTrue(toNobody.isNull("basis"), toNobody.toString());
        assertEquals("B2B_OPT_OUT_REGIME", rule(b2b, purpose, "SMS"), "an email unsubscribe is not one from SMS");
        assertEquals("SERVICE_MESSAGE", rule(b2b, service, "SMS"), "the phone we hold takes service messages");
        patch(b2b, "{\"email\":\"" + Api.uniqueEmail() + "\"}");
        assertEquals("SUPPRESSED_UNSUBSCRIBED", rule(b2b, later, "EMAIL"), "their word holds on the next email");
        assertEquals("SERVICE_MESSAGE", rule(b2b, service, "EMAIL"), "no opt-out stops a service message");

        // A link used while the contact has no email: the very next decision, already asked before, sees it.
        String moving = Fixtures.b2bContact(Api.uniqueEmail(), Api.uniqueFrenchMobile());
        String link = Recipients.links(moving, null).getString("unsubscribeUrl");
        patch(moving, "{\"email\":null}");
        assertEquals("UNKNOWN_CONTACT", rule(moving, purpose, "EMAIL"), "nothing said yet, no address held");
        oneClick(link);
        assertEquals("SUPPRESSED_UNSUBSCRIBED", rule(moving, purpose, "EMAIL"));

        // A number on the do-not-call list that a CRM removes: the sender still holds it.
        String called = Fixtures.contact(Api.uniqueEmail(), "fr");
        String mobile = Api.uniqueFrenchMobile();
        patch(called, "{\"phone\":\"" + mobile + "\"}");
        Api.post(
                        ADMIN,
                        "/api/v1/suppressions",
                        "{\"phone\":\"" + mobile + "\",\"channel\":\"PHONE\",\"reason\":\"DNC_REGISTRY\"}")
                .expect(201);
        assertEquals("PHONE_DNC_LISTED", rule(called, purpose, "PHONE"));
        patch(called, "{\"phone\":null}");
        assertEquals("UNKNOWN_CONTACT", rule(called, purpose, "PHONE"), "not PHONE_OPT_OUT_REGIME on a listed number");
        assertEquals("UNKNOWN_CONTACT", rule(called, service, "SMS"), "known by email only: a stranger on SMS");
        assertEquals("NO_CONSENT", rule(called, purpose, "SMS"), "a refusal keeps its own rule");

        // Everything on the page: every channel, the person's own later consent for one purpose excepted.
        Recipients.Person p = Recipients.granted("fr");
        String notice = Fixtures.notice(purpose, "fr", "Oui");
        patch(p.contact(), "{\"phone\":\"" + Api.uniqueFrenchMobile() + "\"}");
        leaveEverything(p.contact());
        patch(
                p.contact(),
                "{\"email\":null,\"phone\":null,\"postalAddress\":{\"lines\":[\"" + uniqueStreet()
                        + "\"],\"postcode\":\"75011\",\"city\":\"Paris\",\"country\":\"FR\"}}");
        for (String channel : List.of("EMAIL", "SMS", "PHONE", "POSTAL")) {
            assertEquals("SUPPRESSED_UNSUBSCRIBED", rule(p.contact(), purpose, channel), channel);
        }
        record(p.contact(), purpose, "EMAIL", "GRANT", "WEB_FORM", notice, true, null);
        assertEquals("UNKNOWN_CONTACT", rule(p.contact(), purpose, "EMAIL"), "consent, but no email to send to");
        patch(p.contact(), "{\"email\":\"" + Api.uniqueEmail() + "\"}");
        assertEquals("CONSENT_GRANTED", rule(p.contact(), purpose, "EMAIL"), "their own later consent counts");
        assertEquals("SUPPRESSED_UNSUBSCRIBED", rule(p.contact(), later, "EMAIL"));

        String emailOnly = frenchContact();
        assertEquals("POSTAL_OPT_OUT_REGIME", rule(emailOnly, purpose, "POSTAL"), "postal mail answers by its regime");
    }

    /**
     * The France/EU rules answer every contact unless an operator activates another shipped policy: a client writing
     * {@code "country":"US"} does not make a consumer mailable without consent.
     */
    @Test
    void aCountryAClientWritesDoesNotChooseALaxerPolicy() {
        String purpose = purpose("PROSPECTING", "EMAIL");
        for (String country : List.of("US", "CA", "JP")) {
            String contact = Api.post(INTEGRATION, "/api/v1/contacts", """
                            {"email":"%s","country":"%s","locale":"en","audience":"B2C","customer":false}""".formatted(Api.uniqueEmail(), country))
                    .expect(201)
                    .json()
                    .getString("id");
            JsonObject answer = decision(contact, purpose, "EMAIL");
            assertFalse(answer.getBoolean("allowed"), country + ": " + answer);
            assertEquals("NO_CONSENT", answer.getString("rule"), country);
        }
    }

    @Test
    void aPurposeSwitchedOffOnThePageIsNotReopenedByAClient() {
        Recipients.Person p = Recipients.granted("fr");
        String url = Recipients.preferencesUrl(p.contact());
        Map<String, String> form = new LinkedHashMap<>();
        form.put("form", Recipients.formToken(Recipients.get(url).body()));
        form.put("action", "save");
        form.put(p.purpose() + ".notice", p.notice());
        form.put(p.purpose() + ".per", "WEEK");
        HttpResponse<String> saved = Recipients.post(url, form); // the box left unticked: switched off
        assertTrue(saved.statusCode() < 400, saved.body());
        assertEquals("CONSENT_WITHDRAWN", rule(p.contact(), p.purpose(), "EMAIL"));

        JsonObject recorded = record(p.contact(), p.purpose(), "EMAIL", "GRANT", "API", p.notice(), false, null);
        assertEquals("WITHDRAWN", recorded.getString("state"), "kept in the history, but it re-opens nothing");
        assertEquals("CONSENT_WITHDRAWN", rule(p.contact(), p.purpose(), "EMAIL"));
        record(p.contact(), p.purpose(), "EMAIL", "GRANT", "WEB_FORM", p.notice(), true, null);
        assertEquals("CONSENT_GRANTED", rule(p.contact(), p.purpose(), "EMAIL"));
        assertTrue(
                Api.get(ADMIN, "/api/v1/consents/projection/verify")
                        .expect(200)
                        .json()
                        .getBoolean("valid"),
                "the projection still folds from the events");
    }

    @Test
    void clientsMayNotClaimTheServersOwnSources() {
        String purpose = Fixtures.purpose(false);
        String notice = Fixtures.notice(purpose, "fr", "Oui");
        String contact = frenchContact();
        for (String source : new String[] {"PREFERENCE_CENTER", "UNSUBSCRIBE_LINK", "ONE_CLICK", "ESP", "ADMIN"}) {
            JsonObject problem = Api.post(
                            INTEGRATION,
                            "/api/v1/consents",
                            consent(contact, purpose, "EMAIL", "GRANT", source, notice, true, null))
                    .problem(422);
            assertEquals(
                    "source", problem.getJsonArray("errors").getJsonObject(0).getString("field"), source);
        }
        assertEquals(0, Recipients.history(contact).size(), "nothing recorded");
        for (String source : new String[] {"WEB_FORM", "CHECKOUT", "ORAL", "PAPER", "IMPORT", "API"}) {
            record(contact, purpose, "EMAIL", "GRANT", source, notice, true, null);
        }

        String email = Api.uniqueEmail();
        for (String source : new String[] {"person:ONE_CLICK", "erasure", "list:bloctel", "esp:ses", "Person:x"}) {
            JsonObject problem = Api.post(ADMIN, "/api/v1/suppressions", """
                            {"email":"%s","channel":"EMAIL","reason":"MANUAL","source":"%s"}""".formatted(email, source))
                    .problem(422);
            assertEquals(
                    "source", problem.getJsonArray("errors").getJsonObject(0).getString("field"), source);
        }
        Api.post(ADMIN, "/api/v1/suppressions", """
                        {"email":"%s","channel":"EMAIL","reason":"MANUAL","source":"crm-cleanup"}""".formatted(email)).expect(201);
    }

    @Test
    void aClockRunningFastNeverOrdersAGrantAfterALaterOneClick() throws Exception {
        String purpose = Fixtures.purpose(false);
        String notice = Fixtures.notice(purpose, "fr", "Oui");
        String contact = frenchContact();
        String fast = Instant.now()
                .plus(4, ChronoUnit.MINUTES)
                .truncatedTo(ChronoUnit.SECONDS)
                .toString();
        record(contact, purpose, "EMAIL", "GRANT", "WEB_FORM", notice, true, fast);
        assertEquals("GRANTED", Recipients.state(contact, purpose, "EMAIL"));
        oneClick(contact, purpose);
        assertEquals("WITHDRAWN", Recipients.state(contact, purpose, "EMAIL"));
        assertFalse(decision(contact, purpose, "EMAIL").getBoolean("allowed"));
    }

    @Test
    void aQuickConfirmationAfterAFutureDatedGrantConfirmsItAndMovesTheRetentionClock() throws Exception {
        try (Recipients.Mailbox mailbox = new Recipients.Mailbox()) {
            String purpose = Fixtures.purpose(true);
            String notice = Fixtures.notice(purpose, "fr", "Oui, confirmez");
            String email = Api.uniqueEmail();
            String contact = Fixtures.contact(email, "fr");
            String fast = Instant.now()
                    .plus(4, ChronoUnit.MINUTES)
                    .truncatedTo(ChronoUnit.SECONDS)
                    .toString();
            record(contact, purpose, "EMAIL", "GRANT", "API", notice, false, fast);
            assertEquals("PENDING", Recipients.state(contact, purpose, "EMAIL"));
            assertEquals(null, lastActiveAt(contact), "a client's grant without proof is not the person's act");

            String link = Recipients.Mailbox.link(mailbox.await(email, 1).get(0), "/confirm/");
            HttpResponse<String> page = Recipients.get(link);
            Map<String, String> form = new LinkedHashMap<>();
            Matcher token = FORM_TOKEN.matcher(page.body());
            if (token.find()) {
                form.put("form", token.group(1));
            }
            HttpResponse<String> confirmed = Recipients.post(link, form);
            assertEquals(200, confirmed.statusCode(), confirmed.body());
            assertEquals("GRANTED", Recipients.state(contact, purpose, "EMAIL"));
            assertEquals("CONSENT_GRANTED", rule(contact, purpose, "EMAIL"));
            assertRecent(lastActiveAt(contact), "the confirmation click is the person's act");
        }
    }

    // ---- the rules, in the contract's order

    @Test
    void serviceMessagesReachAnErasedPersonWhoCameBackButHardBouncesStillStopThem() {
        String promo = purpose("PROSPECTING", "EMAIL", "SOCIAL_ADS");
        String promoNotice = Fixtures.notice(promo, "fr", "Oui");
        String orders = purpose("SERVICE", "EMAIL");
        String email = Api.uniqueEmail();
        String before = Fixtures.contact(email, "fr");
        record(before, promo, "EMAIL", "GRANT", "WEB_FORM", promoNotice, true, null);
        oneClick(before, null);
        erase(before);

        // The person comes back as a customer: the contact is created, order updates reach them...
        String back = Fixtures.contact(email, "fr");
        JsonObject service = decision(back, orders, "EMAIL");
        assertTrue(service.getBoolean("allowed"), service.toString());
        assertEquals("SERVICE_MESSAGE", service.getString("rule"));
        assertEquals("CONTRACT", service.getString("basis"));
        // ...but prospecting stays closed on every channel their address reaches, social ads included.
        assertEquals("SUPPRESSED_ERASED", rule(back, promo, "EMAIL"));
        assertEquals("SUPPRESSED_ERASED", rule(back, promo, "SOCIAL_ADS"));
        record(back, promo, "SOCIAL_ADS", "GRANT", "API", promoNotice, false, null);
        assertEquals("SUPPRESSED_ERASED", rule(back, promo, "SOCIAL_ADS"), "a client's grant does not lift it");

        // Their own new opt-in with proof lifts the ERASED mark for that channel.
        record(back, promo, "SOCIAL_ADS", "GRANT", "WEB_FORM", promoNotice, true, null);
        assertEquals("CONSENT_GRANTED", rule(back, promo, "SOCIAL_ADS"));
        assertEquals("SUPPRESSED_ERASED", rule(back, promo, "EMAIL"), "only for that channel");

        // A hard bounce still stops service messages: the address does not work.
        Api.post(INTEGRATION, "/api/v1/esp-events", """
                        [{"type":"HARD_BOUNCE","email":"%s","occurredAt":"%s","provider":"it-esp"}]""".formatted(email, Fixtures.daysAgo(0)))
                .expect(202);
        assertEquals("SUPPRESSED_HARD_BOUNCE", rule(back, orders, "EMAIL"));
    }

    /**
     * The ERASED mark is all that is left of an objection after the erasure; when the person comes back and agrees to
     * another purpose, their word answers for that purpose only: the one they had objected to stays shut, also under
     * the opt-out regimes (phone, B2B email) where nothing else would stop it, for single and bulk decisions alike.
     */
    @Test
    void anErasedObjectionYieldsOnlyToThePersonsOwnConsentForItsOwnPurpose() throws Exception {
        String objected = purpose("PROSPECTING", "EMAIL", "PHONE");
        String agreed = purpose("PROSPECTING", "EMAIL", "PHONE");
        String agreedNotice = Fixtures.notice(agreed, "fr", "Oui par téléphone");
        String email = Api.uniqueEmail();
        String phone = Api.uniqueFrenchMobile();
        String before = personWith(email, phone, "B2C");
        record(before, objected, "PHONE", "OBJECT", "ORAL", null, false, null);
        erase(before);

        String back = personWith(email, phone, "B2C");
        assertEquals("SUPPRESSED_ERASED", rule(back, objected, "PHONE"));
        record(back, agreed, "PHONE", "GRANT", "ORAL", agreedNotice, true, null);
        assertEquals("CONSENT_GRANTED", rule(back, agreed, "PHONE"), "their own consent answers for its purpose");
        JsonObject still = decision(back, objected, "PHONE");
        assertFalse(still.getBoolean("allowed"), "the objection survives a consent to another purpose: " + still);
        assertEquals("SUPPRESSED_ERASED", still.getString("rule"));
        JsonObject byPhone = Api.post(CAMPAIGN, "/api/v1/decisions", """
                        {"phone":"%s","purpose":"%s","channel":"PHONE"}""".formatted(phone, objected))
                .expect(200)
                .json();
        assertEquals("SUPPRESSED_ERASED", byPhone.getString("rule"), byPhone.toString());
        String bulk = Api.send(
                        CAMPAIGN,
                        "POST",
                        "/api/v1/decisions/bulk?purpose=" + objected + "&channel=PHONE",
                        "application/x-ndjson",
                        BodyPublishers.ofString("{\"contactId\":\"" + back + "\"}\n{\"phone\":\"" + phone + "\"}\n"))
                .expect(200)
                .body();
        for (String line : bulk.strip().split("\n")) {
            assertEquals(
                    "SUPPRESSED_ERASED",
                    Json.createReader(new java.io.StringReader(line))
                            .readObject()
                            .getString("rule"),
                    bulk);
        }
        // A purpose created after the erasure was never consented to either: the mark holds there too.
        assertEquals("SUPPRESSED_ERASED", rule(back, purpose("PROSPECTING", "PHONE"), "PHONE"));

        // B2B email, the other opt-out regime: an objection on email, erasure, return, a form's consent to another.
        String b2bEmail = Api.uniqueEmail();
        String b2b = personWith(b2bEmail, null, "B2B");
        record(b2b, objected, "EMAIL", "OBJECT", "WEB_FORM", null, true, null);
        erase(b2b);
        String b2bBack = personWith(b2bEmail, null, "B2B");
        record(b2bBack, agreed, "EMAIL", "GRANT", "WEB_FORM", agreedNotice, true, null);
        assertEquals("CONSENT_GRANTED", rule(b2bBack, agreed, "EMAIL"));
        assertEquals("SUPPRESSED_ERASED", rule(b2bBack, objected, "EMAIL"));

        // Only their own consent to that very purpose re-opens it.
        String objectedNotice = Fixtures.notice(objected, "fr", "Oui, finalement");
        record(back, objected, "PHONE", "GRANT", "API", objectedNotice, false, null);
        assertEquals("SUPPRESSED_ERASED", rule(back, objected, "PHONE"), "a client's grant is not their word");
        record(back, objected, "PHONE", "GRANT", "ORAL", objectedNotice, true, null);
        assertEquals("CONSENT_GRANTED", rule(back, objected, "PHONE"));
    }

    /**
     * Post may go to an address never given to us (a decision on post answers without one), so its ERASED mark hangs
     * on the person's email address and number too: a person who objected to post, or left everything, was erased and
     * came back with their email address only is refused on post, single and bulk, as on email. Until 2026-12-06 post
     * answered {@code POSTAL_OPT_OUT_REGIME}, allowed (tester AB's F4).
     */
    @Test
    void aPostalObjectionSurvivesErasureAndAReturnWithoutTheAddress() {
        String promo = purpose("PROSPECTING", "EMAIL", "POSTAL");
        for (String way : List.of("objection on paper", "left everything")) {
            String email = Api.uniqueEmail();
            String before = Fixtures.contact(email, "fr");
            if (way.equals("left everything")) {
                oneClick(before, null);
                record(before, promo, "POSTAL", "OBJECT", "ORAL", null, false, null);
            } else {
                record(before, promo, "POSTAL", "OBJECT", "PAPER", null, false, null);
            }
            assertEquals("OBJECTED", rule(before, promo, "POSTAL"), way);
            erase(before);

            String back = Fixtures.contact(email, "fr");
            assertEquals("SUPPRESSED_ERASED", rule(back, promo, "EMAIL"), way);
            JsonObject single = decision(back, promo, "POSTAL");
            assertFalse(single.getBoolean("allowed"), way + ": " + single);
            assertEquals("SUPPRESSED_ERASED", single.getString("rule"), way);
            JsonObject bulk = Json.createReader(new java.io.StringReader(Api.send(
                                    CAMPAIGN,
                                    "POST",
                                    "/api/v1/decisions/bulk?purpose=" + promo + "&channel=POSTAL",
                                    "application/x-ndjson",
                                    BodyPublishers.ofString("{\"contactId\":\"" + back + "\"}\n"))
                            .expect(200)
                            .body()
                            .strip()))
                    .readObject();
            assertEquals("SUPPRESSED_ERASED", bulk.getString("rule"), way + ": " + bulk);
        }
        // Someone who never opted out and was erased comes back free on post as anywhere.
        String free = Api.uniqueEmail();
        erase(Fixtures.contact(free, "fr"));
        assertEquals("POSTAL_OPT_OUT_REGIME", rule(Fixtures.contact(free, "fr"), promo, "POSTAL"));
    }

    /**
     * Tester G's finding G2: push reaches the person through no identifier, so until 2026-12-06 an erasure kept nothing
     * of their push opt-out and, once they came back with the same address, a client's grant or an import row opened
     * push again. Its ERASED mark now hangs on their address and their number: after each way of leaving push (a link
     * for all of it, a link for one purpose, an objection through the API), erasure and return — with the address, or
     * with the number alone — push stays {@code SUPPRESSED_ERASED} (single and bulk) against a client's grant, an
     * import row is refused, and only the person's own consent with proof re-opens its own purpose.
     */
    @Test
    void aPushOptOutSurvivesErasureAndReturn() {
        String promo = purpose("PROSPECTING", "EMAIL", "PUSH");
        String notice = Fixtures.notice(promo, "fr", "Notifications " + promo);
        String other = purpose("PROSPECTING", "PUSH");
        String otherNotice = Fixtures.notice(other, "fr", "Alertes " + other);
        for (String way : List.of("link for all push", "link for one purpose", "API objection")) {
            String email = Api.uniqueEmail();
            String phone = Api.uniqueFrenchMobile();
            String before = personWith(email, phone, "B2C");
            record(before, promo, "PUSH", "GRANT", "WEB_FORM", notice, true, null);
            switch (way) {
                case "link for all push" ->
                    oneClick(Api.post(CAMPAIGN, "/api/v1/unsubscribe-links", """
                                {"contactId":"%s","channel":"PUSH"}""".formatted(before))
                            .expect(200)
                            .json()
                            .getString("unsubscribeUrl"));
                case "link for one purpose" ->
                    oneClick(Api.post(CAMPAIGN, "/api/v1/unsubscribe-links", """
                                {"contactId":"%s","purpose":"%s","channel":"PUSH"}""".formatted(before, promo))
                            .expect(200)
                            .json()
                            .getString("unsubscribeUrl"));
                default -> record(before, promo, "PUSH", "OBJECT", "ORAL", null, false, null);
            }
            assertFalse(decision(before, promo, "PUSH").getBoolean("allowed"), way);
            erase(before);

            boolean byNumber = way.equals("API objection");
            String column = byNumber ? "phone" : "email";
            String identifier = byNumber ? phone : email;
            String back = Api.post(
                            INTEGRATION,
                            "/api/v1/contacts",
                            Json.createObjectBuilder()
                                    .add(column, identifier)
                                    .add("country", "FR")
                                    .add("locale", "fr")
                                    .add("audience", "B2C")
                                    .add("customer", false)
                                    .build()
                                    .toString())
                    .expect(201)
                    .json()
                    .getString("id");
            if (!byNumber) {
                assertEquals("SUPPRESSED_ERASED", rule(back, promo, "EMAIL"), way);
            }
            JsonObject apiGrant = record(back, promo, "PUSH", "GRANT", "API", notice, false, null);
            // Kept and changing nothing, as on email: the erasure's mark is written before it (it read GRANTED while
            // every decision denied until 2026-12-07, review 44).
            assertEquals("OBJECTED", apiGrant.getString("state"), "recorded, as on email: " + apiGrant);
            JsonObject single = decision(back, promo, "PUSH");
            assertFalse(single.getBoolean("allowed"), way + ": " + single);
            assertEquals("SUPPRESSED_ERASED", single.getString("rule"), way);
            assertTrue(single.isNull("basis"), single::toString);
            String path = "/api/v1/decisions/bulk?purpose=" + promo + "&channel=PUSH";
            String ndjson = Api.send(
                            CAMPAIGN,
                            "POST",
                            path,
                            "application/x-ndjson",
                            BodyPublishers.ofString(
                                    "{\"contactId\":\"" + back + "\"}\n{\"" + column + "\":\"" + identifier + "\"}\n"))
                    .expect(200)
                    .body();
            String csv = Api.send(CAMPAIGN, "POST", path, "text/csv", BodyPublishers.ofString(back + "\n"))
                    .expect(200)
                    .body();
            for (String line : (ndjson.strip() + "\n" + csv.strip()).split("\n")) {
                JsonObject answer =
                        Json.createReader(new java.io.StringReader(line)).readObject();
                assertFalse(answer.getBoolean("allowed"), way + ": " + line);
                assertEquals("SUPPRESSED_ERASED", answer.getString("rule"), way + ": " + line);
            }

            JsonObject imported = ImportIT.importAndWait(
                    "",
                    "text/csv",
                    column + ",purpose,channel,action,source,noticeId,occurredAt\n" + identifier + "," + other
                            + ",PUSH,GRANT,API," + otherNotice + "," + Fixtures.daysAgo(0) + "\n");
            assertEquals(1, imported.getInt("rejected"), way + ": " + imported);
            assertEquals(
                    "SUPPRESSED",
                    ImportIT.rejects(imported.getString("id")).get(2L).get(2),
                    imported.toString());
            assertEquals("SUPPRESSED_ERASED", rule(back, other, "PUSH"), way);

            record(back, promo, "PUSH", "GRANT", "WEB_FORM", notice, true, null);
            assertEquals("CONSENT_GRANTED", rule(back, promo, "PUSH"), way + ": the person's own consent");
            assertEquals("SUPPRESSED_ERASED", rule(back, other, "PUSH"), way + ": for its own purpose only");
        }
    }

    /**
     * The nightly purge keeps the same mark: a stale person who had objected to push, purged, then back with the same
     * address, is not opened to push by a client's grant (tester G's finding G2, through the retention purge).
     */
    @Test
    void aPushObjectionSurvivesTheNightlyPurge() throws Exception {
        String promo = purpose("PROSPECTING", "EMAIL", "PUSH");
        String notice = Fixtures.notice(promo, "fr", "Notifications " + promo);
        String email = Api.uniqueEmail();
        JsonObject imported = ImportIT.importAndWait(
                "",
                "text/csv",
                "email,country,locale,audience,customer,lastActiveAt,purpose,channel,action,source,occurredAt\n"
                        + email + ",FR,fr,B2C,false," + monthsAgo(48) + "," + promo + ",PUSH,OBJECT,PAPER,"
                        + monthsAgo(47) + "\n");
        assertEquals(1, imported.getInt("imported"), imported.toString());
        assertEquals("COMPLETED", JobIT.runToEnd("retention-purge").getString("status"));
        Api.post(INTEGRATION, "/api/v1/contacts/lookup", "{\"email\":\"" + email + "\"}")
                .problem(404);

        String back = Fixtures.contact(email, "fr");
        record(back, promo, "PUSH", "GRANT", "API", notice, false, null);
        assertEquals("SUPPRESSED_ERASED", rule(back, promo, "PUSH"));
        assertEquals("SUPPRESSED_ERASED", rule(back, promo, "EMAIL"));
    }

    /** A French contact of the given audience with this email and (if not null) phone. */
    private static String personWith(String email, String phone, String audience) {
        JsonObjectBuilder identifiers = Json.createObjectBuilder().add("email", email);
        if (phone != null) {
            identifiers.add("phone", phone);
        }
        return person(identifiers, audience);
    }

    /** A French contact, not a customer, with the identifiers given. */
    private static String person(JsonObjectBuilder identifiers, String audience) {
        JsonObjectBuilder body = identifiers
                .add("country", "FR")
                .add("locale", "fr")
                .add("audience", audience)
                .add("customer", false);
        return Api.post(INTEGRATION, "/api/v1/contacts", body.build().toString())
                .expect(201)
                .json()
                .getString("id");
    }

    @Test
    void aDoubleOptInThatMerelyExpiredLeavesNoErasedMark() throws Exception {
        String purpose = Fixtures.purpose(true);
        String notice = Fixtures.notice(purpose, "fr", "Oui, plus tard");
        String email = Api.uniqueEmail();
        String contact = Fixtures.contact(email, "fr");
        record(contact, purpose, "EMAIL", "GRANT", "WEB_FORM", notice, true, Fixtures.daysAgo(10));
        // The wait counts from when the server received the grant: no wait at all drops it.
        long execution = Api.post(ADMIN, "/api/v1/jobs/pending-expiry?expiryDays=0", "")
                .expect(202)
                .json()
                .getJsonNumber("executionId")
                .longValue();
        assertEquals("COMPLETED", JobIT.awaitEnd(execution).getString("status"));
        assertEquals("NONE", Recipients.state(contact, purpose, "EMAIL"), "dropped, not withdrawn");
        erase(contact);

        String back = Fixtures.contact(email, "fr");
        String suppressions = Api.get(AUDITOR, "/api/v1/contacts/" + back + "/export")
                .json()
                .getJsonArray("suppressions")
                .toString();
        assertFalse(suppressions.contains("ERASED"), suppressions);
        assertEquals("NO_CONSENT", rule(back, purpose, "EMAIL"));
    }

    @Test
    void prospectingStopsAtTheEndOfRetentionEvenBeforeThePurgeRuns() {
        String purpose = Fixtures.purpose(false);
        String notice = Fixtures.notice(purpose, "fr", "Oui");
        String orders = purpose("SERVICE", "EMAIL");
        String contact = frenchContact();
        record(contact, purpose, "EMAIL", "GRANT", "API", notice, false, monthsAgo(44));
        Api.post(
                        INTEGRATION,
                        "/api/v1/contacts/" + contact + "/activities",
                        "{\"type\":\"PURCHASE\",\"occurredAt\":\"" + monthsAgo(40) + "\"}")
                .expect(204);
        JsonObject expired = decision(contact, purpose, "EMAIL");
        assertFalse(expired.getBoolean("allowed"), expired.toString());
        assertEquals("RETENTION_EXPIRED", expired.getString("rule"));
        assertEquals("SERVICE_MESSAGE", rule(contact, orders, "EMAIL"));

        // The person subscribes again today, with proof: the clock restarts and the purge will not take them.
        record(contact, purpose, "EMAIL", "GRANT", "WEB_FORM", notice, true, null);
        assertRecent(lastActiveAt(contact), "a consent given with proof is the person's act");
        assertEquals("CONSENT_GRANTED", rule(contact, purpose, "EMAIL"));
    }

    @Test
    void aChannelThePersonLeftOutOfTheirPreferredOnesIsNotUsedForProspecting() {
        String purpose = Fixtures.purpose(false);
        String notice = Fixtures.notice(purpose, "fr", "Oui");
        String orders = purpose("SERVICE", "EMAIL");
        String contact = frenchContact();
        record(contact, purpose, "EMAIL", "GRANT", "WEB_FORM", notice, true, null);
        Api.sendWithHeaders(
                        INTEGRATION, "PUT", "/api/v1/contacts/" + contact + "/preferences", "{\"channels\":[\"SMS\"]}")
                .expect(200);
        assertEquals("CHANNEL_NOT_PREFERRED", rule(contact, purpose, "EMAIL"));
        assertEquals("SERVICE_MESSAGE", rule(contact, orders, "EMAIL"));
        Api.sendWithHeaders(
                        INTEGRATION,
                        "PUT",
                        "/api/v1/contacts/" + contact + "/preferences",
                        "{\"channels\":[\"SMS\",\"EMAIL\"]}")
                .expect(200);
        assertEquals("CONSENT_GRANTED", rule(contact, purpose, "EMAIL"));
    }

    // ---- the retention clock follows the person

    @Test
    void anApiPreferenceUpdateIsRecordedButIsNotThePersonsAct() {
        String contact = frenchContact();
        Api.post(
                        INTEGRATION,
                        "/api/v1/contacts/" + contact + "/activities",
                        "{\"type\":\"CLICK\",\"occurredAt\":\"" + Fixtures.daysAgo(100) + "\"}")
                .expect(204);
        Instant before = lastActiveAt(contact);
        Api.sendWithHeaders(
                        INTEGRATION,
                        "PUT",
                        "/api/v1/contacts/" + contact + "/preferences",
                        "{\"channels\":[\"EMAIL\"]}")
                .expect(200);
        assertEquals(before, lastActiveAt(contact), "an integrating system saving preferences is not a sign of life");
        String activities = Api.get(AUDITOR, "/api/v1/contacts/" + contact + "/export")
                .json()
                .getJsonArray("activities")
                .toString();
        assertTrue(activities.contains("PREFERENCE_CHANGE"), "kept as evidence: " + activities);
    }

    @Test
    void anImportDatesTheLastActFromTheFileOrTheEvidenceNeverFromItsOwnTime() {
        String purpose = Fixtures.purpose(false);
        String notice = Fixtures.notice(purpose, "fr", "Oui");
        String fromFile = Api.uniqueEmail();
        String fromEvidence = Api.uniqueEmail();
        String withoutProof = Api.uniqueEmail();
        String day = Fixtures.dateDaysAgo(20);
        String file = "email,country,locale,audience,customer,purpose,channel,action,source,noticeId,occurredAt,ip,"
                + "lastActiveAt\n"
                + fromFile + ",FR,fr,B2C,false,,,,,,,," + day + "\n"
                + fromEvidence + ",FR,fr,B2C,false," + purpose + ",EMAIL,GRANT,WEB_FORM," + notice + ","
                + Fixtures.dateDaysAgo(30) + ",203.0.113.9,\n"
                + withoutProof + ",FR,fr,B2C,false," + purpose + ",EMAIL,GRANT,WEB_FORM," + notice + ","
                + Fixtures.dateDaysAgo(30) + ",,\n";
        JsonObject done = ImportIT.importAndWait("", "text/csv", file);
        assertEquals(3, done.getJsonNumber("imported").longValue(), done.toString());
        assertEquals(
                Instant.parse(day + "T00:00:00Z"),
                lastActiveAt(ImportIT.lookup(fromFile).getString("id")));
        assertEquals(
                Instant.parse(Fixtures.dateDaysAgo(30) + "T00:00:00Z"),
                lastActiveAt(ImportIT.lookup(fromEvidence).getString("id")),
                "the evidence's own date");
        assertEquals(null, lastActiveAt(ImportIT.lookup(withoutProof).getString("id")), "no proof, no act");
    }

    // ---- postal objections

    @Test
    void aPostalObjectionHoldsForEveryPostalPurposeIncludingLaterOnes() {
        String street = uniqueStreet();
        String contact = postalContact(street, "75011", "Paris");
        String catalogue = purpose("PROSPECTING", "POSTAL");
        assertEquals("POSTAL_OPT_OUT_REGIME", rule(contact, catalogue, "POSTAL"));

        JsonObject entry = Api.post(
                        INTEGRATION,
                        "/api/v1/suppressions",
                        Json.createObjectBuilder()
                                .add(
                                        "postalAddress",
                                        Json.createObjectBuilder()
                                                .add(
                                                        "lines",
                                                        Json.createArrayBuilder()
                                                                .add("  "
                                                                        + street.toUpperCase()
                                                                                .replace("É", "E") + " "))
                                                .add("postcode", "75 011")
                                                .add("city", "PARIS")
                                                .add("country", "fr"))
                                .add("channel", "POSTAL")
                                .add("reason", "UNSUBSCRIBED")
                                .build()
                                .toString())
                .expect(201)
                .json();
        assertEquals("POSTAL", entry.getString("identifierKind"));
        assertEquals("POSTAL", entry.getString("channel"));
        assertEquals(
                "SUPPRESSED_UNSUBSCRIBED", rule(contact, catalogue, "POSTAL"), "the same envelope, written otherwise");
        String later = purpose("PROSPECTING", "POSTAL");
        assertEquals("SUPPRESSED_UNSUBSCRIBED", rule(contact, later, "POSTAL"), "a postal purpose created later");
        String neighbour = postalContact(uniqueStreet(), "75011", "Paris");
        assertEquals("POSTAL_OPT_OUT_REGIME", rule(neighbour, later, "POSTAL"));

        Api.post(INTEGRATION, "/api/v1/suppressions", """
                        {"postalAddress":{"lines":["1 rue X"],"postcode":"75001","city":"Paris","country":"FR"},
                         "channel":"EMAIL","reason":"MANUAL"}""").problem(422);
        Api.post(INTEGRATION, "/api/v1/suppressions", """
                        {"postalAddress":{"lines":[],"postcode":"75001","city":"Paris","country":"FR"},
                         "channel":"POSTAL","reason":"MANUAL"}""").problem(422);
        Api.post(INTEGRATION, "/api/v1/suppressions", """
                        {"postalAddress":{"lines":["1 rue X"],"postcode":"75001","city":"Paris","country":"FR"},
                         "email":"%s","channel":"POSTAL","reason":"MANUAL"}""".formatted(Api.uniqueEmail()))
                .problem(422);
    }

    @Test
    void leavingEverythingAndErasureKeepAPostalObjection() {
        String street = uniqueStreet();
        String contact = postalContact(street, "69002", "Lyon");
        String catalogue = purpose("PROSPECTING", "POSTAL");
        leaveEverything(contact);
        String later = purpose("PROSPECTING", "POSTAL");
        assertFalse(decision(contact, later, "POSTAL").getBoolean("allowed"), "a postal purpose created later");

        erase(contact);
        String back = postalContact(street, "69002", "Lyon");
        JsonObject after = decision(back, catalogue, "POSTAL");
        assertFalse(after.getBoolean("allowed"), after.toString());
        assertEquals("SUPPRESSED_ERASED", after.getString("rule"));
        String newest = purpose("PROSPECTING", "POSTAL");
        assertEquals("SUPPRESSED_ERASED", rule(back, newest, "POSTAL"));
        JsonArray kept = Api.get(AUDITOR, "/api/v1/suppressions?channel=POSTAL&reason=ERASED&limit=1000")
                .expect(200)
                .json()
                .getJsonArray("items");
        assertFalse(kept.isEmpty());
        assertFalse(kept.toString().contains(street), "an address is never shown back");
    }

    @Test
    void anObjectionToPostalProspectingSurvivesErasure() {
        String street = uniqueStreet();
        String contact = postalContact(street, "13001", "Marseille");
        String catalogue = purpose("PROSPECTING", "POSTAL");
        record(contact, catalogue, "POSTAL", "OBJECT", "PAPER", null, true, null);
        assertEquals("OBJECTED", rule(contact, catalogue, "POSTAL"));
        erase(contact);
        String back = postalContact(street, "13001", "Marseille");
        assertEquals("SUPPRESSED_ERASED", rule(back, catalogue, "POSTAL"));
    }
}
