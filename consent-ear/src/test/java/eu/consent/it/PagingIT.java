package eu.consent.it;

import static eu.consent.it.Api.User.ADMIN;
import static eu.consent.it.Api.User.AUDITOR;
import static eu.consent.it.Api.User.CAMPAIGN;
import static eu.consent.it.Api.User.INTEGRATION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/**
 * Every paged list refuses a cursor it did not hand out — another list's, or one edited to name another row — with
 * the 422 on {@code after}, instead of an empty or shifted page; and a list's two forms read their paging alike.
 */
class PagingIT {

    private static final String PURPOSES = "/api/v1/purposes";
    private static final String CANDIDATES = "/api/v1/reactivation-candidates";

    /**
     * A cursor as the service writes them for {@code list}, naming {@code key}, its check included: what a client who
     * learnt the form would make to name another row.
     */
    private static String cursor(String list, String key) {
        CRC32 check = new CRC32();
        check.update((list + "\n" + key).getBytes(StandardCharsets.UTF_8));
        String raw = "c:" + key + "#" + String.format("%08x", check.getValue());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    /** The next page's cursor of a list holding at least two rows, read with {@code limit=1}. */
    private static String secondPage(Api.User user, String list) {
        String next = Api.get(user, list + (list.contains("?") ? "&" : "?") + "limit=1")
                .expect(200)
                .json()
                .getString("next");
        assertNotNull(next, list);
        return next;
    }

    /**
     * A cursor with a character added or its end cut off still decoded, until 2026-12-06, to a key of the right form:
     * the list restarted inside the same millisecond and handed rows already seen back, so a client paging with it
     * looped. Each such cursor is now the 422 on {@code after}.
     */
    @Test
    void everyListRefusesAnEditedOrCutCursor() {
        for (int i = 0; i < 2; i++) {
            Api.post(ADMIN, "/api/v1/suppressions", """
                    {"email":"%s","channel":"EMAIL","reason":"MANUAL"}""".formatted(Api.uniqueEmail()))
                    .expect(201);
        }
        List<String> hooks = new java.util.ArrayList<>();
        for (int i = 0; i < 2; i++) {
            hooks.add(Api.post(ADMIN, "/api/v1/webhooks", """
                            {"url":"http://localhost:1/%s","events":["job.failed"]}""".formatted(Api.uniqueKey("p")))
                    .expect(201)
                    .json()
                    .getString("id"));
        }
        Fixtures.purpose(false);
        Fixtures.purpose(false);
        try {
            List<String> lists = List.of(
                    "/api/v1/suppressions",
                    "/api/v1/webhooks",
                    "/api/v1/audit",
                    PURPOSES,
                    "/api/v1/webhooks/" + hooks.get(0) + "/deliveries",
                    "/api/v1/webhooks/" + hooks.get(1) + "/deliveries");
            Map<String, String> nexts = new java.util.LinkedHashMap<>();
            for (String list : lists.subList(0, 4)) {
                Api.User user = list.contains("webhooks") || list.equals(PURPOSES) ? ADMIN : AUDITOR;
                String next = secondPage(user, list);
                nexts.put(list, next);
                Api.get(user, list + "?limit=1&after=" + next).expect(200);
                for (String edited : List.of(
                        next + "x", next + "AAAA", next.substring(0, next.length() - 2), next.substring(0, 12))) {
                    refusedCursor(Api.get(user, list + "?limit=1&after=" + edited));
                }
            }
            // Another list's cursor, of the same form or not, is no place in this one: until 2026-12-06 a cursor of
            // the webhooks paged the suppressions (both keyed by time and id), one of the audit a subscription's
            // deliveries (both by sequence number), and one subscription's deliveries another's.
            for (String list : lists) {
                for (Map.Entry<String, String> other : nexts.entrySet()) {
                    if (!other.getKey().equals(list)) {
                        refusedCursor(Api.get(ADMIN, list + "?limit=1&after=" + other.getValue()));
                    }
                }
            }
        } finally {
            hooks.forEach(id -> Api.sendWithHeaders(ADMIN, "DELETE", "/api/v1/webhooks/" + id, "")
                    .expect(204));
        }
    }

    private static void refusedCursor(Api.Answer answer) {
        JsonObject error = answer.problem(422).getJsonArray("errors").getJsonObject(0);
        assertEquals(
                "after: is not a cursor returned by this list",
                error.getString("field") + ": " + error.getString("message"));
    }

    @Test
    void thePurposesListRefusesCursorsItDidNotHandOut() {
        Fixtures.purpose(false);
        Fixtures.purpose(false);
        String next = Api.get(ADMIN, PURPOSES + "?limit=1").expect(200).json().getString("next");
        assertNotNull(next);
        Api.get(ADMIN, PURPOSES + "?limit=1&after=" + next).expect(200);
        for (String foreign : List.of(
                cursor("purposes", UUID.randomUUID().toString()), // the reactivation list's kind
                cursor("purposes", Api.uniqueKey("nobody")), // a purpose key no one defined: an edited cursor
                cursor("purposes", "1733300000000|" + UUID.randomUUID()), // a (time, id) list's kind
                cursor("reactivation-candidates", UUID.randomUUID().toString()), // another list's own
                "garbage")) {
            refusedCursor(Api.get(ADMIN, PURPOSES + "?after=" + foreign));
        }
    }

    @Test
    void theReactivationListRefusesCursorsItDidNotHandOutInBothForms() {
        Fixtures.purpose(false); // a next page of purposes, whatever ran before
        Fixtures.purpose(false);
        String purposes =
                Api.get(ADMIN, PURPOSES + "?limit=1").expect(200).json().getString("next");
        String list = "reactivation-candidates";
        for (String foreign : List.of(
                purposes,
                cursor(list, "newsletter"),
                cursor(list, UUID.randomUUID() + "x"),
                cursor("purposes", UUID.randomUUID().toString()),
                "garbage")) {
            refusedCursor(Api.get(CAMPAIGN, CANDIDATES + "?after=" + foreign));
            refusedCursor(Api.sendWithHeaders(
                    INTEGRATION, "GET", CANDIDATES + "?after=" + foreign, "", "Accept", "text/csv"));
        }
        Api.get(
                        CAMPAIGN,
                        CANDIDATES + "?after=" + cursor(list, UUID.randomUUID().toString()))
                .expect(200);
    }

    @Test
    void theReactivationCsvReadsLimitAsTheJsonListDoes() {
        for (String limit : List.of("abc", "0", "1001")) {
            JsonObject json = Api.get(CAMPAIGN, CANDIDATES + "?limit=" + limit).problem(422);
            JsonObject csv = Api.sendWithHeaders(
                            INTEGRATION, "GET", CANDIDATES + "?limit=" + limit, "", "Accept", "text/csv")
                    .problem(422);
            assertEquals(json.getJsonArray("errors"), csv.getJsonArray("errors"));
        }
        Api.Answer one = Api.sendWithHeaders(INTEGRATION, "GET", CANDIDATES + "?limit=1", "", "Accept", "text/csv")
                .expect(200);
        assertTrue(one.body().startsWith("contactId,"), one.body());
        assertTrue(one.body().split("\r\n").length <= 2, one.body());
    }
}
