package eu.consent.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * The runnable jar that {@code mvn package} makes (target/consent-server.jar) is a whole server: started by its
 * launcher (target/consent-server.sh) with the same variables as any server (here as environment variables), it
 * becomes ready and answers an authenticated call; after a crash it starts again from the same folder, as the same
 * member, with what it wrote kept.
 *
 * <p>It runs in the Derby run's second thread, with {@link ClusterIT}: most of its time is the server's starts. Its
 * resource is the jar's ports and folder: its methods run one after the other.
 */
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock("consent-server.jar")
@ResourceLock(ExposedServerIT.SERVERS_OF_THEIR_OWN)
class RunnableJarIT {

    private static final Path JAR =
            Path.of(System.getProperty("it.runnable.jar", "consent-ear/target/consent-server.jar"));
    private static final Path LAUNCHER = JAR.resolveSibling("consent-server.sh");
    private static final int PORT = Integer.getInteger("it.runnable.http.port", 9185);
    private static final int HTTPS_PORT = Integer.getInteger("it.runnable.https.port", 9548);
    private static final String BASE = "http://localhost:" + PORT;

    /**
     * Started on PostgreSQL, killed as a machine's crash kills it (the launcher and Liberty's JVM at once, nothing
     * cleaned up), and started again the same way while the database does not answer; once it answers, the server
     * becomes ready by itself. Until 2026-12-07 the README's `java -jar` with a folder of its own could not start again
     * ("Directory already exists", and nothing else), and without one each start was a new member whose crashed jobs
     * nobody could restart (tester AS's F1); and a server started while its database was down never started its
     * application, answering 404 — a one-click's included — for good, while its liveness said UP (AS's F3).
     */
    @Test
    void theServerStartsAgainAfterACrashAndWaitsForItsDatabase() throws Exception {
        assertTrue(Files.isRegularFile(JAR), "mvn package made " + JAR);
        assertTrue(Files.isRegularFile(LAUNCHER), "mvn package put the launcher beside it: " + LAUNCHER);
        Path home = JAR.resolveSibling("it-data-runnable");
        // A fresh folder each run.
        deleteTree(home);
        Files.createDirectories(home);
        URI database = URI.create(System.getProperty("it.pg.runnable.url").substring("jdbc:".length()));
        try (DatabaseRelay relay = new DatabaseRelay(database.getHost(), database.getPort())) {
            relay.up();
            String url = "jdbc:postgresql://127.0.0.1:" + relay.port() + database.getPath();
            String purpose = Api.uniqueKey("jar");
            String oneClick;
            String contact;
            Process first = start(home, url, "first.log");
            try {
                awaitReady(first, home.resolve("first.log"));
                Api.Answer purposes =
                        Api.get(Api.User.INTEGRATION, BASE + "/api/v1/purposes").expect(200);
                assertTrue(purposes.json().containsKey("items"), purposes.body());
                Api.get(Api.User.NOBODY, BASE + "/api/v1/purposes").problem(401);
                // No reverse proxy is trusted by default: a client's X-Forwarded-Proto makes no redirect https://
                // (the container believed it from anyone until 2026-12-07, tester AL's F5).
                HttpResponse<Void> console = HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create(BASE + "/console/"))
                                        .header("X-Forwarded-Proto", "https")
                                        .build(),
                                HttpResponse.BodyHandlers.discarding());
                String location = console.headers().firstValue("Location").orElse("");
                assertTrue(
                        console.statusCode() == 303 && location.startsWith(BASE + "/console/login"),
                        console.statusCode() + " " + location);
                Api.post(Api.User.ADMIN, BASE + "/api/v1/purposes", """
                                {"key":"%s","kind":"PROSPECTING","channels":["EMAIL"],"doubleOptIn":false,
                                 "similarToPurchases":false,"names":{"en":"Kept"}}""".formatted(purpose))
                        .expect(201);
                contact = Api.post(Api.User.INTEGRATION, BASE + "/api/v1/contacts", """
                                {"email":"%s","country":"FR","locale":"en","audience":"B2C","customer":false}""".formatted(Api.uniqueEmail()))
                        .expect(201)
                        .json()
                        .getString("id");
                oneClick = Api.post(
                                Api.User.CAMPAIGN,
                                BASE + "/api/v1/unsubscribe-links",
                                "{\"contactId\":\"" + contact + "\"}")
                        .expect(200)
                        .json()
                        .getString("unsubscribeUrl");
                // A second start while this one runs is refused, before it touches the running server's folder.
                Process twice = launcher(home, url, "twice.log").start();
                assertTrue(twice.waitFor(60, TimeUnit.SECONDS), "the second start ends at once");
                assertEquals(1, twice.exitValue(), Files.readString(home.resolve("twice.log")));
                assertTrue(Files.readString(home.resolve("twice.log")).contains("stop it first"));
            } finally {
                crash(first);
            }
            assertTrue(Files.isDirectory(home.resolve("server/wlp")), "the crash left the unpacked server behind");

