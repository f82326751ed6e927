package eu.consent.it;

import static eu.consent.it.Api.User.ADMIN;
import static eu.consent.it.Api.User.AUDITOR;
import static eu.consent.it.Api.User.CAMPAIGN;
import static eu.consent.it.Api.User.INTEGRATION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.TemporalAdjusters;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * GET /api/v1/stats/opt-outs: people who opted out (not events), by day, week, reason, purpose, channel and source,
 * with the sends reported and the rate per thousand. Every assertion is on this test's own purpose, so the other
 * tests' opt-outs in the shared database cannot disturb the exact counts.
 */
class OptOutStatsIT {

    private static final String PATH = "/api/v1/stats/opt-outs";

    /** One opt-out this test made: who, on which channel, when, through which source. */
    private record Made(String contact, String channel, String at) {

        LocalDate day() {
            return Instant.parse(at).atOffset(ZoneOffset.UTC).toLocalDate();
        }
    }

    private static String contact() {
        return Api.post(INTEGRATION, "/api/v1/contacts", """
                        {"email":"%s","phone":"%s","country":"FR","locale":"fr","audience":"B2C","customer":false}""".formatted(Api.uniqueEmail(), Api.uniqueFrenchMobile()))
                .expect(201)
                .json()
                .getString("id");
    }

    private static void consent(
            String contact, String purpose, String channel, String action, String source, String notice, String at) {
        var body = Json.createObjectBuilder()
                .add("contactId", contact)
                .add("purpose", purpose)
                .add("channel", channel)
                .add("action", action)
                .add("source", source)
                .add("occurredAt", at)
                .add(
                        "proof",
                        Json.createObjectBuilder()
                                .add("ip", "203.0.113.9")
                                .add("userAgent", "Mozilla/5.0 (IT)")
                                .add("formUrl", "https://shop.example/stats"));
        if (notice != null) {
            body.add("noticeId", notice);
        }
        Api.post(INTEGRATION, "/api/v1/consents", body.build().toString()).expect(201);
    }

    private static void sends(String contact, String purpose, String channel, String at, int n) {
        StringBuilder list = new StringBuilder("[");
        for (int i = 0; i < n; i++) {
            list.append(i == 0 ? "" : ",")
                    .append("{\"contactId\":\"%s\",\"purpose\":\"%s\",\"channel\":\"%s\",\"sentAt\":\"%s\"}"
                            .formatted(contact, purpose, channel, at));
        }
        Api.post(CAMPAIGN, "/api/v1/sends", list.append("]").toString()).expect(202);
    }

    private static JsonObject stats(String query) {
        return Api.get(AUDITOR, PATH + "?" + query).expect(200).json();
    }

    private static Map<String, JsonObject> buckets(JsonObject stats) {
        Map<String, JsonObject> byKey = new TreeMap<>();
        for (JsonObject b : stats.getJsonArray("buckets").getValuesAs(JsonObject.class)) {
            byKey.put(b.getString("key"), b);
        }
        return byKey;
    }

    private static void assertBucket(JsonObject b, long events, long people, long sent) {
        assertEquals(events, b.getJsonNumber("events").longValue(), b.toString());
        assertEquals(people, b.getJsonNumber("people").longValue(), b.toString());
        assertEquals(people, b.getJsonNumber("count").longValue(), "a chart counts people, not events: " + b);
        assertEquals(sent, b.getJsonNumber("sent").longValue(), b.toString());
        if (sent == 0) {
            assertEquals(JsonValue.NULL, b.get("ratePerThousand"), "no sends, no rate: " + b);
        } else {
            assertEquals(
                    people * 1000.0 / sent, b.getJsonNumber("ratePerThousand").doubleValue(), 1e-9, b.toString());
        }
    }

