package eu.consent.it;

import static eu.consent.it.Api.User.ADMIN;
import static eu.consent.it.Api.User.AUDITOR;
import static eu.consent.it.Api.User.INTEGRATION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
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
        // One complaint, one opt-out: the statistics, the metric and optout.recorded follow these entries (tester BG's
        // F2: each copy delivered at once was counted, until 2026-12-07).
        List<JsonObject> complaints = Api.pages(AUDITOR, "/api/v1/audit?contactId=" + contact).stream()
                .filter(e -> e.getString("action").equals("OPT_OUT"))
                .filter(e -> e.toString().contains("\"COMPLAINT\""))
                .toList();
        assertEquals(1, complaints.size(), "the complaint counted once: " + complaints);
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

    /**
     * Each person's one-click and four grants of their own (a web form with proof, dated at their arrival) at once, for
     * several people: whichever order the server gives them, every view tells the same one. A grant that stands behind
     * the one-click (WITHDRAWN) leaves its entry; one after it (GRANTED) lifts it and is sendable. Until 2026-12-07 a
     * grant that had waited for the click's lock lifted the entry all the same, dated at the click's arrival before it
     * (tester BG's F1): WITHDRAWN, and the person's unsubscribe gone from the suppressions and the outbound files.
     */
    @Test
    void aPersonsGrantsRacingTheirOneClickLeaveOneStory() throws Exception {
        List<Recipients.Person> people = grantedOnOnePurpose(10);
        List<Callable<Integer>> requests = new ArrayList<>();
        for (Recipients.Person p : people) {
            String link = Recipients.links(p.contact(), p.purpose()).getString("unsubscribeUrl");
            String grant = Fixtures.event(p.contact(), p.purpose(), "EMAIL", "GRANT", p.notice(), null);
            requests.add(() -> Api.post(INTEGRATION, "/api/v1/consents", grant).status());
            requests.add(() -> Api.post(INTEGRATION, "/api/v1/consents", grant).status());
            requests.add(() -> Recipients.post(link, Map.of("List-Unsubscribe", "One-Click"))
                    .statusCode());
            requests.add(() -> Api.post(INTEGRATION, "/api/v1/consents", grant).status());
            requests.add(() -> Api.post(INTEGRATION, "/api/v1/consents", grant).status());
        }
        List<Integer> statuses = together(requests);
        assertTrue(statuses.stream().allMatch(s -> s == 200 || s == 201), "every request answered" + ": " + statuses);
        for (Recipients.Person p : people) {
            assertOneStory(p, "person:ONE_CLICK");
        }
    }

    /**
     * The race above in slow motion: the person's own grant dated between their stop (a call centre's entry) and a
     * withdrawal of the pair stands behind the withdrawal, so it answers WITHDRAWN and lifts nothing. Until 2026-12-07
     * it lifted the stop, dated before it, while the pair stayed withdrawn (tester BG's F1).
     */
    @Test
    void aGrantStandingBehindAWithdrawalLiftsNoStop() throws Exception {
        Recipients.Person p = Recipients.granted("fr");
        String source = Api.uniqueKey("call-centre");
        Instant stopped = Instant.parse(Api.post(ADMIN, "/api/v1/suppressions", stopOf(p, source))
                .expect(201)
                .json()
                .getString("createdAt"));
        Thread.sleep(200);
        Api.post(
                        INTEGRATION,
                        "/api/v1/consents",
                        Fixtures.event(p.contact(), p.purpose(), "EMAIL", "WITHDRAW", null, null)
                                .replace("\"WEB_FORM\"", "\"API\""))
                .expect(201);
        String between = stopped.plusMillis(100).toString();
        JsonObject grant = Api.post(
                        INTEGRATION,
                        "/api/v1/consents",
                        Fixtures.event(p.contact(), p.purpose(), "EMAIL", "GRANT", p.notice(), between))
                .expect(201)
                .json();
        assertEquals("WITHDRAWN", grant.getString("state"), grant.toString());
        assertOneStory(p, source);
    }

    /**
     * A call centre's stop of one purpose and four web-form grants of the person's own at once, for several people:
     * the entry is weighed by every check of a grant or dated after it. Until 2026-12-07 a stop committed between a
     * grant's first look and its lift was seen by the lift alone (tester BG's F3).
     */
    @Test
    void aCallCentresStopRacingThePersonsGrantsLeavesOneStory() throws Exception {
        List<Recipients.Person> people = grantedOnOnePurpose(10);
        String source = Api.uniqueKey("call-centre");
        List<Callable<Integer>> requests = new ArrayList<>();
        for (Recipients.Person p : people) {
            String grant = Fixtures.event(p.contact(), p.purpose(), "EMAIL", "GRANT", p.notice(), null);
            String stop = stopOf(p, source);
            requests.add(() -> Api.post(INTEGRATION, "/api/v1/consents", grant).status());
            requests.add(() -> Api.post(INTEGRATION, "/api/v1/consents", grant).status());
            requests.add(() -> Api.post(ADMIN, "/api/v1/suppressions", stop).status());
            requests.add(() -> Api.post(INTEGRATION, "/api/v1/consents", grant).status());
            requests.add(() -> Api.post(INTEGRATION, "/api/v1/consents", grant).status());
        }
        List<Integer> statuses = together(requests);
        assertTrue(statuses.stream().allMatch(s -> s == 201), "every request answered 201" + ": " + statuses);
        for (Recipients.Person p : people) {
            assertOneStory(p, source);
        }
    }

    /**
     * A provider's complaint about the address a person holds, arriving while a CRM gives them a new one, for ten
     * people at once: it reaches each of them, at the new address or carried there. Until 2026-12-07 a complaint that
     * read the holder before the change committed was counted as their opt-out and blocked only the old address
     * (tester BG's F5).
     */
    @Test
    void aComplaintRacingTheChangeOfTheAddressReachesThePerson() throws Exception {
        List<Recipients.Person> people = grantedOnOnePurpose(10);
        String provider = Api.uniqueKey("race");
        List<Callable<Integer>> requests = new ArrayList<>();
        for (Recipients.Person p : people) {
            String complaint = eventNow("COMPLAINT", p.email(), provider);
            String moved = "{\"email\":\"" + Api.uniqueEmail() + "\"}";
            requests.add(() -> Api.patch(INTEGRATION, "/api/v1/contacts/" + p.contact(), moved)
                    .status());
            requests.add(
                    () -> Api.post(INTEGRATION, "/api/v1/esp-events", complaint).status());
        }
        List<Integer> statuses = together(requests);
        assertTrue(statuses.stream().allMatch(s -> s == 200 || s == 202), "every request answered" + ": " + statuses);
        for (Recipients.Person p : people) {
            JsonObject decision = Recipients.decision(p.contact(), p.purpose(), "EMAIL");
            assertFalse(
                    decision.getBoolean("allowed"), p.contact() + ": " + decision + ", " + suppressionsOf(p.contact()));
        }
    }

    /**
     * A provider's complaint about a person being erased at that moment, for ten people: the batch is answered 202, never
     * a 500, and the complaint is kept, so the person, re-created with the address, is not mailable; a hard bounce of a
     * person whose CRM record changes at that moment takes no deadlock (testers BH's F4: until 2026-12-07 every second
     * such complaint failed its whole batch with a 500 and was lost; BH's F1: a bounce and a change deadlocked every
     * second to fifth time, a 503).
     */
    @Test
    void aComplaintRacingTheErasureIsKeptAndABounceRacingAChangeWaitsItsTurn() throws Exception {
        List<Recipients.Person> people = grantedOnOnePurpose(10);
        List<Recipients.Person> bounced = grantedOnOnePurpose(10);
        String provider = Api.uniqueKey("race");
        List<Callable<Integer>> requests = new ArrayList<>();
        for (Recipients.Person p : people) {
            String complaint = eventNow("COMPLAINT", p.email(), provider);
            requests.add(
                    () -> Api.post(INTEGRATION, "/api/v1/esp-events", complaint).status());
            requests.add(() -> erasure(p.contact()));
        }
        for (Recipients.Person p : bounced) {
            String bounce = eventNow("HARD_BOUNCE", p.email(), provider);
            requests.add(
                    () -> Api.post(INTEGRATION, "/api/v1/esp-events", bounce).status());
            requests.add(() -> Api.patch(
                            INTEGRATION, "/api/v1/contacts/" + p.contact(), "{\"attributes\":{\"tier\":\"gold\"}}")
                    .status());
        }
        List<Integer> statuses = together(requests);
        assertTrue(
                statuses.stream().allMatch(s -> s == 200 || s == 202 || s == 204),
                "every request answered: " + statuses);
        for (Recipients.Person p : people) {
            String back = Fixtures.contact(p.email(), "fr");
            JsonObject decision = Recipients.decision(back, p.purpose(), "EMAIL");
            assertFalse(decision.getBoolean("allowed"), p.email() + " came back: " + decision);
        }
        for (Recipients.Person p : bounced) {
            assertEquals(
                    "SUPPRESSED_HARD_BOUNCE",
                    Recipients.decision(p.contact(), p.purpose(), "EMAIL").getString("rule"));
        }
    }

    /**
     * A person's sign-up, a send report about them and their one-click in the mail, all at once, for twelve people: each
     * is answered 2xx (the one-click is sent once by a mail client and never again), and each person's views agree
     * (tester BH's F8 and F10: until 2026-12-07 the send and the grant deadlocked a quarter of the time, and now and then
     * took the one-click with them, a 503 and the unsubscribe lost).
     */
    @Test
    void aOneClickAmongASignUpAndASendReportIsNeverLost() throws Exception {
        List<Recipients.Person> people = grantedOnOnePurpose(12);
        List<Callable<Integer>> requests = new ArrayList<>();
        for (Recipients.Person p : people) {
            String link = Recipients.links(p.contact(), p.purpose()).getString("unsubscribeUrl");
            String grant = Fixtures.event(p.contact(), p.purpose(), "EMAIL", "GRANT", p.notice(), null);
            String send = "[{\"contactId\":\"" + p.contact() + "\",\"purpose\":\"" + p.purpose()
                    + "\",\"channel\":\"EMAIL\",\"sentAt\":\"" + Instant.now() + "\"}]";
            requests.add(() -> Api.post(INTEGRATION, "/api/v1/consents", grant).status());
            requests.add(() -> Api.post(INTEGRATION, "/api/v1/sends", send).status());
            requests.add(() -> Recipients.post(link, Map.of("List-Unsubscribe", "One-Click"))
                    .statusCode());
        }
        List<Integer> statuses = together(requests);
        assertTrue(
                statuses.stream().allMatch(s -> s == 200 || s == 201 || s == 202),
                "every request answered: " + statuses);
        for (Recipients.Person p : people) {
            assertOneStory(p, "person:ONE_CLICK");
        }
    }

    /**
     * Three writes of one person at once: an admin's suppression of the address, the CRM's change of it and an activity
     * (twenty people); an erasure, the person's one-click and the CRM's change (ten); an erasure, the CRM's withdrawal
     * and an activity (ten). Every answer is 2xx, or 404 for what comes after the erasure (tester BH's F2 and F5: until
     * 2026-12-08 the activity lost a deadlock in a third of the first races and in nearly all of the last, a 503).
     */
    @Test
    void threeWritesOfOnePersonAtOnceEachWaitTheirTurn() throws Exception {
        List<Recipients.Person> suppressed = grantedOnOnePurpose(20);
        List<Recipients.Person> erased = grantedOnOnePurpose(10);
        List<Recipients.Person> withdrawn = grantedOnOnePurpose(10);
        List<Callable<Integer>> requests = new ArrayList<>();
        for (Recipients.Person p : suppressed) {
            String stop = stopOf(p, Api.uniqueKey("race"));
            String moved = "{\"email\":\"" + Api.uniqueEmail() + "\"}";
            requests.add(() -> Api.post(ADMIN, "/api/v1/suppressions", stop).status());
            requests.add(() -> Api.patch(INTEGRATION, "/api/v1/contacts/" + p.contact(), moved)
                    .status());
            requests.add(() -> Api.post(
                            INTEGRATION, "/api/v1/contacts/" + p.contact() + "/activities", "{\"type\":\"CLICK\"}")
                    .status());
        }
        for (Recipients.Person p : erased) {
            String link = Recipients.links(p.contact(), p.purpose()).getString("unsubscribeUrl");
            requests.add(() -> erasure(p.contact()));
            requests.add(() -> Recipients.post(link, Map.of("List-Unsubscribe", "One-Click"))
                    .statusCode());
            requests.add(() -> Api.patch(
                            INTEGRATION, "/api/v1/contacts/" + p.contact(), "{\"attributes\":{\"tier\":\"gold\"}}")
                    .status());
        }
        for (Recipients.Person p : withdrawn) {
            String withdrawal = Fixtures.event(p.contact(), p.purpose(), "EMAIL", "WITHDRAW", null, null);
            requests.add(() -> erasure(p.contact()));
            requests.add(
                    () -> Api.post(INTEGRATION, "/api/v1/consents", withdrawal).status());
            requests.add(() -> Api.post(
                            INTEGRATION, "/api/v1/contacts/" + p.contact() + "/activities", "{\"type\":\"CLICK\"}")
                    .status());
        }
        // A 503 is the documented "nothing was done, try again": one retry is what a client makes. Beside the whole
        // suite a rare one remains (1 in 120 seen on 2026-12-08, a cycle not traced yet); before the fix they were 36.
        java.util.concurrent.atomic.AtomicInteger retried = new java.util.concurrent.atomic.AtomicInteger();
        List<Callable<Integer>> retrying = requests.stream()
                .<Callable<Integer>>map(call -> () -> {
                    int status = call.call();
                    if (status != 503) {
                        return status;
                    }
                    retried.incrementAndGet();
                    return call.call();
                })
                .toList();
        List<Integer> statuses = together(retrying);
        assertTrue(
                statuses.stream().allMatch(s -> s == 200 || s == 201 || s == 202 || s == 204 || s == 404),
                "every request answered: " + statuses);
        assertTrue(retried.get() <= 3, retried + " of " + requests.size() + " lost a deadlock: " + statuses);
    }

    /** An admin's erasure of the contact: its answer's status. */
    private static int erasure(String contact) {
        return Api.send(ADMIN, "DELETE", "/api/v1/contacts/" + contact, null, HttpRequest.BodyPublishers.noBody())
                .status();
    }

    /** A call centre's stop of the person's purpose on email, under {@code source}: a suppression's body. */
    static String stopOf(Recipients.Person p, String source) {
        return Json.createObjectBuilder()
                .add("email", p.email())
                .add("channel", "EMAIL")
                .add("purpose", p.purpose())
                .add("reason", "UNSUBSCRIBED")
                .add("source", source)
                .build()
                .toString();
    }

    /** A provider's batch of one event about {@code email}, dated now. */
    private static String eventNow(String type, String email, String provider) {
        return Json.createArrayBuilder()
                .add(esp(type, email, provider, Instant.now().toString()))
                .build()
                .toString();
    }

    /** {@code count} people granted by email on one fresh purpose, each with their own address and notice. */
    private static List<Recipients.Person> grantedOnOnePurpose(int count) {
        Recipients.Person first = Recipients.granted("fr");
        List<Recipients.Person> people = new ArrayList<>(List.of(first));
        while (people.size() < count) {
            people.add(Recipients.grantedOn(first.purpose(), "fr"));
        }
        return people;
    }

    /**
     * The person's state, their purpose's UNSUBSCRIBED entry from {@code source} and the decision agree: a closed pair
     * keeps the entry and is denied; a granted one is sendable with the entry lifted, or denied by the entry when it
     * came after the grant.
     */
    private static void assertOneStory(Recipients.Person p, String source) {
        String state = Recipients.state(p.contact(), p.purpose(), "EMAIL");
        boolean entry = suppressionsOf(p.contact()).stream()
                .anyMatch(e -> e.getString("reason").equals("UNSUBSCRIBED")
                        && e.getString("source").equals(source)
                        && p.purpose().equals(e.getString("purpose", null)));
        JsonObject decision = Recipients.decision(p.contact(), p.purpose(), "EMAIL");
        String story = p.contact() + ": " + state + ", entry " + entry + ", " + decision + ", "
                + Recipients.history(p.contact());
        switch (state) {
            case "WITHDRAWN", "OBJECTED" -> {
                assertTrue(entry, "a stop the grants stand behind keeps its entry: " + story);
                assertFalse(decision.getBoolean("allowed"), story);
            }
            case "GRANTED" ->
                assertEquals(entry ? "SUPPRESSED_UNSUBSCRIBED" : "CONSENT_GRANTED", decision.getString("rule"), story);
            default -> throw new AssertionError("unexpected state: " + story);
        }
    }

    /**
     * Runs the calls in their order from twenty threads, a person's five calls side by side (the one in the middle
     * arriving while the first ones hold the person's lock); their results in the calls' order.
     */
    private static <T> List<T> together(List<Callable<T>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (Callable<T> call : calls) {
                futures.add(pool.submit(call));
            }
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdown();
        }
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