            relay.down();
            Process again = start(home, url, "again.log");
            try {
                awaitLive(again, home.resolve("again.log"));
                assertEquals(
                        503, Api.get(Api.User.NOBODY, BASE + "/health/ready").status());
                Api.Answer waiting = Api.get(Api.User.INTEGRATION, BASE + "/api/v1/purposes");
                waiting.problem(503);
                assertTrue(waiting.body().contains("waits for its database"), waiting.body());
                Api.post(Api.User.CAMPAIGN, BASE + "/api/v1/decisions", """
                                {"contactId":"%s","purpose":"%s","channel":"EMAIL"}""".formatted(contact, purpose))
                        .problem(503);
                assertEquals(
                        1.0,
                        MetricsIT.value(
                                Api.get(Api.User.NOBODY, BASE + "/metrics")
                                        .expect(200)
                                        .body(),
                                "consent_decisions_unavailable_total"),
                        "this fresh server's one decision, refused for want of the database, counted as failing closed (tester AU's F1)");
                HttpResponse<String> console = HttpClient.newHttpClient()
                        .send(
                                HttpRequest.newBuilder(URI.create(BASE + "/console/login"))
                                        .build(),
                                HttpResponse.BodyHandlers.ofString());
                assertEquals(503, console.statusCode());
                assertTrue(
                        console.headers().firstValue("Content-Type").orElse("").startsWith("text/html")
                                && console.headers()
                                        .firstValue("Content-Security-Policy")
                                        .isPresent(),
                        "the console's own page, not the problem's JSON (tester AU's F5): " + console.headers());
                HttpResponse<String> refused = Recipients.post(oneClick, Map.of("List-Unsubscribe", "One-Click"));
                assertEquals(503, refused.statusCode(), "not a 404 that says the link is dead: " + refused.body());
                assertTrue(refused.headers().firstValue("Retry-After").isPresent());

                relay.up();
                awaitReady(again, home.resolve("again.log"));
                String listed = Api.get(Api.User.INTEGRATION, BASE + "/api/v1/purposes")
                        .expect(200)
                        .body();
                assertTrue(listed.contains(purpose), "the same database: " + listed);
                assertEquals(
                        200,
                        Recipients.post(oneClick, Map.of("List-Unsubscribe", "One-Click"))
                                .statusCode());
                assertEquals(
                        "SUPPRESSED_UNSUBSCRIBED",
                        Api.post(Api.User.CAMPAIGN, BASE + "/api/v1/decisions", """
                                        {"contactId":"%s","purpose":"%s","channel":"EMAIL"}""".formatted(contact, purpose))
                                .expect(200)
                                .json()
                                .getString("rule"),
                        "the one-click it had refused is recorded once it answers");

                // A database that hangs: a decision fails closed within its deadline (consent.decisions.timeout, 5 s),
                // counted, where it waited as long as the database hung until 2026-12-07 (tester AU's F6: 80 s); the
                // client's own 60 s would have ended this request first. Thawed, the same decision is answered.
                relay.freeze();
                try {
                    Api.Answer held =
                            Api.post(Api.User.CAMPAIGN, BASE + "/api/v1/decisions", """
                                    {"contactId":"%s","purpose":"%s","channel":"EMAIL"}""".formatted(contact, purpose));
                    held.problem(503);
                    assertTrue(held.body().contains("did not answer within"), held.body());
                    assertEquals(
                            2.0,
                            MetricsIT.value(
                                    Api.get(Api.User.NOBODY, BASE + "/metrics")
                                            .expect(200)
                                            .body(),
                                    "consent_decisions_unavailable_total"),
                            "the held decision counted as failing closed, as the refused one before it");
                } finally {
                    relay.thaw();
                }
                long thawed = System.currentTimeMillis() + 60_000;
                int status;
                while ((status = Api.post(
                                        Api.User.CAMPAIGN, BASE + "/api/v1/decisions", """
                                        {"contactId":"%s","purpose":"%s","channel":"EMAIL"}""".formatted(contact, purpose))
                                .status())
                        != 200) {
                    assertTrue(System.currentTimeMillis() < thawed, "decisions answered again once thawed: " + status);
                    Thread.sleep(500);
                }
                try (var logs = Files.list(home.resolve("output/consentPackage/logs"))) {
                    assertTrue(
                            logs.filter(p -> p.getFileName().toString().startsWith("messages"))
                                            .count()
                                    >= 2,
                            "the first run's log is kept beside the second's");
                }
            } finally {
                again.destroy();
                if (!again.waitFor(90, TimeUnit.SECONDS)) {
                    crash(again);
                }
            }
        }
    }

    private static ProcessBuilder launcher(Path home, String databaseUrl, String log) {
        ProcessBuilder command = new ProcessBuilder(List.of("sh", LAUNCHER.toString()))
                .redirectErrorStream(true)
                .redirectOutput(home.resolve(log).toFile());
        Map<String, String> env = command.environment();
        env.put("CONSENT_HOME", home.toString());
        env.put("JAVA_HOME", System.getProperty("java.home"));
        // The test servers' C1-only compilation (src/test/liberty/jit/jvm.options): a start 4-5 s shorter.
        env.put("JAVA_OPTS", "-XX:TieredStopAtLevel=1");
        env.put("HTTP_PORT", Integer.toString(PORT));
        env.put("HTTPS_PORT", Integer.toString(HTTPS_PORT));
        env.put("CONSENT_DB_TYPE", "postgresql");
        env.put("CONSENT_DB_URL", databaseUrl);
        env.put("CONSENT_DB_USER", "consent");
        env.put("CONSENT_DB_PASSWORD", "consent");
        return command;
    }

    private static Process start(Path home, String databaseUrl, String log) throws java.io.IOException {
        return launcher(home, databaseUrl, log).start();
    }

    /** Until the application answers its liveness (its own check listed: the application started). */
    private static void awaitLive(Process server, Path log) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 480_000;
        while (true) {
            try {
                Api.Answer live = Api.get(Api.User.NOBODY, BASE + "/health/live");
                if (live.status() == 200 && live.body().contains("application")) {
                    return;
                }
            } catch (RuntimeException e) {
                // not listening yet
            }
            assertTrue(server.isAlive(), "the server ended early; see " + log);
            assertTrue(System.currentTimeMillis() < deadline, "not live after 480 s; see " + log);
            Thread.sleep(1000);
        }
    }

    private static void awaitReady(Process server, Path log) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 480_000;
        while (!ready()) {
            assertTrue(server.isAlive(), "the server ended early; see " + log);
            assertTrue(System.currentTimeMillis() < deadline, "not ready after 480 s; see " + log);
            Thread.sleep(1000);
        }
    }

    /** As a machine's crash: every process of the server killed at once, nothing cleaned up. */
    private static void crash(Process server) throws InterruptedException {
        List<ProcessHandle> all = server.descendants().toList();
        server.destroyForcibly();
        all.forEach(ProcessHandle::destroyForcibly);
        server.waitFor(30, TimeUnit.SECONDS);
        for (ProcessHandle p : all) {
            p.onExit().orTimeout(30, TimeUnit.SECONDS).exceptionally(e -> p).join();
        }
        // The port is free once Liberty's JVM is gone.
        long deadline = System.currentTimeMillis() + 30_000;
        while (ready() && System.currentTimeMillis() < deadline) {
            Thread.sleep(200);
        }
    }

    private static void deleteTree(Path root) throws java.io.IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (var paths = Files.walk(root)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static boolean ready() {
        try {
            Api.Answer answer = Api.get(Api.User.NOBODY, BASE + "/health/ready");
            return answer.status() == 200 && answer.body().contains("UP");
        } catch (RuntimeException e) {
            return false;
        }
    }
}
