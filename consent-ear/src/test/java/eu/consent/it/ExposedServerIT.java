package eu.consent.it;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * A second, throw-away server built from the same runtime and EAR, listening on every interface with the development
 * secrets: the application must refuse to start and its log must say which settings to change. The test sends no
 * request to it (nothing but loopback traffic in a test).
 *
 * <p>It runs beside the PostgreSQL run's classes, in a thread of its own, as {@link ClusterIT} does beside the Derby
 * run's: most of its time is the server's start. Its resource is its server: its methods run one after the other.
 */
@Execution(ExecutionMode.CONCURRENT)
@ResourceLock(ExposedServerIT.NAME)
@ResourceLock(ExposedServerIT.SERVERS_OF_THEIR_OWN)
class ExposedServerIT {

    static final String NAME = "consentExposed";

    /**
     * The lock the classes starting servers of their own share (this one, {@link RunnableJarIT}, {@link ClusterIT}): they
     * run one after the other in a second thread. All three at once started five servers together with the Derby run's
     * first classes on CI's two cores (each start took a minute instead of fifteen seconds, 2026-12-06); this one and
     * {@link RunnableJarIT} now run beside the PostgreSQL run, which leaves a core idle.
     */
    static final String SERVERS_OF_THEIR_OWN = "servers of their own";
    /** Liberty's "the application was not started" (CWWKZ0001I says it started). */
    private static final String NOT_STARTED = "CWWKZ0012I";

    private static final Duration START_LIMIT = Duration.ofSeconds(150);

    @Test
    void developmentSecretsOnEveryInterfaceStopTheApplicationAndTheLogNamesTheSettings() throws Exception {
        Path wlp = Path.of(System.getProperty("it.wlp.dir"));
        Path server = createServer(wlp);
        Path log = server.resolve("logs/messages.log");
        try {
            run(wlp, "start");
            String messages = awaitApplicationOutcome(log);
            assertTrue(messages.contains(NOT_STARTED), "the application is not started:\n" + messages);
            assertFalse(messages.contains("CWWKZ0001I"), "the application must not start:\n" + messages);
            for (String variable : new String[] {
                "CONSENT_TOKEN_KEYS",
                "CONSENT_HASH_SECRET",
                "CONSENT_AUDIT_SECRET",
                "CONSENT_WEBHOOKS_SECRET_KEYS",
                "CONSENT_RECEIPT_KEYS",
                "CONSENT_ADMIN_PASSWORD"
            }) {
                assertTrue(messages.contains(variable), "the log names " + variable + ":\n" + messages);
            }
        } finally {
            run(wlp, "stop");
        }
    }

    private static Path createServer(Path wlp) throws IOException {
        Path template = wlp.resolve("usr/servers/" + System.getProperty("it.server.name", "consentTest"));
        Path server = wlp.resolve("usr/servers/" + NAME);
        if (Files.exists(server)) {
            try (Stream<Path> old = Files.walk(server)) {
                old.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        Files.createDirectories(server.resolve("apps"));
        Files.copy(template.resolve("server.xml"), server.resolve("server.xml"));
        Files.copy(template.resolve("jvm.options"), server.resolve("jvm.options"), StandardCopyOption.REPLACE_EXISTING);
        // The test servers' C1-only compilation, as in the template (a start 4-5 s shorter).
        Path overrides = Files.createDirectories(server.resolve("configDropins/overrides"));
        Files.copy(template.resolve("configDropins/overrides/jvm.options"), overrides.resolve("jvm.options"));
        Files.copy(template.resolve("apps/consent.ear"), server.resolve("apps/consent.ear"));
        Files.writeString(
                server.resolve("bootstrap.properties"), """
                http.host=*
                http.port=%d
                https.port=-1
                consent.db.path=%s
                consent.schedule.enabled=false
                """.formatted(freePort(), server.resolve("data/consentdb")));
        return server;
    }

    /** Waits until the log says whether the application started or failed, and returns the log. */
    private static String awaitApplicationOutcome(Path log) throws Exception {
        Instant deadline = Instant.now().plus(START_LIMIT);
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(log)) {
                String messages = Files.readString(log);
                if (messages.contains(NOT_STARTED) || messages.contains("CWWKZ0001I")) {
                    return messages;
                }
            }
            Thread.sleep(500);
        }
        return Files.exists(log) ? Files.readString(log) : "(no log)";
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void run(Path wlp, String action) throws Exception {
        ProcessBuilder command = new ProcessBuilder(wlp.resolve("bin/server").toString(), action, NAME)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        command.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Process process = command.start();
        if (!process.waitFor(START_LIMIT.toSeconds(), TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
