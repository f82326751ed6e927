package eu.consent.it;

import static eu.consent.it.Api.User.ADMIN;
import static eu.consent.it.Api.User.AUDITOR;
import static eu.consent.it.Api.User.INTEGRATION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Tester K's finding K1: the same suppression asked for by many requests at once (a client's retries racing, a
 * provider's webhook batching one address's reports) is one entry. Before 2026-12-06 each request that read the list
 * before another had written its entry added its own: 40 identical posts left up to five entries, every answer 201, and
 * deleting the one the API named left its twin blocking.
 */
class SuppressionRaceIT {

    /** Requests released together: enough that several read the list before the first entry is written. */
    private static final int AT_ONCE = 40;

    /** Runs {@code request} from {@link #AT_ONCE} threads released at the same moment; the answers in no order. */
    private static List<Api.Answer> atOnce(Supplier<Api.Answer> request) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(AT_ONCE);
        try {
            CountDownLatch ready = new CountDownLatch(AT_ONCE);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Api.Answer>> answers = new ArrayList<>();
            for (int i = 0; i < AT_ONCE; i++) {
                answers.add(pool.submit(() -> {
                    ready.countDown();
                    go.await();
                    return request.get();
                }));
            }
            ready.await();
            go.countDown();
            List<Api.Answer> all = new ArrayList<>();
            for (Future<Api.Answer> answer : answers) {
                all.add(answer.get());
            }
            return all;
        } finally {
            pool.shutdown();
        }
    }

    private static List<JsonObject> entriesOf(String source) {
        return Api.pages(AUDITOR, "/api/v1/suppressions?source=" + source);
    }

    private static List<JsonObject> suppressionsOf(String contact) {
        return Api.get(AUDITOR, "/api/v1/contacts/" + contact + "/export")
                .expect(200)
                .json()
                .getJsonArray("suppressions")
                .getValuesAs(JsonObject.class);
    }

    /**
     * Forty identical posts at once, for each reason a client may give and for an address and a phone: every answer
     * is 201 with one and the same id, the list holds that one entry, and the person's audit one addition of it.
     */
    @Test
    void identicalPostsAtOnceMakeOneEntryAndAnswerItsId() throws Exception {
        String email = Api.uniqueEmail();
        String contact = Api.createContact(email);
        String phone = Api.uniqueFrenchMobile();
        List<String> bodies = List.of(
                entry("email", email, "EMAIL", "MANUAL"),
                entry("email", email, "EMAIL", "UNSUBSCRIBED"),
                entry("email", email, "EMAIL", "COMPLAINT"),
                entry("phone", phone, "SMS", "MANUAL"));
        for (String body : bodies) {
            String source = Json.createReader(new java.io.StringReader(body))
                    .readObject()
                    .getString("source");
            List<Api.Answer> answers = atOnce(() -> Api.post(ADMIN, "/api/v1/suppressions", body));
            Set<String> ids = new TreeSet<>();
            for (Api.Answer answer : answers) {
                ids.add(answer.expect(201).json().getString("id"));
            }
            assertEquals(1, ids.size(), body + ": one entry answered to all, not " + ids);
            List<JsonObject> listed = entriesOf(source);
            assertEquals(1, listed.size(), body + ": " + listed);
            assertEquals(ids.iterator().next(), listed.get(0).getString("id"), body);
        }
        List<JsonObject> audit = Api.pages(AUDITOR, "/api/v1/audit?contactId=" + contact);
        Map<String, Long> additions = audit.stream()
                .filter(e -> e.getString("action").equals("SUPPRESSION_ADDED"))
                .filter(e -> !e.toString().contains("renewedFrom"))
                .collect(Collectors.groupingBy(e -> e.getString("subjectId"), TreeMap::new, Collectors.counting()));
        assertEquals(3, additions.size(), "the address's three entries, each added once: " + audit);
        assertTrue(additions.values().stream().allMatch(n -> n == 1), additions::toString);
    }

    /** The MANUAL entry the API named is the only one: deleting it unblocks the address, no twin left behind. */
    @Test
    void deletingTheManualEntryPostedAtOnceLeavesNoTwin() throws Exception {
        String email = Api.uniqueEmail();
        String contact = Api.createContact(email);
        String body = entry("email", email, "EMAIL", "MANUAL");
        Set<String> ids = new TreeSet<>();
        for (Api.Answer answer : atOnce(() -> Api.post(ADMIN, "/api/v1/suppressions", body))) {
            ids.add(answer.expect(201).json().getString("id"));
        }
        assertEquals(1, ids.size(), ids::toString);
        Api.send(
                        ADMIN,
                        "DELETE",
                        "/api/v1/suppressions/" + ids.iterator().next(),
                        null,
                        HttpRequest.BodyPublishers.noBody())
                .expect(204);
        assertEquals(List.of(), suppressionsOf(contact), "no twin still blocking the address");
    }

    /**
     * A provider reporting one address's complaint, hard bounce and unsubscribe in forty deliveries at once: one entry
     * of each, as one delivery would leave.
     */
    @Test
    void espEventsForOneAddressAtOnceMakeOneEntryEach() throws Exception {
        String email = Api.uniqueEmail();
        String contact = Api.createContact(email);
        String provider = Api.uniqueKey("race");
        String occurredAt = Fixtures.daysAgo(1);
        String batch = Json.createArrayBuilder()
                .add(esp("COMPLAINT", email, provider, occurredAt))
                .add(esp("HARD_BOUNCE", email, provider, occurredAt))
                .add(esp("UNSUBSCRIBE", email, provider, occurredAt))
                .build()
                .toString();
        postedAtOnceLeave(batch, provider, List.of("COMPLAINT", "HARD_BOUNCE"));
        List<String> reasons = suppressionsOf(contact).stream()
                .map(e -> e.getString("reason"))
                .sorted()
                .toList();
        assertEquals(List.of("COMPLAINT", "HARD_BOUNCE", "UNSUBSCRIBED"), reasons, "one of each in the export");
    }

    /** Of an address the service does not hold: only the hashes' entries, one of each. */
    @Test
    void espEventsForAnUnknownAddressAtOnceMakeOneEntryEach() throws Exception {
        String email = Api.uniqueEmail();
        String provider = Api.uniqueKey("race");
        String occurredAt = Fixtures.daysAgo(1);
        String batch = Json.createArrayBuilder()
                .add(esp("UNSUBSCRIBE", email, provider, occurredAt))
                .add(esp("COMPLAINT", email, provider, occurredAt))
                .build()
                .toString();
        postedAtOnceLeave(batch, provider, List.of("COMPLAINT", "UNSUBSCRIBED"));
    }

    /** Posts one ESP batch from many threads at once: each answered 202, the provider's entries of these reasons. */
    private static void postedAtOnceLeave(String batch, String provider, List<String> reasons) throws Exception {
        for (Api.Answer answer : atOnce(() -> Api.post(INTEGRATION, "/api/v1/esp-events", batch))) {
            answer.expect(202);
        }
        List<JsonObject> listed = entriesOf("esp:" + provider);
        assertEquals(
                reasons,
                listed.stream().map(e -> e.getString("reason")).sorted().toList(),
                listed::toString);
    }

    /** A suppression's body under a source of its own, so that the list filtered by it holds this test's only. */
    private static String entry(String kind, String identifier, String channel, String reason) {
        return Json.createObjectBuilder()
                .add(kind, identifier)
                .add("channel", channel)
                .add("reason", reason)
                .add("source", Api.uniqueKey("race"))
                .build()
                .toString();
    }

    private static JsonObject esp(String type, String email, String provider, String occurredAt) {
        return Json.createObjectBuilder()
                .add("type", type)
                .add("email", email)
                .add("occurredAt", occurredAt)
                .add("provider", provider)
                .build();
    }
}
