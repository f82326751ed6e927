package eu.consent.it;

import static eu.consent.it.Api.User.ADMIN;
import static eu.consent.it.Api.User.AUDITOR;
import static eu.consent.it.Api.User.CAMPAIGN;
import static eu.consent.it.Api.User.INTEGRATION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The nightly retention jobs, run over REST and judged by their status, metrics and effects. */
class RetentionIT {

    private static String monthsAgo(int months) {
        return Instant.now()
                .atOffset(ZoneOffset.UTC)
                .minusMonths(months)
                .toInstant()
                .toString();
    }

    private static String contactActive(String email, String activeAt) {
        String id = Fixtures.contact(email, "fr");
        Api.post(
                        INTEGRATION,
                        "/api/v1/contacts/" + id + "/activities",
                        "{\"type\":\"PURCHASE\",\"occurredAt\":\"" + activeAt + "\"}")
                .expect(204);
        return id;
    }

    private static JsonObject run(String job, String parameters) throws InterruptedException {
        long id = Api.post(ADMIN, "/api/v1/jobs/" + job + parameters, "")
                .expect(202)
                .json()
                .getJsonNumber("executionId")
                .longValue();
        return JobIT.awaitEnd(id);
    }

    @Test
    void purgesExactlyTheContactsInactiveForThreeYearsAndKeepsTheirOptOutsAsHashes() throws Exception {
        String purpose = Fixtures.purpose(false);
        String notice = Fixtures.notice(purpose, "fr", "Oui");
        String staleEmail = Api.uniqueEmail();
        String stale = contactActive(staleEmail, monthsAgo(48));
        String staleOptedOutEmail = Api.uniqueEmail();
        String staleOptedOut = contactActive(staleOptedOutEmail, monthsAgo(40));
        Api.post(
                        INTEGRATION,
                        "/api/v1/consents",
                        Fixtures.event(staleOptedOut, purpose, "EMAIL", "GRANT", notice, monthsAgo(44)))
                .expect(201);
        Api.post(
                        INTEGRATION,
                        "/api/v1/consents",
                        Fixtures.event(staleOptedOut, purpose, "EMAIL", "WITHDRAW", null, monthsAgo(43)))
                .expect(201);
        String recent = contactActive(Api.uniqueEmail(), monthsAgo(24));
        String neverActive = Fixtures.contact(Api.uniqueEmail(), "fr");

        JsonObject execution = run("retention-purge", "?chunkSize=1");
        assertEquals("COMPLETED", execution.getString("status"), execution.toString());
        JsonObject metrics = execution.getJsonArray("steps").getJsonObject(0).getJsonObject("metrics");
        assertTrue(metrics.getJsonNumber("readCount").longValue() >= 2, metrics.toString());
        assertEquals(
                metrics.getJsonNumber("readCount").longValue(),
                metrics.getJsonNumber("writeCount").longValue());
        assertTrue(metrics.getJsonNumber("commitCount").longValue() >= 2);

        Api.get(AUDITOR, "/api/v1/contacts/" + stale).problem(404);
        Api.get(AUDITOR, "/api/v1/contacts/" + staleOptedOut).problem(404);
        Api.get(AUDITOR, "/api/v1/contacts/" + recent).expect(200);
        Api.get(AUDITOR, "/api/v1/contacts/" + neverActive).expect(200);
        String audit = Api.get(AUDITOR, "/api/v1/audit?contactId=" + stale).body();
        assertTrue(audit.contains("CONTACT_PURGED") && !audit.contains(staleEmail), audit);

        JsonObject decision = Api.post(
                        CAMPAIGN,
                        "/api/v1/decisions",
                        "{\"email\":\"" + staleOptedOutEmail + "\",\"purpose\":\"" + purpose
                                + "\",\"channel\":\"EMAIL\"}")
                .expect(200)
                .json();
        assertEquals("UNKNOWN_CONTACT", decision.getString("rule"));
        String back = Fixtures.contact(staleOptedOutEmail, "fr");
        JsonObject afterReturn = Api.post(
                        CAMPAIGN,
                        "/api/v1/decisions",
                        "{\"contactId\":\"" + back + "\",\"purpose\":\"" + purpose + "\",\"channel\":\"EMAIL\"}")
                .expect(200)
                .json();
        assertEquals("SUPPRESSED_ERASED", afterReturn.getString("rule"), "the purged person's opt-out still holds");
        String neverOptedOut = Fixtures.contact(staleEmail, "fr");
        assertTrue(
                Api.get(AUDITOR, "/api/v1/contacts/" + neverOptedOut + "/export")
                        .json()
                        .getJsonArray("suppressions")
                        .isEmpty(),
                "someone who never opted out leaves nothing behind");
    }

