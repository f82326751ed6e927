package eu.consent.it;

import static eu.consent.it.Api.User.ADMIN;
import static eu.consent.it.Api.User.CAMPAIGN;
import static eu.consent.it.Api.User.INTEGRATION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class PurposeIT {

    private static final String PURPOSES = "/api/v1/purposes";

    static String purpose(String key) {
        return """
                {"key":"%s","kind":"PROSPECTING","channels":["EMAIL","SMS"],"doubleOptIn":false,
                 "similarToPurchases":true,"names":{"fr":"Promotions","en":"Offers"}}""".formatted(key);
    }

    @Test
    void createsReadsAndRefusesADuplicateKey() {
        String key = Api.uniqueKey("promo");
        Api.Answer created = Api.post(ADMIN, PURPOSES, purpose(key)).expect(201);
        assertTrue(created.header("Location").endsWith(PURPOSES + "/" + key));
        JsonObject purpose = created.json();
        assertEquals("PROSPECTING", purpose.getString("kind"));
        assertEquals("[\"EMAIL\",\"SMS\"]", purpose.getJsonArray("channels").toString());
        assertTrue(purpose.getBoolean("similarToPurchases"));
        assertEquals("Offers", purpose.getJsonObject("names").getString("en"));
        assertEquals(
                purpose, Api.get(CAMPAIGN, PURPOSES + "/" + key).expect(200).json());

        Api.post(ADMIN, PURPOSES, purpose(key)).problem(409);
    }

    /**
     * The same purpose created by several requests at once: one 201, the others 409 problems. The database's key caught
     * the ones that passed the check together, and that was answered 500.
     */
    @Test
    void theSamePurposeCreatedAtOnceIsOneCreationAndConflicts() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 5; round++) {
                String key = Api.uniqueKey("race");
                List<Future<Api.Answer>> answers = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    answers.add(pool.submit(() -> Api.post(ADMIN, PURPOSES, purpose(key))));
                }
                int created = 0;
                for (Future<Api.Answer> answer : answers) {
                    Api.Answer a = answer.get();
                    if (a.status() == 201) {
                        created++;
                    } else {
                        a.problem(409);
                    }
                }
                assertEquals(1, created, key);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void refusesBadDefinitions() {
        Api.post(ADMIN, PURPOSES, purpose("Bad_Key")).problem(422);
        Api.post(ADMIN, PURPOSES, purpose("x")).problem(422);
        Api.post(ADMIN, PURPOSES, purpose("k".repeat(65))).problem(422);
        JsonObject problem =
                Api.post(ADMIN, PURPOSES, """
                        {"key":"%s","kind":"SPAM","channels":["EMAIL","FAX"],"doubleOptIn":false,
                         "similarToPurchases":false,"names":{"en":"x"}}""".formatted(Api.uniqueKey("bad"))).problem(422);
        String fields = problem.getJsonArray("errors").toString();
        assertTrue(fields.contains("\"kind\"") && fields.contains("\"channels\""), fields);
        Api.post(ADMIN, PURPOSES, """
                        {"key":"%s","kind":"SERVICE","channels":[],"doubleOptIn":false,
                         "similarToPurchases":false,"names":{"en":"x"}}""".formatted(Api.uniqueKey("bad"))).problem(422);
        Api.post(ADMIN, PURPOSES, "{\"key\":").problem(400);
    }

    @Test
    void listsEveryPurposeByCursor() {
        for (int i = 0; i < 3; i++) {
            Api.post(ADMIN, PURPOSES, purpose(Api.uniqueKey("page"))).expect(201);
        }
        Set<String> seen = new HashSet<>();
        String next = null;
        int pages = 0;
        do {
            JsonObject page = Api.get(CAMPAIGN, PURPOSES + "?limit=2" + (next == null ? "" : "&after=" + next))
                    .expect(200)
                    .json();
            assertTrue(page.getJsonArray("items").size() <= 2);
            page.getJsonArray("items")
                    .forEach(p -> assertTrue(seen.add(p.asJsonObject().getString("key"))));
            next = page.get("next") == JsonValue.NULL ? null : page.getString("next");
            pages++;
        } while (next != null);
        assertTrue(seen.size() >= 3 && pages >= 2, "paged through " + seen.size() + " in " + pages);

        Api.get(CAMPAIGN, PURPOSES + "?limit=0").problem(422);
        Api.get(CAMPAIGN, PURPOSES + "?limit=1001").problem(422);
        Api.get(CAMPAIGN, PURPOSES + "?after=garbage!").problem(422);
    }

    @Test
    void noticesAreVersionedPerLocaleAndProvenByTheirHash() throws Exception {
        String key = Api.uniqueKey("news");
        Api.post(ADMIN, PURPOSES, purpose(key)).expect(201);
        String notices = PURPOSES + "/" + key + "/notices";

        String text = "J'accepte de recevoir les offres par email. Désinscription à tout moment.";
        JsonObject fr1 = Api.post(ADMIN, notices, json("fr", text)).expect(201).json();
        assertEquals(1, fr1.getInt("version"));
        assertEquals(key, fr1.getString("purpose"));
        assertEquals("fr", fr1.getString("locale"));
        assertEquals(sha256(text), fr1.getString("sha256"));
        JsonObject fr2 =
                Api.post(ADMIN, notices, json("fr", text + " v2")).expect(201).json();
        assertEquals(2, fr2.getInt("version"));
        assertNotEquals(fr1.getString("id"), fr2.getString("id"));
        JsonObject en1 =
                Api.post(ADMIN, notices, json("en", "I agree")).expect(201).json();
        assertEquals(1, en1.getInt("version"), "versions count per locale");

        JsonObject list = Api.get(INTEGRATION, notices).expect(200).json();
        assertEquals(3, list.getJsonArray("items").size());
        assertEquals(
                fr1,
                Api.get(INTEGRATION, notices + "/" + fr1.getString("id"))
                        .expect(200)
                        .json());

        Api.post(ADMIN, notices, json("fr", "")).problem(422);
        Api.post(ADMIN, notices, json("not a locale", "x")).problem(422);
        Api.post(ADMIN, PURPOSES + "/no-such-purpose/notices", json("fr", "x")).problem(404);
        Api.get(INTEGRATION, PURPOSES + "/no-such-purpose/notices").problem(404);
        Api.get(INTEGRATION, notices + "/" + java.util.UUID.randomUUID()).problem(404);
    }

    private static String json(String locale, String text) {
        return jakarta.json.Json.createObjectBuilder()
                .add("locale", locale)
                .add("text", text)
                .build()
                .toString();
    }

    private static String sha256(String text) throws Exception {
        return HexFormat.of()
                .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    }
}
