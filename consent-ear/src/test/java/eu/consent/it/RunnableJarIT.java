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
     * Started, killed as a machine's crash kills it (the launcher and Liberty's JVM at once, nothing cleaned up), and
     * started again the same way: until 2026-12-07 the README's `java -jar` with a folder of its own could not start
     * again ("Directory already exists", and nothing else), and without one each start was a new member whose crashed
     * jobs nobody could restart (tester AS's F1).
     */
    @Test
    void theRunnableJarStartsWithTheServersVariablesAndStartsAgainAfterACrash() throws Exception {
        assertTrue(Files.isRegularFile(JAR), "mvn package made " + JAR);
        assertTrue(Files.isRegularFile(LAUNCHER), "mvn package put the launcher beside it: " + LAUNCHER);
        Path home = JAR.resolveSibling("it-data-runnable");
        // A fresh folder each run: the database starts empty.
        deleteTree(home);
        Files.createDirectories(home);
        String purpose = Api.uniqueKey("jar");
        Process first = start(home, "first.log");
        try {
            awaitReady(first, home.resolve("first.log"));
            Api.Answer purposes =
                    Api.get(Api.User.INTEGRATION, BASE + "/api/v1/purposes").expect(200);
            assertTrue(purposes.json().containsKey("items"), purposes.body());
            Api.get(Api.User.NOBODY, BASE + "/api/v1/purposes").problem(401);
            // No reverse proxy is trusted by default: a client's X-Forwarded-Proto makes no redirect https:// (the
            // container believed it from anyone until 2026-12-07, tester AL's F5).
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
            // A second start while this one runs is refused, before it touches the running server's folder.
            Process twice = launcher(home, "twice.log").start();
            assertTrue(twice.waitFor(60, TimeUnit.SECONDS), "the second start ends at once");
            assertEquals(1, twice.exitValue(), Files.readString(home.resolve("twice.log")));
            assertTrue(Files.readString(home.resolve("twice.log")).contains("stop it first"));
        } finally {
            crash(first);
        }
        assertTrue(Files.isDirectory(home.resolve("server/wlp")), "the crash left the unpacked server behind");
        Process again = start(home, "again.log");
        try {
            awaitReady(again, home.resolve("again.log"));
            String listed = Api.get(Api.User.INTEGRATION, BASE + "/api/v1/purposes")
                    .expect(200)
                    .body();
            assertTrue(listed.contains(purpose), "the database outlived the crash: " + listed);
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

    private static ProcessBuilder launcher(Path home, String log) {
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
        return command;
    }

    private static Process start(Path home, String log) throws java.io.IOException {
        return launcher(home, log).start();
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
