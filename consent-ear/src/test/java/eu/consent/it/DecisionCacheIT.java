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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Decisions answer from a per-server projection of each recipient's facts (issue 16): every test first warms it (a
 * decision), then changes the facts through one kind of writer, then expects the very next decision to see the change.
 */
class DecisionCacheIT {

    private static String purpose(String kind, boolean doubleOptIn, boolean similar) {
        String key = Api.uniqueKey("cache");
        Api.post(ADMIN, "/api/v1/purposes", """
                        {"key":"%s","kind":"%s","channels":["EMAIL","SMS","PHONE","POSTAL"],"doubleOptIn":%s,
                         "similarToPurchases":%s,"names":{"en":"Cached"}}""".formatted(key, kind, doubleOptIn, similar))
                .expect(201);
        return key;
    }

    /** Each contact at an address of its own: an opt-out of one (postal included) must not reach the others. */
    private static String contact(String email, String phone, String audience, boolean customer) {
        var body = Json.createObjectBuilder()
                .add("email", email)
                .add("country", "FR")
                .add("locale", "fr")
                .add("audience", audience)
                .add("customer", customer)
                .add(
                        "postalAddress",
                        Json.createObjectBuilder()
                                .add("lines", Json.createArrayBuilder().add("2 rue du Cache " + Api.uniqueKey("bât")))
                                .add("postcode", "75002")
                                .add("city", "Paris")
                                .add("country", "FR"));
        if (phone != null) {
            body.add("phone", phone);
        }
        return Api.post(INTEGRATION, "/api/v1/contacts", body.build().toString())
                .expect(201)
                .json()
                .getString("id");
    }

    private static void consent(String id, String purpose, String channel, String action, String notice) {
        Api.post(INTEGRATION, "/api/v1/consents", Fixtures.event(id, purpose, channel, action, notice, null))
                .expect(201);
    }

    private static JsonObject decision(String field, String value, String purpose, String channel) {
        return Api.post(
                        CAMPAIGN,
                        "/api/v1/decisions",
                        Json.createObjectBuilder()
                                .add(field, value)
                                .add("purpose", purpose)
                                .add("channel", channel)
                                .build()
                                .toString())
                .expect(200)
                .json();
    }

    private static String rule(String id, String purpose, String channel) {
        return decision("contactId", id, purpose, channel).getString("rule");
    }

    private static void oneClick(String id) {
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
    }

    private static void esp(String type, String email) {
        Api.post(INTEGRATION, "/api/v1/esp-events", """
                        [{"type":"%s","email":"%s","occurredAt":"%s","provider":"cache-it"}]""".formatted(type, email, Fixtures.daysAgo(0)))
                .expect(202);
    }

    private static void erase(String id) {
        Api.send(INTEGRATION, "DELETE", "/api/v1/contacts/" + id, null, BodyPublishers.noBody())
                .expect(204);
    }

    private static void preferences(String id, String json) {
        Api.sendWithHeaders(INTEGRATION, "PUT", "/api/v1/contacts/" + id + "/preferences", json)
                .expect(200);
    }