    @Test
    void peopleAreCountedOnceAndMeasuredAgainstTheSendsReported() {
        String purpose = Fixtures.purpose(false);
        String notice = Fixtures.notice(purpose, "fr", "Oui aux statistiques");
        String twice = contact();
        String once = contact();
        String stays = contact();
        String granted = Fixtures.daysAgo(10);
        for (String c : List.of(twice, once, stays)) {
            consent(c, purpose, "EMAIL", "GRANT", "WEB_FORM", notice, granted);
            consent(c, purpose, "SMS", "GRANT", "WEB_FORM", notice, granted);
        }
        // one person opting out twice (both channels, two days, two sources), another once
        Made first = new Made(twice, "EMAIL", Fixtures.daysAgo(3));
        Made second = new Made(twice, "SMS", Fixtures.daysAgo(2));
        Made third = new Made(once, "EMAIL", Fixtures.daysAgo(1));
        consent(first.contact(), purpose, first.channel(), "WITHDRAW", "WEB_FORM", null, first.at());
        consent(second.contact(), purpose, second.channel(), "WITHDRAW", "API", null, second.at());
        consent(third.contact(), purpose, third.channel(), "WITHDRAW", "API", null, third.at());
        sends(stays, purpose, "EMAIL", first.at(), 5);
        sends(stays, purpose, "SMS", second.at(), 3);
        String window = "from=" + Fixtures.daysAgo(20) + "&to=" + Instant.now().plusSeconds(3600);

        JsonObject byPurpose = stats("by=purpose&" + window);
        assertEquals("purpose", byPurpose.getString("by"));
        assertBucket(buckets(byPurpose).get(purpose), 3, 2, 8);

        JsonObject mine = stats("by=source&purpose=" + purpose + "&" + window);
        assertEquals(2, mine.getJsonNumber("total").longValue(), "people, not events: " + mine);
        assertEquals(3, mine.getJsonNumber("events").longValue());
        assertEquals(8, mine.getJsonNumber("sent").longValue());
        assertEquals(250.0, mine.getJsonNumber("ratePerThousand").doubleValue(), 1e-9);
        assertTrue(mine.containsKey("stayed") && mine.containsKey("from") && mine.containsKey("to"), mine.toString());
        Map<String, JsonObject> sources = buckets(mine);
        assertEquals(Set.of("API", "WEB_FORM"), sources.keySet());
        assertBucket(sources.get("API"), 2, 2, 8);
        assertBucket(sources.get("WEB_FORM"), 1, 1, 8);

        Map<String, JsonObject> channels = buckets(stats("by=channel&purpose=" + purpose + "&" + window));
        assertEquals(Set.of("EMAIL", "SMS"), channels.keySet());
        assertBucket(channels.get("EMAIL"), 2, 2, 5);
        assertBucket(channels.get("SMS"), 1, 1, 3);

        Map<String, JsonObject> reasons = buckets(stats("by=reason&purpose=" + purpose + "&" + window));
        assertEquals(Set.of("NONE"), reasons.keySet());
        assertBucket(reasons.get("NONE"), 3, 2, 8);

        Map<String, JsonObject> days = buckets(stats("by=day&purpose=" + purpose + "&" + window));
        assertEquals(3, days.size(), days.toString());
        assertBucket(days.get(first.day().toString()), 1, 1, 5);
        assertBucket(days.get(second.day().toString()), 1, 1, 3);
        assertBucket(days.get(third.day().toString()), 1, 1, 0);

        // weeks are named by their Monday; the person who left twice in one week counts once in it
        Map<String, Set<String>> people = new TreeMap<>();
        Map<String, Long> events = new HashMap<>();
        for (Made m : List.of(first, second, third)) {
            String week = monday(m.day());
            people.computeIfAbsent(week, w -> new HashSet<>()).add(m.contact());
            events.merge(week, 1L, Long::sum);
        }
        Map<String, Long> sent = new HashMap<>();
        sent.merge(monday(first.day()), 5L, Long::sum);
        sent.merge(monday(second.day()), 3L, Long::sum);
        Map<String, JsonObject> weeks = buckets(stats("by=week&purpose=" + purpose + "&" + window));
        assertEquals(people.keySet(), weeks.keySet());
        people.forEach((week, who) ->
                assertBucket(weeks.get(week), events.get(week), who.size(), sent.getOrDefault(week, 0L)));

        // the window is [from, to): the opt-out at `to` is left out
        JsonObject before =
                stats("by=purpose&purpose=" + purpose + "&from=" + Fixtures.daysAgo(20) + "&to=" + second.at());
        assertEquals(1, before.getJsonNumber("total").longValue(), before.toString());
        assertBucket(buckets(before).get(purpose), 1, 1, 5);

        // erasing the person who left twice forgets who they were, not that they were one person
        Api.send(
                        INTEGRATION,
                        "DELETE",
                        "/api/v1/contacts/" + twice,
                        null,
                        java.net.http.HttpRequest.BodyPublishers.noBody())
                .expect(204);
        JsonObject afterErasure = stats("by=source&purpose=" + purpose + "&" + window);
        assertEquals(2, afterErasure.getJsonNumber("total").longValue(), "still two people: " + afterErasure);
        assertEquals(3, afterErasure.getJsonNumber("events").longValue(), afterErasure.toString());
        assertBucket(buckets(afterErasure).get("API"), 2, 2, 8);
    }

