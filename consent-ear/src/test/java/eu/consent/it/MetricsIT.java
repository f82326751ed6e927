package eu.consent.it;

import static eu.consent.it.Api.User.ADMIN;
import static eu.consent.it.Api.User.CAMPAIGN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The Prometheus endpoint: readable without login, and its counters move with what the service does. */
class MetricsIT {

    @Test
    void countersMoveWithDecisionsOptOutsBulkChecksAndJobs() throws Exception {
        String before = scrape();
        String purpose = Fixtures.purpose(false);
        for (int i = 0; i < 3; i++) {
            Api.post(CAMPAIGN, "/api/v1/decisions", """
                            {"email":"%s","purpose":"%s","channel":"EMAIL"}""".formatted(Api.uniqueEmail(), purpose))
                    .expect(200);
        }
        String bulk = Api.uniqueEmail() + "\n" + Api.uniqueEmail() + "\nnot-an-address\n";
        Api.send(
                        CAMPAIGN,
                        "POST",
                        "/api/v1/decisions/bulk?purpose=" + purpose + "&channel=EMAIL",
                        "text/csv",
                        HttpRequest.BodyPublishers.ofString(bulk))
                .expect(200);
        String contact = Api.createContact(Api.uniqueEmail());
        String url = Api.post(CAMPAIGN, "/api/v1/unsubscribe-links", "{\"contactId\":\"" + contact + "\"}")
                .expect(200)
                .json()
                .getString("unsubscribeUrl");
        assertEquals(
                200,
                HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create(url))
                                        .header("Content-Type", "application/x-www-form-urlencoded")
                                        .POST(HttpRequest.BodyPublishers.ofString("List-Unsubscribe=One-Click"))
                                        .build(),
                                HttpResponse.BodyHandlers.discarding())
                        .statusCode());
        long execution = Api.post(ADMIN, "/api/v1/jobs/reactivation-flag", "")
                .expect(202)
                .json()
                .getJsonNumber("executionId")
                .longValue();
        awaitJobEnd(execution);

        String after = scrape();
        assertEquals(
                5.0,
                value(after, "consent_decisions_total", "rule=\"UNKNOWN_CONTACT\"")
                        - value(before, "consent_decisions_total", "rule=\"UNKNOWN_CONTACT\""),
                "3 single and 2 bulk decisions for strangers");
        assertEquals(2.0, value(after, "consent_bulk_addresses_total") - value(before, "consent_bulk_addresses_total"));
        assertEquals(
                1.0,
                value(after, "consent_optouts_total", "source=\"ONE_CLICK\"")
                        - value(before, "consent_optouts_total", "source=\"ONE_CLICK\""),
                () -> Arrays.stream(after.split("\n"))
                        .filter(l -> l.contains("optouts"))
                        .toList()
                        .toString());
        assertTrue(value(after, "consent_decision_duration_seconds_count")
                        - value(before, "consent_decision_duration_seconds_count")
                >= 3.0);
        assertTrue(after.contains("consent_decision_duration_seconds_bucket"), "latency is a histogram");
        assertEquals(
                1.0,
                value(after, "consent_job_runs_total", "job=\"reactivation-flag\"", "status=\"COMPLETED\"")
                        - value(before, "consent_job_runs_total", "job=\"reactivation-flag\"", "status=\"COMPLETED\""));
        assertTrue(after.contains("consent_webhook_messages{"), "webhook backlog");
        assertTrue(after.contains("consent_mail_outbox_waiting"), "mail backlog");
    }

    @Test
    void theDashboardAndTheAlertsNameOnlyMetricsTheServerPublishes() throws Exception {
        awaitJobEnd(Api.post(ADMIN, "/api/v1/jobs/reactivation-flag", "")
                .expect(202)
                .json()
                .getJsonNumber("executionId")
                .longValue());
        String published = scrape();
        for (String file : List.of("grafana-dashboard.json", "alerts.yml")) {
            String text = Files.readString(Path.of("..", "docs", "monitoring", file));
            Matcher names = Pattern.compile("consent_[a-z_]+").matcher(text);
            int found = 0;
            while (names.find()) {
                String name = names.group();
                found++;
                assertTrue(
                        published.contains("\n" + name + "{")
                                || published.contains("# TYPE " + name.replaceAll("_(total|bucket)$", "") + " "),
                        file + " names " + name + ", which /metrics does not publish");
            }
            assertTrue(found >= 8, file + " names the service's metrics");
        }
    }

    /**
     * A scrape answers within Prometheus's default timeout (10 s) while the database does not answer the backlogs'
     * counts — here on PostgreSQL, its outbox table locked by another session (harmless to the other tests: the
     * PostgreSQL run's classes run one after the other): the outbox's backlogs are NaN, the counters answer. Until 2026-12-07
     * each gauge waited for the database in turn and a scrape during an outage took 50 s, so the fail-closed alert
     * could not fire (tester AS's F2). Once the database answers, they count again.
     */
    @Test
    void aScrapeAnswersInTimeWhileTheDatabaseMakesTheBacklogsWait() throws Exception {
        assumeTrue(Fixtures.onPostgresql(), "a lock another session holds, on the PostgreSQL run");
        HttpRequest scrape = HttpRequest.newBuilder(URI.create(Api.BASE + "/metrics"))
                .timeout(java.time.Duration.ofSeconds(10))
                .build();
        String purpose = Fixtures.purpose(false);
        double unknownBefore = value(scrape(), "consent_decisions_total", "rule=\"UNKNOWN_CONTACT\"");
        try (Connection locker = DriverManager.getConnection(System.getProperty("it.pg.url"), "consent", "consent")) {
            locker.setAutoCommit(false);
            try (Statement lock = locker.createStatement()) {
                lock.execute("LOCK TABLE mail_outbox IN ACCESS EXCLUSIVE MODE");
            }
            try {
                // A decision needs no outbox: it is answered, and counted, while the lock holds.
                Api.post(CAMPAIGN, "/api/v1/decisions", """
                                {"email":"%s","purpose":"%s","channel":"EMAIL"}""".formatted(Api.uniqueEmail(), purpose))
                        .expect(200);
                long began = System.nanoTime();
                HttpResponse<String> during =
                        HttpClient.newHttpClient().send(scrape, HttpResponse.BodyHandlers.ofString());
                long tookMillis = (System.nanoTime() - began) / 1_000_000;
                assertEquals(200, during.statusCode());
                // The outbox's reading waits on the lock, and the scrape waits for it 1.5 s, not once per gauge (each
                // of the five gauges waited 1.5 s on its own until 2026-12-07, review 42): well within Prometheus's
                // default 10 s. The webhooks' table is not locked: its gauges answer (review 43).
                assertTrue(tookMillis < 5_000, "the scrape took " + tookMillis + " ms");
                for (String backlog : List.of("consent_mail_outbox_waiting", "consent_mail_outbox_failing")) {
                    assertTrue(Double.isNaN(value(during.body(), backlog)), backlog + " in " + during.body());
                }
                assertFalse(
                        Double.isNaN(value(during.body(), "consent_webhook_messages")),
                        "the webhooks' backlog in " + during.body());
                assertEquals(
                        unknownBefore + 1,
                        value(during.body(), "consent_decisions_total", "rule=\"UNKNOWN_CONTACT\""),
                        "the counters answer, this test's decision counted");
            } finally {
                locker.rollback();
            }
        }
        // Counted again once the database answers: the gauge says what the table holds.
        double waiting = Double.NaN;
        long held = -1;
        try (Connection reader = DriverManager.getConnection(System.getProperty("it.pg.url"), "consent", "consent");
                Statement count = reader.createStatement()) {
            for (int i = 0; i < 100 && waiting != held; i++) {
                Thread.sleep(100);
                try (ResultSet rows = count.executeQuery("SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NULL")) {
                    rows.next();
                    held = rows.getLong(1);
                }
                waiting = value(scrape(), "consent_mail_outbox_waiting");
            }
        }
        assertEquals(held, waiting, "counted again once the database answers");
    }

    static String scrape() {
        Api.Answer answer = Api.get(Api.User.NOBODY, "/metrics").expect(200);
        assertTrue(answer.contentType().startsWith("text/plain"), answer.contentType());
        return answer.body();
    }

    /** The value of the sample {@code name} whose labels contain every one of {@code labels}; 0 when absent. */
    static double value(String exposition, String name, String... labels) {
        return Arrays.stream(exposition.split("\n"))
                .filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .filter(line -> Arrays.stream(labels).allMatch(line::contains))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }

    private static void awaitJobEnd(long execution) throws InterruptedException {
        for (int i = 0; i < 300; i++) {
            String status = Api.get(ADMIN, "/api/v1/jobs/executions/" + execution)
                    .expect(200)
                    .json()
                    .getString("status");
            if (!status.equals("STARTING") && !status.equals("STARTED")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("job " + execution + " did not end");
    }
}
