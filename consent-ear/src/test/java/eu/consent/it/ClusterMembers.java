package eu.consent.it;

import static eu.consent.it.Api.User.ADMIN;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * The members of the test cluster as an operator sees them: their Liberty processes (killed with SIGKILL, started
 * again with the server script and the bootstrap properties the build gave them) and the job history they report.
 */
final class ClusterMembers {

    /** The nightly jobs, all scheduled every minute on the cluster servers. */
    static final List<String> NIGHTLY =
            List.of("retention-purge", "reactivation-flag", "suppression-resync", "pending-expiry", "audit-verify");

    private static final Path WLP = Path.of(System.getProperty("it.wlp.dir", "consent-ear/target/liberty/wlp"));

    private ClusterMembers() {}

    /** kill -9 of a server's JVM, as a crash would: no shutdown hook, no batch or timer clean-up. */
    static void kill(String server) throws Exception {
        long pid = Long.parseLong(Files.readString(WLP.resolve("usr/servers/.pid/" + server + ".pid"))
                .strip());
        ProcessHandle process = ProcessHandle.of(pid).orElseThrow(() -> new AssertionError(server + " is not running"));
        assertTrue(process.destroyForcibly(), "SIGKILL sent to " + server);
        process.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
    }

    /**
     * Makes a running server poll for due timers every few seconds ({@code often}), or at its configured interval
     * again: a configuration drop-in beside failover.xml, which Liberty reads while the server runs and applies to the
     * persistent executor at once (its next poll starts then). The members poll rarely (100 s) while both are up, so
     * that B never races A for an expiration that A, which created the timers, is about to run; once A is dead, the
     * survivor polling often finds A's expired claims about the missed-task threshold (10 s) after they were due
     * instead of up to 100 s later.
     */
    static void pollOften(String server, boolean often) throws IOException {
        Path dropin = WLP.resolve("usr/servers/" + server + "/configDropins/overrides/poll-often.xml");
        if (often) {
            Files.writeString(
                    dropin,
                    "<server><persistentExecutor id=\"defaultEJBPersistentTimerExecutor\" pollInterval=\"3s\"/></server>");
        } else {
            Files.deleteIfExists(dropin);
        }
    }

    /** Starts a stopped server again with Liberty's own script (its bootstrap.properties hold its ports and database). */
    static void start(String server, String url) throws IOException, InterruptedException {
        ProcessBuilder script = new ProcessBuilder(WLP.resolve("bin/server").toString(), "start", server)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        script.environment().put("JAVA_HOME", System.getProperty("java.home"));
        int exit = script.start().waitFor();
        assertTrue(exit == 0, server + " start script ended with " + exit);
        await(300, server + " ready again", () -> {
            try {
                return Api.get(Api.User.NOBODY, url + "/health/ready").status() == 200;
            } catch (RuntimeException e) {
                return false;
            }
        });
    }

    /** Every execution of a job that a server's job repository lists, newest instance first. */
    static List<JsonObject> runs(String server, String job) {
        return Api.pages(ADMIN, server + "/api/v1/jobs/executions?job=" + job);
    }

    static void await(int seconds, String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.currentTimeMillis() + seconds * 1000L;
        while (!condition.getAsBoolean()) {
            assertTrue(System.currentTimeMillis() < deadline, "waited " + seconds + " s for " + what);
            Thread.sleep(500);
        }
    }
}
