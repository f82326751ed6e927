package eu.consent.it;

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
 * The runnable jar that {@code mvn package} makes (target/consent-server.jar) is a whole server: started with
 * {@code java -jar} and the same variables as any server (here as environment variables), it becomes ready and answers
 * an authenticated call.
 *
 * <p>It runs beside the PostgreSQL run's classes, in a thread of its own, as {@link ClusterIT} does beside the Derby
 * run's: most of its time is the server's start. Its resource is the jar's ports and folder: its methods run one after the other.
 */
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock("consent-server.jar")
@ResourceLock(ExposedServerIT.SERVERS_OF_THEIR_OWN)
class RunnableJarIT {

    private static final Path JAR =
            Path.of(System.getProperty("it.runnable.jar", "consent-ear/target/consent-server.jar"));
    private static final int PORT = Integer.getInteger("it.runnable.http.port", 9185);
    private static final int HTTPS_PORT = Integer.getInteger("it.runnable.https.port", 9548);

    @Test
    void theRunnableJarStartsWithTheServersVariablesAndServesTheApi() throws Exception {
        assertTrue(Files.isRegularFile(JAR), "mvn package made " + JAR);
        Path work = JAR.resolveSibling("it-data-runnable");
        // A fresh folder each run: the jar refuses to extract Liberty into a folder a previous run left behind, and
        // the database starts empty.
        deleteTree(work);
        Files.createDirectories(work);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // The JVM starts before Liberty reads jvm.options: its two settings are given on the command line, with the
        // test servers' C1-only compilation (src/test/liberty/jit/jvm.options: a start 4-5 s shorter).
        ProcessBuilder command = new ProcessBuilder(List.of(
                        java,
                        "-Duser.timezone=UTC",
                        "-Dfile.encoding=UTF-8",
                        "-XX:TieredStopAtLevel=1",
                        "-jar",
                        JAR.toString()))
                .redirectErrorStream(true)
                .redirectOutput(work.resolve("console.log").toFile());
        Map<String, String> env = command.environment();
        env.put("HTTP_PORT", Integer.toString(PORT));
        env.put("HTTPS_PORT", Integer.toString(HTTPS_PORT));
        env.put("CONSENT_DB_PATH", work.resolve("consentdb").toString());
        env.put("WLP_JAR_EXTRACT_DIR", work.resolve("wlp").toString());
        Process server = command.start();
        String base = "http://localhost:" + PORT;
        try {
            long deadline = System.currentTimeMillis() + 480_000;
            while (!ready(base)) {
                assertTrue(server.isAlive(), "the server ended early; see " + work.resolve("console.log"));
                assertTrue(System.currentTimeMillis() < deadline, "not ready after 480 s; see console.log");
                Thread.sleep(1000);
            }
            Api.Answer purposes =
                    Api.get(Api.User.INTEGRATION, base + "/api/v1/purposes").expect(200);
            assertTrue(purposes.json().containsKey("items"), purposes.body());
            Api.get(Api.User.NOBODY, base + "/api/v1/purposes").problem(401);
            // No reverse proxy is trusted by default: a client's X-Forwarded-Proto makes no redirect https:// (the
            // container believed it from anyone until 2026-12-07, tester AL's F5).
            HttpResponse<Void> console = HttpClient.newHttpClient()
                    .send(
                            HttpRequest.newBuilder(URI.create(base + "/console/"))
                                    .header("X-Forwarded-Proto", "https")
                                    .build(),
                            HttpResponse.BodyHandlers.discarding());
            String location = console.headers().firstValue("Location").orElse("");
            assertTrue(
                    console.statusCode() == 303 && location.startsWith(base + "/console/login"),
                    console.statusCode() + " " + location);
        } finally {
            server.destroy();
            if (!server.waitFor(90, TimeUnit.SECONDS)) {
                server.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
            }
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

    private static boolean ready(String base) {
        try {
            Api.Answer answer = Api.get(Api.User.NOBODY, base + "/health/ready");
            return answer.status() == 200 && answer.body().contains("UP");
        } catch (RuntimeException e) {
            return false;
        }
    }
}
