package eu.consent.it;

import static eu.consent.it.Api.User.ADMIN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobIT {

    @Test
    void auditVerifyWalksTheChainInCheckpointedChunks() throws Exception {
        for (int i = 0; i < 5; i++) {
            Api.createContact(Api.uniqueEmail());
        }
        long entries = Api.get(ADMIN, "/api/v1/audit/verify")
                .json()
                .getJsonNumber("entries")
                .longValue();

        // Chunks of 20: hundreds of commits over the suite's chain, each a checkpoint; chunks of 2 made Derby's run
        // commit ten thousand times (33 s of the build, against 1.5 s on PostgreSQL).
        Api.Answer started = Api.post(ADMIN, "/api/v1/jobs/audit-verify?full=true&chunkSize=20", "")
                .expect(202);
        long executionId = started.json().getJsonNumber("executionId").longValue();
        assertTrue(started.header("Location").endsWith("/api/v1/jobs/executions/" + executionId));

        // The whole chain in chunks of twenty: every entry the suite wrote before (a webhook backlog test's thousands).
        JsonObject execution = awaitEnd(executionId, 300);
        assertEquals("COMPLETED", execution.getString("status"), execution.toString());
        assertEquals("VALID", execution.getString("exitStatus"));
        JsonObject metrics = execution.getJsonArray("steps").getJsonObject(0).getJsonObject("metrics");
        long read = metrics.getJsonNumber("readCount").longValue();
        assertTrue(read >= entries, "read " + read + " of at least " + entries);
        assertEquals(read, metrics.getJsonNumber("writeCount").longValue());
        assertTrue(metrics.getJsonNumber("commitCount").longValue() >= read / 20, metrics.toString());
        assertEquals(0, metrics.getJsonNumber("rollbackCount").longValue());
    }

    @Test
    void theNightlyScheduleIsSwitchedOffInTests() {
        assertEquals(
                0,
                Api.get(ADMIN, "/api/v1/jobs/schedule")
                        .expect(200)
                        .structure()
                        .asJsonArray()
                        .size());
        Api.get(Api.User.AUDITOR, "/api/v1/jobs/schedule").problem(403);
    }

    /**
     * A job's parameters go in the query: a JSON body the endpoint would ignore is refused, not dropped (a purge asked
     * for with {"retentionMonths":1200} in its body must not run with the default 36), and nothing is started.
     */
    @Test
    void aBodyTheStartWouldIgnoreIsRefusedAndStartsNothing() throws InterruptedException {
        String path = "/api/v1/jobs/pending-expiry";
        long before = executions("pending-expiry");
        JsonObject ignored = Api.post(ADMIN, path, "{\"expiryDays\":365}").problem(422);
        assertEquals(
                "expiryDays", ignored.getJsonArray("errors").getJsonObject(0).getString("field"), ignored.toString());
        Api.post(ADMIN, path, "{bad").problem(400);
        Api.post(ADMIN, path, "[1]").problem(422);
        Api.send(ADMIN, "POST", path, null, java.net.http.HttpRequest.BodyPublishers.ofString("{\"expiryDays\":3}"))
                .problem(422);
        assertEquals(before, executions("pending-expiry"), "nothing was started");
        // Any operation that reads no body, whatever its class consumes: an erasure with a body says something.
        String contact = Api.createContact(Api.uniqueEmail());
        Api.send(
                        Api.User.INTEGRATION,
                        "DELETE",
                        "/api/v1/contacts/" + contact,
                        "application/json",
                        java.net.http.HttpRequest.BodyPublishers.ofString("{\"reason\":\"asked by phone\"}"))
                .problem(422);
        Api.get(Api.User.INTEGRATION, "/api/v1/contacts/" + contact).expect(200);
        long started = Api.post(ADMIN, path, "{}")
                .expect(202)
                .json()
                .getJsonNumber("executionId")
                .longValue();
        awaitEnd(started);
    }

    private static long executions(String job) {
        JsonObject page = Api.get(ADMIN, "/api/v1/jobs/executions?job=" + job + "&limit=1")
                .expect(200)
                .json();
        return page.getJsonArray("items").isEmpty()
                ? 0
                : page.getJsonArray("items")
                        .getJsonObject(0)
                        .getJsonNumber("executionId")
                        .longValue();
    }

    @Test
    void aJobsHistoryListsEachExecutionWithItsParametersNewestFirst() throws Exception {
        long first = Api.post(ADMIN, "/api/v1/jobs/pending-expiry?chunkSize=7", "")
                .expect(202)
                .json()
                .getJsonNumber("executionId")
                .longValue();
        awaitEnd(first);
        long second = Api.post(ADMIN, "/api/v1/jobs/pending-expiry?chunkSize=8", "")
                .expect(202)
                .json()
                .getJsonNumber("executionId")
                .longValue();
        awaitEnd(second);

        JsonObject page = Api.get(ADMIN, "/api/v1/jobs/executions?job=pending-expiry&limit=1")
                .expect(200)
                .json();
        assertEquals(1, page.getJsonArray("items").size(), page.toString());
        JsonObject newest = page.getJsonArray("items").getJsonObject(0);
        assertEquals(second, newest.getJsonNumber("executionId").longValue(), page.toString());
        assertEquals("pending-expiry", newest.getString("jobName"));
        assertEquals("COMPLETED", newest.getString("status"));
        assertEquals("8", newest.getJsonObject("parameters").getString("chunkSize"));
        // A run started between two pages comes before the cursor: the next page goes on where the first ended (tester
        // AK's F1: until 2026-12-07 it showed the second run again).
        long third = Api.post(ADMIN, "/api/v1/jobs/pending-expiry?chunkSize=9", "")
                .expect(202)
                .json()
                .getJsonNumber("executionId")
                .longValue();
        awaitEnd(third);
        assertEquals(third, executions("pending-expiry"));
        JsonObject older = Api.get(
                        ADMIN, "/api/v1/jobs/executions?job=pending-expiry&limit=1&after=" + page.getString("next"))
                .expect(200)
                .json()
                .getJsonArray("items")
                .getJsonObject(0);
        assertEquals(first, older.getJsonNumber("executionId").longValue());
        assertEquals("7", older.getJsonObject("parameters").getString("chunkSize"));

        Api.get(ADMIN, "/api/v1/jobs/executions").problem(422);
        Api.get(ADMIN, "/api/v1/jobs/executions?job=no-such-job").problem(404);
        Api.get(ADMIN, "/api/v1/jobs/executions?job=pending-expiry&after=nonsense")
                .problem(422);
        Api.get(ADMIN, "/api/v1/jobs/executions?job=contact-import&after=" + page.getString("next"))
                .problem(422);
        Api.get(Api.User.INTEGRATION, "/api/v1/jobs/executions?job=pending-expiry")
                .problem(403);
    }

    @Test
    void unknownJobsAndExecutionsAre404() {
        Api.post(ADMIN, "/api/v1/jobs/no-such-job", "").problem(404);
        JsonObject upload = Api.post(ADMIN, "/api/v1/jobs/contact-import", "").problem(404);
        assertTrue(upload.getString("detail").contains("POST /api/v1/imports"), "says what starts it: " + upload);
        Api.get(ADMIN, "/api/v1/jobs/executions/987654321").problem(404);
        Api.get(ADMIN, "/api/v1/jobs/executions/abc").problem(404);
        Api.post(ADMIN, "/api/v1/jobs/executions/987654321/restart", "").problem(404);
    }

    /** A restart asked while the run is still starting or running is refused and leaves that run alone. */
    @Test
    void aRestartOfARunningExecutionIsRefusedAndTheRunCompletes() throws Exception {
        long id = Api.post(ADMIN, "/api/v1/jobs/pending-expiry", "")
                .expect(202)
                .json()
                .getJsonNumber("executionId")
                .longValue();
        String detail = Api.post(ADMIN, "/api/v1/jobs/executions/" + id + "/restart", "")
                .problem(409)
                .getString("detail");
        assertTrue(
                detail.matches("execution " + id
                        + " cannot be restarted: it is (STARTING|STARTED|COMPLETED), not FAILED or" + " STOPPED"),
                detail);
        assertEquals("COMPLETED", awaitEnd(id).getString("status"), "the run was not marked FAILED");
    }

    @Test
    void aCompletedExecutionCannotBeRestarted() throws Exception {
        long id = Api.post(ADMIN, "/api/v1/jobs/audit-verify", "")
                .expect(202)
                .json()
                .getJsonNumber("executionId")
                .longValue();
        assertEquals("COMPLETED", awaitEnd(id).getString("status"));
        assertEquals(
                "execution " + id + " cannot be restarted: it is COMPLETED, not FAILED or STOPPED",
                Api.post(ADMIN, "/api/v1/jobs/executions/" + id + "/restart", "")
                        .problem(409)
                        .getString("detail"));
        Api.post(ADMIN, "/api/v1/jobs/executions/" + id + "/stop", "").problem(409);
    }

    @Test
    void aRetriedJobStartReplaysItsFirstAnswerAndStartsTheJobOnce() throws InterruptedException {
        // A job start retried by a client whose connection dropped must not start the job twice.
        Instant since = Instant.now().minusSeconds(5);
        String key = Api.uniqueKey("job");
        Api.Answer first = Api.sendWithHeaders(ADMIN, "POST", "/api/v1/jobs/audit-verify", "", "Idempotency-Key", key)
                .expect(202);
        Api.Answer again = Api.sendWithHeaders(ADMIN, "POST", "/api/v1/jobs/audit-verify", "", "Idempotency-Key", key)
                .expect(202);
        assertEquals(first.json(), again.json());
        assertEquals("true", again.header("Idempotent-Replayed"));
        long id = first.json().getJsonNumber("executionId").longValue();
        awaitEnd(id);
        assertEquals(List.of("JOB_STARTED"), actions(auditedActs(since, id)), "audited once, as it started once");
    }

    /**
     * Who started a job, with which parameters, is proof (a purge with a short retention erases people): a start is
     * audited in the operator's name with its parameters; a start refused is not a start and leaves no entry.
     */
    @Test
    void anOperatorsJobStartIsAuditedWithItsParameters() throws InterruptedException {
        Instant since = Instant.now().minusSeconds(5);
        long id = Api.post(ADMIN, "/api/v1/jobs/pending-expiry?chunkSize=9&expiryDays=30", "")
                .expect(202)
                .json()
                .getJsonNumber("executionId")
                .longValue();
        awaitEnd(id);
        List<JsonObject> acts = auditedActs(since, id);
        assertEquals(List.of("JOB_STARTED"), actions(acts), acts.toString());
        JsonObject started = acts.get(0);
        assertEquals("admin", started.getString("actor"), started.toString());
        assertEquals("pending-expiry", started.getString("subjectId"), started.toString());
        assertEquals(
                jakarta.json.Json.createObjectBuilder()
                        .add("chunkSize", "9")
                        .add("expiryDays", "30")
                        .build(),
                started.getJsonObject("details").getJsonObject("parameters"),
                started.toString());
        Api.post(ADMIN, "/api/v1/jobs/pending-expiry?expiryDays=-1", "").problem(422);
        Api.post(ADMIN, "/api/v1/jobs/no-such-job", "").problem(404);
        long refusedStarts = Api.pages(ADMIN, "/api/v1/audit?from=" + since).stream()
                .filter(e -> e.getString("action").equals("JOB_STARTED"))
                .filter(e ->
                        e.getJsonObject("details").getJsonObject("parameters").containsKey("expiryDays")
                                && e.getJsonObject("details")
                                        .getJsonObject("parameters")
                                        .getString("expiryDays")
                                        .equals("-1"))
                .count();
        assertEquals(0, refusedStarts, "a refused start is not audited");
    }

    /** Starts a job with its default parameters and returns its execution once it has ended. */
    static JsonObject runToEnd(String job) throws InterruptedException {
        return awaitEnd(Api.post(ADMIN, "/api/v1/jobs/" + job, "")
                .expect(202)
                .json()
                .getJsonNumber("executionId")
                .longValue());
    }

    /** The audit entries about one execution of a job (its start, restart or stop) appended since {@code since}. */
    static List<JsonObject> auditedActs(Instant since, long executionId) {
        return Api.pages(ADMIN, "/api/v1/audit?from=" + since).stream()
                .filter(e -> e.getString("subjectType").equals("job"))
                .filter(e -> e.get("details") instanceof JsonObject details
                        && details.getJsonNumber("executionId") != null
                        && details.getJsonNumber("executionId").longValue() == executionId)
                .toList();
    }

    static List<String> actions(List<JsonObject> entries) {
        return entries.stream().map(e -> e.getString("action")).toList();
    }

    @Test
    void aJobStartRetriedWithAnotherQueryIsRefusedAndTheSameQueryInAnyOrderReplayed() throws InterruptedException {
        String key = Api.uniqueKey("job");
        String path = "/api/v1/jobs/audit-verify";
        Api.Answer first = Api.sendWithHeaders(
                        ADMIN, "POST", path + "?chunkSize=50&full=false", "", "Idempotency-Key", key)
                .expect(202);
        for (String other : List.of("", "?chunkSize=50&full=false&bogus=1", "?chunkSize=50&full=true")) {
            JsonObject refused = Api.sendWithHeaders(ADMIN, "POST", path + other, "", "Idempotency-Key", key)
                    .problem(422);
            assertEquals(
                    "Idempotency-Key",
                    refused.getJsonArray("errors").getJsonObject(0).getString("field"),
                    refused.toString());
        }
        Api.Answer again = Api.sendWithHeaders(
                        ADMIN, "POST", path + "?full=false&chunkSize=50", "", "Idempotency-Key", key)
                .expect(202);
        assertEquals("true", again.header("Idempotent-Replayed"));
        assertEquals(first.json(), again.json());
        awaitEnd(first.json().getJsonNumber("executionId").longValue());
    }

    /**
     * Runs of the chain's check started together all complete: on a database never verified, the second used to fail
     * inserting the same anchor row as the first.
     */
    @Test
    void chainChecksStartedTogetherAllComplete() throws InterruptedException {
        List<Long> ids = new ArrayList<>();
        for (String query : List.of("", "?chunkSize=3", "?full=true&chunkSize=50")) {
            ids.add(Api.post(ADMIN, "/api/v1/jobs/audit-verify" + query, "")
                    .expect(202)
                    .json()
                    .getJsonNumber("executionId")
                    .longValue());
        }
        for (long id : ids) {
            JsonObject end = awaitEnd(id);
            assertEquals("COMPLETED", end.getString("status"), end.toString());
            assertEquals("VALID", end.getString("exitStatus"), end.toString());
        }
        assertTrue(Api.get(ADMIN, "/api/v1/audit/verify").expect(200).json().getBoolean("valid"));
    }

    static JsonObject awaitEnd(long executionId) throws InterruptedException {
        return awaitEnd(executionId, 30);
    }

    /** {@link #awaitEnd(long)} for a run whose length grows with the database (a walk of the whole audit chain). */
    static JsonObject awaitEnd(long executionId, int seconds) throws InterruptedException {
        for (int i = 0; i < seconds * 10; i++) {
            JsonObject execution = Api.get(ADMIN, "/api/v1/jobs/executions/" + executionId)
                    .expect(200)
                    .json();
            String status = execution.getString("status");
            if (!status.equals("STARTING") && !status.equals("STARTED") && !status.equals("STOPPING")) {
                return execution;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("execution " + executionId + " did not end in " + seconds + " s");
    }
}
