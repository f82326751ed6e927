package eu.consent.it;

import static eu.consent.it.Api.User.ADMIN;
import static eu.consent.it.Api.User.CAMPAIGN;
import static eu.consent.it.Api.User.INTEGRATION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import eu.consent.schema.SchemaMigrator;
import jakarta.json.JsonObject;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * Two servers, A ({@code it.base.url}) and B ({@code it.cluster.b.url}), sharing one PostgreSQL database and one
 * upload folder, as a cluster behind a load balancer: what one server committed, the other sees and acts on. Run by
 * the {@code cluster} execution of the build only (both servers must be up). Both run the nightly jobs every minute.
 * The crash of A comes last ({@link Order}): every other test needs both servers, and none depends on another's data.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final String A = Api.BASE;
    private static final String B = System.getProperty("it.cluster.b.url", "http://localhost:9184");
    private static final String NEXT_TIMEOUT = "nextTimeout";
    private static final String MEMBER = "member";
    private static final int SMTP_PORT = Integer.getInteger("it.smtp.port", 3925);
    private static GreenMail smtp;

    @BeforeAll
    static void startMail() {
        smtp = new GreenMail(new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
    }

    @AfterAll
    static void stopMail() {
        smtp.stop();
    }

    /** Two servers starting at once on an empty database: Liquibase's lock lets one migrate; the other waits. */
    @Test
    void twoMigrationsAtOnceOnAnEmptyDatabaseApplyEachScriptOnce() throws Exception {
        PGSimpleDataSource empty = new PGSimpleDataSource();
        empty.setURL(System.getProperty("it.pg.migration.url", "jdbc:postgresql://127.0.0.1:55432/consent_migration"));
        empty.setUser("consent");
        empty.setPassword("consent");
        ExecutorService servers = Executors.newFixedThreadPool(2);
        try {
            Callable<Integer> start = () -> new SchemaMigrator(empty).migrate();
            Future<Integer> first = servers.submit(start);
            Future<Integer> second = servers.submit(start);
            int applied = first.get() + second.get();
            try (Connection c = empty.getConnection();
                    Statement s = c.createStatement();
                    ResultSet scripts = s.executeQuery("SELECT COUNT(*), COUNT(DISTINCT id) FROM databasechangelog");
                    ResultSet head = c.createStatement().executeQuery("SELECT COUNT(*) FROM audit_head")) {
                scripts.next();
                head.next();
                assertEquals(scripts.getInt(1), applied, "every script applied by one of the two, once");
                assertEquals(scripts.getInt(1), scripts.getInt(2));
                assertTrue(applied >= 7, "at least the scripts of 0.1");
                assertEquals(1, head.getInt(1), "V001's seed row inserted once");
            }
        } finally {
            servers.shutdownNow();
        }
    }

    @Test
    void bothServersAreReadyOnTheSameSchema() {
        for (String server : List.of(A, B)) {
            Api.Answer ready =
                    Api.get(Api.User.NOBODY, server + "/health/ready").expect(200);
            assertTrue(ready.body().contains("UP"), ready.body());
        }
        String purpose = Fixtures.purpose(false);
        Api.get(INTEGRATION, B + "/api/v1/purposes/" + purpose).expect(200);
    }

    @Test
    void anOptOutThroughAIsDeniedByTheVeryNextDecisionOnB() throws Exception {
        String purpose = Fixtures.purpose(false);
        String notice = Fixtures.notice(purpose, "fr", "Oui, envoyez-moi les bons plans");
        String id = Fixtures.contact(Api.uniqueEmail(), "fr");
        Api.post(INTEGRATION, "/api/v1/consents", Fixtures.event(id, purpose, "EMAIL", "GRANT", notice, null))
                .expect(201);
        assertTrue(decide(B, id, purpose).getBoolean("allowed"), "B sees the grant made through A");
        // Asked again, B answers from its warm projection of the contact: the case the opt-out below must break.
        assertTrue(decide(B, id, purpose).getBoolean("allowed"), "B's projection holds the grant");

        String url = Api.post(CAMPAIGN, "/api/v1/unsubscribe-links", "{\"contactId\":\"" + id + "\"}")
                .expect(200)
                .json()
                .getString("unsubscribeUrl");
        assertTrue(url.startsWith(A), url);
        HttpResponse<String> oneClick = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create(url))
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .POST(BodyPublishers.ofString("List-Unsubscribe=One-Click"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertEquals(200, oneClick.statusCode());

        JsonObject onB = decide(B, id, purpose);
        assertFalse(onB.getBoolean("allowed"), onB.toString());
        assertEquals("SUPPRESSED_UNSUBSCRIBED", onB.getString("rule"));
    }

    @Test
    void anIdempotencyKeyUsedOnAReplaysOnB() {
        String key = Api.uniqueKey("cluster");
        String body = "{\"email\":\"" + Api.uniqueEmail() + "\",\"channel\":\"EMAIL\",\"reason\":\"MANUAL\"}";
        Api.Answer first = Api.sendWithHeaders(ADMIN, "POST", A + "/api/v1/suppressions", body, "Idempotency-Key", key)
                .expect(201);
        Api.Answer again = Api.sendWithHeaders(ADMIN, "POST", B + "/api/v1/suppressions", body, "Idempotency-Key", key)
                .expect(201);
        assertEquals("true", again.header("Idempotent-Replayed"));
        assertEquals(first.json().getString("id"), again.json().getString("id"));
        Api.sendWithHeaders(
                        ADMIN,
                        "POST",
                        B + "/api/v1/suppressions",
                        body.replace("MANUAL", "COMPLAINT"),
                        "Idempotency-Key",
                        key)
                .problem(422);
    }

    @Test
    void anImportUploadedToAIsFollowedOnBAndImportsEachRowOnce() {
        String purpose = Fixtures.purpose(false);
        String notice = Fixtures.notice(purpose, "fr", "Recevez nos offres");
        String batch = Api.uniqueKey("cluster");
        int rows = 1200;
        String occurredAt = Fixtures.daysAgo(30);
        StringBuilder file = new StringBuilder(
                "email,country,locale,audience,customer,purpose,channel,action,noticeId,occurredAt\n");
        for (int i = 0; i < rows; i++) {
            file.append("cl-%d-%s@example.com,FR,fr,B2C,false,%s,EMAIL,GRANT,%s,%s\n"
                    .formatted(i, batch, purpose, notice, occurredAt));
        }
        Api.Answer accepted = Api.send(
                        INTEGRATION,
                        "POST",
                        A + "/api/v1/imports?chunkSize=100",
                        "text/csv",
                        BodyPublishers.ofString(file.toString(), StandardCharsets.UTF_8))
                .expect(202);
        String id = accepted.json().getString("id");

        JsonObject done = awaitImport(B, id);
        assertEquals("COMPLETED", done.getString("status"), done.toString());
        assertEquals(rows, done.getInt("read"));
        assertEquals(rows, done.getInt("imported"), "each row once, whichever server reads the shared file");
        assertEquals(0, done.getInt("updated"));
        assertEquals(
                done.toString(),
                Api.get(INTEGRATION, A + "/api/v1/imports/" + id)
                        .expect(200)
                        .json()
                        .toString(),
                "both servers show the same progress");
        Api.post(INTEGRATION, B + "/api/v1/imports/" + id + "/restart", "").problem(409);
    }

    @Test
    void aConfirmationMailIsRelayedOnceWhileBothServersPollTheOutbox() throws Exception {
        String purpose = Fixtures.purpose(true);
        String notice = Fixtures.notice(purpose, "fr", "Confirmez votre inscription");
        String email = Api.uniqueEmail();
        String id = Fixtures.contact(email, "fr");
        Api.post(INTEGRATION, B + "/api/v1/consents", Fixtures.event(id, purpose, "EMAIL", "GRANT", notice, null))
                .expect(201);
        long deadline = System.currentTimeMillis() + 30_000;
        while (received(email) == 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
        assertEquals(1, received(email), "the message arrives");
        // Both relays poll every second: give each several more passes at the same outbox.
        Thread.sleep(5_000);
        assertEquals(1, received(email), "and only once");
    }

    /**
     * With both servers up, each nightly job ran once per expiration of its timer (told apart by the timer's next
     * expiration, which each run records): one job instance each in the job repository, whichever member took it, and
     * both servers report the same history.
     */
    @Test
    void eachNightlyJobRunsOncePerScheduledTimeWithBothServersUp() throws Exception {
        List<String> timers = Api.get(ADMIN, B + "/api/v1/jobs/schedule").expect(200).structure().asJsonArray().stream()
                .map(timer -> timer.asJsonObject().getString("job"))
                .sorted()
                .toList();
        assertEquals(ClusterMembers.NIGHTLY.stream().sorted().toList(), timers, "one timer per job for the cluster");
        for (String job : ClusterMembers.NIGHTLY) {
            ClusterMembers.await(
                    200,
                    job + " run at two expirations",
                    () -> expirations(B, job).size() >= 2);
            Map<String, Set<Long>> onB = expirations(B, job);
            Map<String, Set<Long>> onA = expirations(A, job);
            onB.forEach((next, instances) -> {
                assertEquals(1, instances.size(), job + " expiration before " + next + " ran as " + instances);
                if (onA.containsKey(next)) {
                    assertEquals(instances, onA.get(next), "A and B show the same run of " + job + " before " + next);
                }
            });
        }
    }

    /**
     * A crash of server A in the middle of an import it was running: B takes over A's timers (the next expirations of
     * every nightly job run on B, once each), and once A is back — Liberty marks the executions of a crashed server
     * FAILED when it starts again — the import is restarted through B and imports each row exactly once. Last: A is
     * down for minutes (the failover waits for Liberty's shortest missed-task threshold, 100 s).
     */
    @Test
    @Order(Integer.MAX_VALUE)
    void aServerKilledMidImportHasItsScheduleAndItsImportTakenOverByB() throws Exception {
        String purpose = Fixtures.purpose(false);
        String notice = Fixtures.notice(purpose, "fr", "Offres des partenaires");
        String batch = Api.uniqueKey("crash");
        int rows = 30_000;
        String occurredAt = Fixtures.daysAgo(10);
        StringBuilder file = new StringBuilder(
                "email,country,locale,audience,customer,purpose,channel,action,noticeId,occurredAt\n");
        for (int i = 0; i < rows; i++) {
            file.append("crash-%d-%s@example.com,FR,fr,B2C,false,%s,EMAIL,GRANT,%s,%s\n"
                    .formatted(i, batch, purpose, notice, occurredAt));
        }
        // Kill between two minutes' runs: a nightly job killed with A would stay STARTED until A is back, and a job
        // still running is not started again (on any member).
        ClusterMembers.await(120, "a minute with no nightly job running on the cluster", ClusterIT::quietMoment);
        String id = Api.send(
                        INTEGRATION,
                        "POST",
                        A + "/api/v1/imports?chunkSize=50",
                        "text/csv",
                        BodyPublishers.ofString(file.toString(), StandardCharsets.UTF_8))
                .expect(202)
                .json()
                .getString("id");
        ClusterMembers.await(
                60, "the first chunks of the import", () -> progress(A, id).getInt("read") > 0);
        ClusterMembers.kill("consentClusterA");
        Instant killed = Instant.now();

        JsonObject orphan = progress(B, id);
        assertTrue(orphan.getInt("read") < rows, "killed in the middle: " + orphan);
        assertEquals("STARTED", orphan.getString("status"), "the crashed run stays STARTED: " + orphan);

        ClusterMembers.await(330, "B to run every nightly job after A died", () -> ClusterMembers.NIGHTLY.stream()
                .allMatch(job -> ClusterMembers.runs(B, job).stream()
                        .anyMatch(
                                run -> Instant.parse(run.getString("createdAt")).isAfter(killed)
                                        && run.getJsonObject("parameters")
                                                .getString(MEMBER, "")
                                                .endsWith("/consentClusterB"))));

        ClusterMembers.start("consentClusterA", A);
        // The restarted A marks its crashed run FAILED when its batch container first opens the job repository.
        ClusterMembers.await(120, "A's crashed import marked FAILED", () -> "FAILED"
                .equals(progress(A, id).getString("status")));
        Api.post(INTEGRATION, B + "/api/v1/imports/" + id + "/restart", "").expect(202);
        JsonObject done = awaitImport(B, id);
        assertEquals("COMPLETED", done.getString("status"), done.toString());
        assertEquals(rows, done.getInt("read"), "nothing lost");
        assertEquals(rows, done.getInt("imported"), "each row imported once: " + done);
        assertEquals(0, done.getInt("updated"), "no row written twice: " + done);
        assertEquals(0, done.getInt("rejected"), done.toString());
        for (int i = 0; i < rows; i += rows / 12) {
            String contact = Api.post(
                            INTEGRATION,
                            B + "/api/v1/contacts/lookup",
                            "{\"email\":\"crash-%d-%s@example.com\"}".formatted(i, batch))
                    .expect(200)
                    .json()
                    .getString("id");
            assertEquals(
                    1,
                    Api.get(INTEGRATION, B + "/api/v1/contacts/" + contact + "/consents/history")
                            .expect(200)
                            .structure()
                            .asJsonArray()
                            .size(),
                    "one consent event for row " + i);
        }
        for (String job : ClusterMembers.NIGHTLY) {
            expirations(B, job)
                    .forEach((next, instances) -> assertEquals(
                            1, instances.size(), job + " expiration before " + next + " ran as " + instances));
        }
    }

    /** Past the first seconds of a minute (the nightly jobs' start) and no nightly job running. */
    private static boolean quietMoment() {
        int second = LocalTime.now(ZoneOffset.UTC).getSecond();
        return second >= 8
                && second <= 30
                && ClusterMembers.NIGHTLY.stream()
                        .flatMap(job -> ClusterMembers.runs(B, job).stream().limit(3))
                        .noneMatch(run ->
                                List.of("STARTING", "STARTED", "STOPPING").contains(run.getString("status")));
    }

    /** The instances of a job's scheduled runs by expiration, as a server's job repository lists them. */
    private static Map<String, Set<Long>> expirations(String server, String job) {
        Map<String, Set<Long>> runs = new TreeMap<>();
        for (JsonObject run : ClusterMembers.runs(server, job)) {
            JsonObject parameters = run.getJsonObject("parameters");
            if (parameters.containsKey(NEXT_TIMEOUT)) {
                runs.computeIfAbsent(parameters.getString(NEXT_TIMEOUT), m -> new TreeSet<>())
                        .add(run.getJsonNumber("instanceId").longValue());
            }
        }
        return runs;
    }

    private static JsonObject progress(String server, String id) {
        return Api.get(INTEGRATION, server + "/api/v1/imports/" + id)
                .expect(200)
                .json();
    }

    private static long received(String email) throws MessagingException {
        long count = 0;
        for (var message : smtp.getReceivedMessages()) {
            if (Arrays.stream(message.getRecipients(Message.RecipientType.TO))
                    .anyMatch(a -> a.toString().equals(email))) {
                count++;
            }
        }
        return count;
    }

    private static JsonObject decide(String server, String contact, String purpose) {
        return Api.post(
                        CAMPAIGN,
                        server + "/api/v1/decisions",
                        "{\"contactId\":\"" + contact + "\",\"purpose\":\"" + purpose + "\",\"channel\":\"EMAIL\"}")
                .expect(200)
                .json();
    }

    private static JsonObject awaitImport(String server, String id) {
        long deadline = System.currentTimeMillis() + 300_000;
        while (true) {
            JsonObject progress = Api.get(INTEGRATION, server + "/api/v1/imports/" + id)
                    .expect(200)
                    .json();
            String status = progress.getString("status");
            if (List.of("COMPLETED", "FAILED", "STOPPED", "ABANDONED").contains(status)) {
                return progress;
            }
            assertTrue(System.currentTimeMillis() < deadline, "import still running: " + progress);
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