    @Test
    void aStoppedPurgeRestartsFromItsLastCheckpointAndPurgesEachContactOnce() throws Exception {
        List<String> stale = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            stale.add(contactActive(Api.uniqueEmail(), monthsAgo(50)));
        }
        long id = Api.post(ADMIN, "/api/v1/jobs/retention-purge?chunkSize=1&fetchSize=10", "")
                .expect(202)
                .json()
                .getJsonNumber("executionId")
                .longValue();
        Api.post(ADMIN, "/api/v1/jobs/executions/" + id + "/stop", "");
        JsonObject stopped = JobIT.awaitEnd(id);
        assertEquals("STOPPED", stopped.getString("status"), stopped.toString());

        long restartedId = Api.post(ADMIN, "/api/v1/jobs/executions/" + id + "/restart", "")
                .expect(202)
                .json()
                .getJsonNumber("executionId")
                .longValue();
        JsonObject restarted = JobIT.awaitEnd(restartedId);
        assertEquals("COMPLETED", restarted.getString("status"), restarted.toString());
        for (String contact : stale) {
            Api.get(AUDITOR, "/api/v1/contacts/" + contact).problem(404);
            String audit =
                    Api.get(AUDITOR, "/api/v1/audit?contactId=" + contact).body();
            assertEquals(1, audit.split("CONTACT_PURGED", -1).length - 1, "purged exactly once: " + contact);
        }
    }

    @Test
    void listsContactsNearingThePurgeForRePermission() throws Exception {
        String nearing = contactActive(Api.uniqueEmail(), monthsAgo(32));
        String comesBack = contactActive(Api.uniqueEmail(), monthsAgo(33));
        String fresh = contactActive(Api.uniqueEmail(), monthsAgo(3));
        String blockedEmail = Api.uniqueEmail();
        String blocked = contactActive(blockedEmail, monthsAgo(32));
        Api.post(INTEGRATION, "/api/v1/suppressions", """
                {"email":"%s","channel":"EMAIL","reason":"MANUAL"}""".formatted(blockedEmail))
                .expect(201);
        JsonObject execution = run("reactivation-flag", "");
        assertEquals("COMPLETED", execution.getString("status"), execution.toString());

        String all = Api.get(CAMPAIGN, "/api/v1/reactivation-candidates?limit=1000")
                .expect(200)
                .body();
        assertTrue(all.contains(nearing) && all.contains(comesBack) && !all.contains(fresh), all);
        assertFalse(all.contains(blocked), "someone who may not be mailed is no re-permission candidate");
        Api.post(INTEGRATION, "/api/v1/contacts/" + comesBack + "/activities", "{\"type\":\"CLICK\"}")
                .expect(204);
        String after =
                Api.get(CAMPAIGN, "/api/v1/reactivation-candidates?limit=1000").body();
        assertTrue(after.contains(nearing) && !after.contains(comesBack), "a contact active again leaves the list");

        Api.Answer csv =
                Api.sendWithHeaders(INTEGRATION, "GET", "/api/v1/reactivation-candidates", "", "Accept", "text/csv");
        assertTrue(csv.body().startsWith("contactId,email,phone,locale,lastActiveAt,purgeAfter"), csv.body());
        assertTrue(csv.body().contains(nearing));
        Api.sendWithHeaders(INTEGRATION, "GET", "/api/v1/reactivation-candidates", "", "Accept", "application/json")
                .problem(403);
    }

    @Test
    void doubleOptInsNeverConfirmedExpire() throws Exception {
        String purpose = Fixtures.purpose(true);
        String notice = Fixtures.notice(purpose, "fr", "Oui");
        String contact = Fixtures.contact(Api.uniqueEmail(), "fr");
        Api.post(
                        INTEGRATION,
                        "/api/v1/consents",
                        Fixtures.event(contact, purpose, "EMAIL", "GRANT", notice, monthsAgo(1)))
                .expect(201);
        String waiting = Fixtures.contact(Api.uniqueEmail(), "fr");
        Api.post(INTEGRATION, "/api/v1/consents", Fixtures.event(waiting, purpose, "EMAIL", "GRANT", notice, null))
                .expect(201);

        JsonObject execution = run("pending-expiry", "?expiryDays=7");
        assertEquals("COMPLETED", execution.getString("status"), execution.toString());
        String old =
                Api.get(AUDITOR, "/api/v1/contacts/" + contact + "/consents").body();
        assertTrue(old.contains("WITHDRAWN"), old);
        String history = Api.get(AUDITOR, "/api/v1/contacts/" + contact + "/consents/history")
                .body();
        assertTrue(history.contains("pending-expiry"), history);
        assertTrue(
                Api.get(AUDITOR, "/api/v1/contacts/" + waiting + "/consents")
                        .body()
                        .contains("PENDING"),
                "a recent double opt-in still waits");
    }
}