    @Test
    void anOptOutUnderConcurrentWritersAndDecidersIsSeenByTheVeryNextDecision() throws Exception {
        String purpose = purpose("PROSPECTING", false, false);
        String notice = Fixtures.notice(purpose, "fr", "Oui");
        int people = 48;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < people; i++) {
            String id = contact(Api.uniqueEmail(), null, "B2C", false);
            consent(id, purpose, "EMAIL", "GRANT", notice);
            ids.add(id);
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        AtomicBoolean writing = new AtomicBoolean(true);
        AtomicLong background = new AtomicLong();
        ConcurrentLinkedQueue<String> stale = new ConcurrentLinkedQueue<>();
        try {
            // Deciders keep every projection warm and are answered while the writers commit.
            List<Future<?>> deciders = new ArrayList<>();
            for (int d = 0; d < 3; d++) {
                deciders.add(pool.submit(() -> {
                    do {
                        for (String id : ids) {
                            rule(id, purpose, "EMAIL");
                            background.incrementAndGet();
                        }
                    } while (writing.get());
                    return null;
                }));
            }
            List<String> shuffled = new ArrayList<>(ids);
            Collections.shuffle(shuffled);
            List<Future<?>> writers = new ArrayList<>();
            for (int w = 0; w < 4; w++) {
                List<String> mine = shuffled.subList(w * people / 4, (w + 1) * people / 4);
                writers.add(pool.submit(() -> {
                    for (String id : mine) {
                        String before = rule(id, purpose, "EMAIL");
                        if (!before.equals("CONSENT_GRANTED")) {
                            stale.add(id + " before: " + before);
                        }
                        if (mine.indexOf(id) % 2 == 0) {
                            oneClick(id);
                        } else {
                            consent(id, purpose, "EMAIL", "WITHDRAW", null);
                        }
                        String after = rule(id, purpose, "EMAIL");
                        if (after.equals("CONSENT_GRANTED")) {
                            stale.add(id + " after the opt-out: " + after);
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> f : writers) {
                f.get(5, TimeUnit.MINUTES);
            }
            writing.set(false);
            for (Future<?> f : deciders) {
                f.get(1, TimeUnit.MINUTES);
            }
        } finally {
            writing.set(false);
            pool.shutdownNow();
        }
        assertTrue(stale.isEmpty(), "stale answers: " + stale);
        assertTrue(background.get() >= people, "the deciders decided alongside: " + background);
        for (String id : ids) {
            assertFalse(decision("contactId", id, purpose, "EMAIL").getBoolean("allowed"), id);
        }
    }

    @Test
    void everyKindOfWriterReachesAWarmProjection() {
        String purpose = purpose("PROSPECTING", false, true);
        String notice = Fixtures.notice(purpose, "fr", "Oui");
        String email = Api.uniqueEmail();

        // A recipient nobody knows yet, then a contact created with that address.
        assertEquals(
                "UNKNOWN_CONTACT", decision("email", email, purpose, "EMAIL").getString("rule"));
        String id = contact(email, null, "B2B", false);
        assertEquals(
                "B2B_OPT_OUT_REGIME", decision("email", email, purpose, "EMAIL").getString("rule"));

        // The contact itself changes.
        Api.send(
                        INTEGRATION,
                        "PATCH",
                        "/api/v1/contacts/" + id,
                        "application/merge-patch+json",
                        BodyPublishers.ofString("{\"audience\":\"B2C\",\"customer\":true}"))
                .expect(200);
        assertEquals("SOFT_OPT_IN", decision("email", email, purpose, "EMAIL").getString("rule"));

        // A consent, an objection.
        consent(id, purpose, "EMAIL", "GRANT", notice);
        assertEquals("CONSENT_GRANTED", rule(id, purpose, "EMAIL"));

        // A suppression added and removed.
        String suppression = Api.post(ADMIN, "/api/v1/suppressions", """
                        {"email":"%s","channel":"EMAIL","reason":"MANUAL"}""".formatted(email.toUpperCase()))
                .expect(201)
                .json()
                .getString("id");
        assertEquals("SUPPRESSED_MANUAL", rule(id, purpose, "EMAIL"));
        Api.send(ADMIN, "DELETE", "/api/v1/suppressions/" + suppression, null, BodyPublishers.noBody())
                .expect(204);
        assertEquals("CONSENT_GRANTED", rule(id, purpose, "EMAIL"));

        // Preferences: a pause, lifted; a cap reached by sends.
        preferences(
                id,
                "{\"frequency\":{},\"channels\":[],\"pausedUntil\":\""
                        + Instant.now().plusSeconds(86_400) + "\"}");
        assertEquals("PAUSED", rule(id, purpose, "EMAIL"));
        preferences(
                id,
                "{\"frequency\":{\"" + purpose
                        + "\":{\"max\":1,\"per\":\"DAY\"}},\"channels\":[],\"pausedUntil\":null}");
        assertEquals("CONSENT_GRANTED", rule(id, purpose, "EMAIL"));
        Api.post(CAMPAIGN, "/api/v1/sends", """
                        [{"contactId":"%s","purpose":"%s","channel":"EMAIL","sentAt":"%s"}]""".formatted(
                                id, purpose, Instant.now().minusSeconds(60)))
                .expect(202);
        assertEquals("FREQUENCY_CAP", rule(id, purpose, "EMAIL"));
        preferences(id, "{\"frequency\":{},\"channels\":[],\"pausedUntil\":null}");

        // An import of a consent event: the job's own native writes.
        consent(id, purpose, "EMAIL", "OBJECT", null);
        assertEquals("OBJECTED", rule(id, purpose, "EMAIL"));
        String other = Api.uniqueEmail();
        String imported = contact(other, null, "B2C", false);
        assertEquals("NO_CONSENT", rule(imported, purpose, "EMAIL"));
        String line = Json.createObjectBuilder()
                        .add("email", other)
                        .add("purpose", purpose)
                        .add("channel", "EMAIL")
                        .add("action", "GRANT")
                        .add("noticeId", notice)
                        .add("occurredAt", Fixtures.daysAgo(0))
                        .build()
                + "\n";
        JsonObject done = ImportIT.importAndWait("", "application/x-ndjson", line);
        assertEquals(0, done.getInt("rejected"), done.toString());
        assertEquals("CONSENT_GRANTED", rule(imported, purpose, "EMAIL"));

        // ESP events on the address.
        esp("COMPLAINT", other);
        assertEquals("SUPPRESSED_COMPLAINT", rule(imported, purpose, "EMAIL"));

        // A purpose retired on the warm projection, then an erasure.
        Api.send(
                        ADMIN,
                        "PATCH",
                        "/api/v1/purposes/" + purpose,
                        "application/merge-patch+json",
                        BodyPublishers.ofString("{\"retired\":true}"))
                .expect(200);
        assertEquals("PURPOSE_RETIRED", rule(imported, purpose, "EMAIL"));
        erase(imported);
        assertEquals("UNKNOWN_CONTACT", rule(imported, purpose, "EMAIL"));
        assertEquals(
                "UNKNOWN_CONTACT", decision("email", other, purpose, "EMAIL").getString("rule"));
    }

    @Test
    void bulkAnswersEqualSingleAnswersOnAListCoveringEveryRule() throws Exception {
        String promo = purpose("PROSPECTING", false, true);
        String notice = Fixtures.notice(promo, "fr", "Oui");
        String doi = purpose("PROSPECTING", true, false);
        String doiNotice = Fixtures.notice(doi, "fr", "Oui, confirmez");
        String service = purpose("SERVICE", false, false);
        String retired = purpose("PROSPECTING", false, false);
        Api.send(
                        ADMIN,
                        "PATCH",
                        "/api/v1/purposes/" + retired,
                        "application/merge-patch+json",
                        BodyPublishers.ofString("{\"retired\":true}"))
                .expect(200);

        // (purpose, channel) → the recipients asked about, as bulk lines.
        Map<String, List<String>> lists = new LinkedHashMap<>();
        String emailList = promo + "|EMAIL";
        String phoneList = promo + "|PHONE";
        String postalList = promo + "|POSTAL";
        String serviceList = service + "|EMAIL";
        String retiredList = retired + "|EMAIL";
        String doiList = doi + "|EMAIL";
        for (String k : List.of(emailList, phoneList, postalList, serviceList, retiredList, doiList)) {
            lists.put(k, new ArrayList<>());
        }
        lists.get(emailList).add(line("email", Api.uniqueEmail())); // UNKNOWN_CONTACT
        String granted = contact(Api.uniqueEmail(), null, "B2C", false);
        consent(granted, promo, "EMAIL", "GRANT", notice);
        lists.get(emailList).add(line("contactId", granted)); // CONSENT_GRANTED
        lists.get(retiredList).add(line("contactId", granted)); // PURPOSE_RETIRED
        lists.get(serviceList).add(line("contactId", granted)); // SERVICE_MESSAGE
        String bounced = Api.uniqueEmail();
        String bouncedId = contact(bounced, null, "B2C", false);
        esp("HARD_BOUNCE", bounced);
        lists.get(serviceList).add(line("contactId", bouncedId)); // SUPPRESSED_HARD_BOUNCE
        String complained = Api.uniqueEmail();
        contact(complained, null, "B2C", false);
        esp("COMPLAINT", complained);
        lists.get(emailList).add(line("email", complained)); // SUPPRESSED_COMPLAINT
        String unsubscribed = contact(Api.uniqueEmail(), null, "B2C", false);
        consent(unsubscribed, promo, "EMAIL", "GRANT", notice);
        oneClick(unsubscribed);
        lists.get(emailList).add(line("contactId", unsubscribed)); // SUPPRESSED_UNSUBSCRIBED
        String erasedEmail = Api.uniqueEmail();
        String erased = contact(erasedEmail, null, "B2C", false);
        consent(erased, promo, "EMAIL", "GRANT", notice);
        oneClick(erased);
        erase(erased);
        contact(erasedEmail, null, "B2C", false);
        lists.get(emailList).add(line("email", erasedEmail)); // SUPPRESSED_ERASED
        String manual = Api.uniqueEmail();
        contact(manual, null, "B2C", false);
        Api.post(ADMIN, "/api/v1/suppressions", """
                        {"email":"%s","channel":"EMAIL","reason":"MANUAL"}""".formatted(manual)).expect(201);
        lists.get(emailList).add(line("email", manual)); // SUPPRESSED_MANUAL
        String objected = contact(Api.uniqueEmail(), null, "B2C", false);
        consent(objected, promo, "EMAIL", "OBJECT", null);
        lists.get(emailList).add(line("contactId", objected)); // OBJECTED
        String withdrawn = contact(Api.uniqueEmail(), null, "B2C", false);
        consent(withdrawn, promo, "EMAIL", "GRANT", notice);
        consent(withdrawn, promo, "EMAIL", "WITHDRAW", null);
        lists.get(emailList).add(line("contactId", withdrawn)); // CONSENT_WITHDRAWN
        String old = contact(Api.uniqueEmail(), null, "B2C", false);
        Api.post(
                        INTEGRATION,
                        "/api/v1/contacts/" + old + "/activities",
                        "{\"type\":\"PURCHASE\",\"occurredAt\":\"" + Fixtures.daysAgo(4 * 366) + "\"}")
                .expect(204);
        lists.get(emailList).add(line("contactId", old)); // RETENTION_EXPIRED: last active four years ago
        String paused = contact(Api.uniqueEmail(), null, "B2C", false);
        consent(paused, promo, "EMAIL", "GRANT", notice);
        preferences(paused, "{\"pausedUntil\":\"" + Instant.now().plusSeconds(86_400) + "\"}");
        lists.get(emailList).add(line("contactId", paused)); // PAUSED
        String sms = contact(Api.uniqueEmail(), null, "B2C", false);
        consent(sms, promo, "EMAIL", "GRANT", notice);
        preferences(sms, "{\"channels\":[\"SMS\"]}");
        lists.get(emailList).add(line("contactId", sms)); // CHANNEL_NOT_PREFERRED
        String capped = contact(Api.uniqueEmail(), null, "B2C", false);
        consent(capped, promo, "EMAIL", "GRANT", notice);
        preferences(capped, "{\"frequency\":{\"" + promo + "\":{\"max\":1,\"per\":\"WEEK\"}}}");
        Api.post(CAMPAIGN, "/api/v1/sends", """
                        [{"contactId":"%s","purpose":"%s","channel":"EMAIL","sentAt":"%s"}]""".formatted(
                                capped, promo, Instant.now().minusSeconds(60)))
                .expect(202);
        lists.get(emailList).add(line("contactId", capped)); // FREQUENCY_CAP
        String pending = contact(Api.uniqueEmail(), null, "B2C", false);
        consent(pending, doi, "EMAIL", "GRANT", doiNotice);
        lists.get(doiList).add(line("contactId", pending)); // CONSENT_PENDING
        String customer = Api.uniqueEmail();
        contact(customer, null, "B2C", true);
        lists.get(emailList).add(line("email", customer)); // SOFT_OPT_IN
        String b2bPhone = Api.uniqueFrenchMobile();
        String b2b = contact(Api.uniqueEmail(), b2bPhone, "B2B", false);
        lists.get(emailList).add(line("contactId", b2b)); // B2B_OPT_OUT_REGIME
        lists.get(phoneList).add(line("phone", b2bPhone)); // PHONE_OPT_OUT_REGIME
        String listedPhone = Api.uniqueFrenchMobile();
        contact(Api.uniqueEmail(), listedPhone, "B2C", false);
        Api.post(ADMIN, "/api/v1/suppressions", """
                        {"phone":"%s","channel":"PHONE","reason":"DNC_REGISTRY"}""".formatted(listedPhone)).expect(201);
        lists.get(phoneList).add(line("phone", listedPhone)); // PHONE_DNC_LISTED
        lists.get(emailList).add(line("email", Api.uniqueEmail().replace("@", "@@"))); // a malformed line
        String nobody = contact(Api.uniqueEmail(), null, "B2C", false);
        lists.get(emailList).add(line("contactId", nobody)); // NO_CONSENT
        lists.get(postalList).add(line("contactId", nobody)); // POSTAL_OPT_OUT_REGIME (B2C: B2B answers B2B_…)

        Set<String> seen = new TreeSet<>();
        for (Map.Entry<String, List<String>> list : lists.entrySet()) {
            String[] question = list.getKey().split("\\|");
            // Asked in bulk first (the set-based path loads the projections), then one by one, then in bulk again.
            List<JsonObject> first = bulk(question[0], question[1], list.getValue());
            for (int i = 0; i < list.getValue().size(); i++) {
                JsonObject in = Json.createReader(
                                new StringReader(list.getValue().get(i)))
                        .readObject();
                JsonObject answer = first.get(i);
                String field = in.keySet().iterator().next();
                Api.Answer single = Api.post(
                        CAMPAIGN,
                        "/api/v1/decisions",
                        Json.createObjectBuilder(in)
                                .add("purpose", question[0])
                                .add("channel", question[1])
                                .build()
                                .toString());
                if (answer.containsKey("error")) {
                    single.problem(422);
                    continue;
                }
                JsonObject one = single.expect(200).json();
                assertEquals(in.getString(field), answer.getString(field), answer.toString());
                assertEquals(one.getBoolean("allowed"), answer.getBoolean("allowed"), in + " " + answer);
                assertEquals(one.getString("rule"), answer.getString("rule"), in + " " + answer);
                assertEquals(one.get("basis"), answer.get("basis"), in + " " + answer);
                seen.add(one.getString("rule"));
            }
            assertEquals(first, bulk(question[0], question[1], list.getValue()), "warm bulk == cold bulk");
        }
        Set<String> missing = new TreeSet<>(Fixtures.EVERY_RULE);
        missing.removeAll(seen);
        assertEquals(Set.of(), missing, "rules seen: " + seen);
    }

    private static String line(String field, String value) {
        return Json.createObjectBuilder().add(field, value).build().toString();
    }

    private static List<JsonObject> bulk(String purpose, String channel, List<String> lines) {
        String body = Api.send(
                        CAMPAIGN,
                        "POST",
                        "/api/v1/decisions/bulk?purpose=" + purpose + "&channel=" + channel,
                        "application/x-ndjson",
                        BodyPublishers.ofString(String.join("\n", lines) + "\n"))
                .expect(200)
                .body();
        List<JsonObject> answers = new ArrayList<>();
        for (String l : body.split("\n")) {
            JsonObject answer = Json.createReader(new StringReader(l)).readObject();
            // The unsubscribe links are signed with a fresh token each time: compare the decision only.
            answers.add(Json.createObjectBuilder(answer).remove("headers").build());
        }
        assertEquals(lines.size(), answers.size(), body);
        return answers;
    }
}