    private static String monday(LocalDate day) {
        return day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).toString();
    }

    /**
     * A complaint at the mail provider ("this is spam") is the person's opt-out from all prospecting on email: counted
     * under the ESP source as an unsubscribe through the provider is (until 2026-12-06 only its suppression was kept,
     * and no chart showed a complaint).
     */
    @Test
    void aComplaintAtTheProviderIsCountedAsAnOptOut() {
        String window = "by=source&from=" + Instant.now().minusSeconds(60) + "&to="
                + Instant.now().plusSeconds(3600);
        long before = people(buckets(stats(window)).get("ESP"));
        String events = Json.createArrayBuilder()
                .add(complaint(contact()))
                .add(complaint(contact()))
                .build()
                .toString();
        Api.post(INTEGRATION, "/api/v1/esp-events", events).expect(202);
        assertEquals(before + 2, people(buckets(stats(window)).get("ESP")));
    }

    private static long people(JsonObject bucket) {
        return bucket == null ? 0 : bucket.getJsonNumber("people").longValue();
    }

    private static JsonObject complaint(String contact) {
        String email = Api.get(INTEGRATION, "/api/v1/contacts/" + contact)
                .expect(200)
                .json()
                .getString("email");
        return Json.createObjectBuilder()
                .add("type", "COMPLAINT")
                .add("email", email)
                .add("occurredAt", Instant.now().minusSeconds(5).toString())
                .add("provider", "it")
                .build();
    }

    /**
     * A withdrawal repeated on a pair already withdrawn (a CRM re-sending its withdrawals every night) changes nothing:
     * one opt-out in the statistics, one OPT_OUT in the audit (the metric and optout.recorded follow it). Until
     * 2026-12-06 each repeat was another. An objection after it changes the state, and is one.
     */
    @Test
    void aWithdrawalRepeatedOnAPairAlreadyWithdrawnIsNoNewOptOut() {
        String purpose = Fixtures.purpose(false);
        String notice = Fixtures.notice(purpose, "fr", "Oui");
        String left = contact();
        consent(left, purpose, "EMAIL", "GRANT", "WEB_FORM", notice, Fixtures.daysAgo(3));
        for (int day = 2; day >= 0; day--) {
            consent(left, purpose, "EMAIL", "WITHDRAW", "API", null, Fixtures.daysAgo(day));
        }
        assertEquals(1, optOutsOf(left, purpose), "the withdrawal once");
        // An objection changes the state (WITHDRAWN to OBJECTED): one more; repeated, none.
        consent(left, purpose, "EMAIL", "OBJECT", "API", null, Fixtures.daysAgo(0));
        consent(left, purpose, "EMAIL", "OBJECT", "API", null, Fixtures.daysAgo(0));
        assertEquals(2, optOutsOf(left, purpose), "and the objection once");
    }

    /**
     * A withdrawal sent with a clock a few minutes fast counts at its receipt, as its state and history do: in the
     * default window, which ends now (tester BF's F1: until 2026-12-07 it counted at the time claimed, outside it).
     */
    @Test
    void aWithdrawalDatedAheadCountsAtItsReceipt() {
        String purpose = Fixtures.purpose(false);
        String notice = Fixtures.notice(purpose, "fr", "Oui");
        String left = contact();
        consent(left, purpose, "EMAIL", "GRANT", "WEB_FORM", notice, Fixtures.daysAgo(1));
        consent(
                left,
                purpose,
                "EMAIL",
                "WITHDRAW",
                "API",
                null,
                Instant.now().plusSeconds(180).toString());
        JsonObject stats = stats("by=source&purpose=" + purpose);
        assertEquals(1, stats.getJsonNumber("events").longValue(), stats.toString());
    }

    /**
     * A call centre's "stop" recorded as a suppression is the person's opt-out, as a one-click is: the consents it covers
     * read WITHDRAWN (history, views) and it is counted once, however often it is said again; the company's own MANUAL
     * entry closes nobody's consent (tester BJ's F5: until 2026-12-08 the consents read GRANTED and the statistics
     * left the stop out).
     */
    @Test
    void aCallCentresStopRecordedAsASuppressionIsThePersonsOptOut() {
        String purpose = Fixtures.purpose(false);
        String notice = Fixtures.notice(purpose, "fr", "Oui");
        String one = contact();
        String all = contact();
        String manual = contact();
        for (String c : List.of(one, all, manual)) {
            consent(c, purpose, "EMAIL", "GRANT", "WEB_FORM", notice, Fixtures.daysAgo(1));
        }
        String stopOfOne = stop(one, purpose, "UNSUBSCRIBED");
        Api.post(ADMIN, "/api/v1/suppressions", stopOfOne).expect(201);
        Api.post(ADMIN, "/api/v1/suppressions", stopOfOne).expect(201);
        Api.post(ADMIN, "/api/v1/suppressions", stop(all, null, "UNSUBSCRIBED")).expect(201);
        Api.post(ADMIN, "/api/v1/suppressions", stop(manual, null, "MANUAL")).expect(201);

        for (String c : List.of(one, all)) {
            assertEquals("WITHDRAWN", Recipients.state(c, purpose, "EMAIL"));
            JsonObject last =
                    Recipients.history(c).getJsonObject(Recipients.history(c).size() - 1);
            assertEquals("WITHDRAW", last.getString("action"), last.toString());
            assertEquals("API", last.getString("source"), last.toString());
        }
        assertEquals(1, optOutsOf(one, purpose), "said twice, counted once");
        assertEquals(
                1,
                Api.pages(AUDITOR, "/api/v1/audit?contactId=" + all).stream()
                        .filter(e -> e.getString("action").equals("OPT_OUT"))
                        .count());
        // The same complaint posted ten times at once, then a call centre's stop after it: one opt-out (review 48's
        // M1).
        String complained = contact();
        consent(complained, purpose, "EMAIL", "GRANT", "WEB_FORM", notice, Fixtures.daysAgo(1));
        String complaint = stop(complained, null, "COMPLAINT");
        java.util.stream.IntStream.range(0, 10)
                .parallel()
                .forEach(i -> Api.post(ADMIN, "/api/v1/suppressions", complaint).expect(201));
        Api.post(ADMIN, "/api/v1/suppressions", stop(complained, null, "UNSUBSCRIBED"))
                .expect(201);
        assertEquals(
                1,
                Api.pages(AUDITOR, "/api/v1/audit?contactId=" + complained).stream()
                        .filter(e -> e.getString("action").equals("OPT_OUT"))
                        .count());
        assertEquals("GRANTED", Recipients.state(manual, purpose, "EMAIL"), "the company's entry, not their word");
        assertEquals(
                "SUPPRESSED_MANUAL",
                Recipients.decision(manual, purpose, "EMAIL").getString("rule"));
    }

    /** A call centre's suppression of the contact's email, for {@code purpose} (null: all prospecting). */
    private static String stop(String contact, String purpose, String reason) {
        var body = Json.createObjectBuilder()
                .add(
                        "email",
                        Api.get(INTEGRATION, "/api/v1/contacts/" + contact)
                                .expect(200)
                                .json()
                                .getString("email"))
                .add("channel", "EMAIL")
                .add("reason", reason)
                .add("source", "call-centre");
        if (purpose != null) {
            body.add("purpose", purpose);
        }
        return body.build().toString();
    }

    /** The opt-outs the statistics count for the contact's purpose, checked against its OPT_OUT audit entries. */
    private static long optOutsOf(String contact, String purpose) {
        JsonObject stats = stats("by=source&purpose=" + purpose + "&from=" + Fixtures.daysAgo(20) + "&to="
                + Instant.now().plusSeconds(3600));
        long audited = Api.pages(AUDITOR, "/api/v1/audit?contactId=" + contact).stream()
                .filter(e -> e.getString("action").equals("OPT_OUT"))
                .count();
        assertEquals(audited, stats.getJsonNumber("events").longValue(), stats.toString());
        return audited;
    }

    @Test
    void aPurposeNobodyLeftHasNoBucketsAndNoRate() {
        String purpose = Fixtures.purpose(false);
        // A withdrawal dated before the person's grant changes nothing (the grant stands, decisions allow): no opt-out.
        // Until 2026-12-06 it was counted here, and announced as optout.recorded.
        String notice = Fixtures.notice(purpose, "fr", "Oui");
        String stays = contact();
        consent(stays, purpose, "EMAIL", "GRANT", "WEB_FORM", notice, Fixtures.daysAgo(1));
        consent(stays, purpose, "EMAIL", "WITHDRAW", "API", null, Fixtures.daysAgo(2));
        assertEquals(
                "CONSENT_GRANTED", Recipients.decision(stays, purpose, "EMAIL").getString("rule"));
        JsonObject none = Api.get(AUDITOR, PATH + "?by=week&purpose=" + purpose)
                .expect(200)
                .json();
        assertEquals("week", none.getString("by"));
        assertEquals(0, none.getJsonNumber("total").longValue());
        assertEquals(0, none.getJsonArray("buckets").size());
        assertEquals(JsonValue.NULL, none.get("ratePerThousand"));
    }

    @Test
    void badQueriesAreProblemsAndOnlyReadersMayAsk() {
        assertEquals(
                "by",
                Api.get(AUDITOR, PATH + "?by=colour")
                        .problem(422)
                        .getJsonArray("errors")
                        .getJsonObject(0)
                        .getString("field"));
        assertEquals(
                "from",
                Api.get(AUDITOR, PATH + "?from=tomorrow")
                        .problem(422)
                        .getJsonArray("errors")
                        .getJsonObject(0)
                        .getString("field"));
        Api.get(AUDITOR, PATH + "?to=31/12/2026").problem(422);
        String now = Fixtures.daysAgo(0);
        Api.get(AUDITOR, PATH + "?from=" + now + "&to=" + now).problem(422);
        Api.get(AUDITOR, PATH + "?from=" + now + "&to=" + Fixtures.daysAgo(1)).problem(422);
        // A purpose nobody defined is named, not answered "nobody left" (tester BI's F8).
        for (String path : List.of(PATH, PATH + "/comments")) {
            JsonObject unknown = Api.get(AUDITOR, path + "?purpose=" + Api.uniqueKey("nobody"))
                    .problem(422);
            assertEquals(
                    "purpose", unknown.getJsonArray("errors").getJsonObject(0).getString("field"), unknown.toString());
        }
        // A from ahead of now without a to: the from is named, not the to nobody sent (tester BF's F7).
        String ahead = Instant.now().plusSeconds(86_400).toString();
        for (String path : List.of(PATH, PATH + "/comments")) {
            JsonObject problem = Api.get(AUDITOR, path + "?from=" + ahead).problem(422);
            assertEquals(
                    "from", problem.getJsonArray("errors").getJsonObject(0).getString("field"), problem.toString());
        }
        Api.get(ADMIN, PATH + "?by=source").expect(200);
        Api.get(INTEGRATION, PATH).problem(403);
        // The contract gives statistics to the auditor (and the admin); the campaign role decides and mints links.
        Api.get(CAMPAIGN, PATH).problem(403);
        Api.get(Api.User.NOBODY, PATH).problem(401);
    }
}
