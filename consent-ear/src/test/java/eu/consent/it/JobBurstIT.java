package eu.consent.it;

import static eu.consent.it.Api.User.ADMIN;
import static eu.consent.it.Api.User.INTEGRATION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import jakarta.json.JsonObject;
import java.net.http.HttpRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * Jobs started at the same moment all run. On Derby each new step execution takes its id from an identity generator
 * that gives up at once when another transaction holds its catalog row, and it does so in the job's own thread, after
 * the start has answered: an execution the caller was given ended FAILED with no step and nothing done (two of four
 * snapshot resyncs started at once on a fresh test server, 2026-12-06). Run alone, on a fresh server, this test starts
 * every job's first ranges of ids in one burst, then bursts again.
 */
class JobBurstIT {

    private static final int ROUNDS = 4;

    @Test
    void jobsStartedAtOnceAllRunEveryStepTheyHave() throws Exception {
        Instant since = Instant.now().minusSeconds(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Long> executions = new ArrayList<>();
        try {
            for (int round = 0; round < ROUNDS; round++) {
                List<Callable<Long>> starts = new ArrayList<>();
                for (int i = 0; i < 4; i++) {
                    String source = Api.uniqueKey("burst");
                    starts.add(() -> snapshot(source));
                }
                starts.add(() -> started("audit-verify"));
                starts.add(() -> started("audit-verify?chunkSize=7"));
                starts.add(() -> started("reactivation-flag"));
                starts.add(() -> started("pending-expiry"));
                for (Future<Long> execution : pool.invokeAll(starts)) {
                    executions.add(execution.get());
                }
            }
        } finally {
            pool.shutdownNow();
        }
        for (long execution : executions) {
            JsonObject end = JobIT.awaitEnd(execution);
            assertEquals("COMPLETED", end.getString("status"), end.toString());
            assertFalse(end.getJsonArray("steps").isEmpty(), end.toString());
        }
        // The failures of this test's jobs only (a job another test left running may end while this one runs).
        List<String> jobs = List.of("suppression-resync", "audit-verify", "reactivation-flag", "pending-expiry");
        List<JsonObject> failures = Api.pages(ADMIN, "/api/v1/audit?from=" + since).stream()
                .filter(e -> e.getString("action").equals("JOB_FAILED") && jobs.contains(e.getString("subjectId")))
                .toList();
        assertEquals(List.of(), failures, "no run failed, so none was reported (nor sent as job.failed)");
    }

    private static long snapshot(String source) {
        String csv = "identifier,reason,date\n" + Api.uniqueEmail() + ",HARD_BOUNCE,\n";
        return Api.send(
                        INTEGRATION,
                        "PUT",
                        "/api/v1/suppression-sources/" + source + "/snapshot",
                        "text/csv",
                        HttpRequest.BodyPublishers.ofString(csv))
                .expect(202)
                .json()
                .getJsonNumber("executionId")
                .longValue();
    }

    private static long started(String jobAndQuery) {
        return Api.post(ADMIN, "/api/v1/jobs/" + jobAndQuery, "")
                .expect(202)
                .json()
                .getJsonNumber("executionId")
                .longValue();
    }
}
