package eu.consent.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Waits, before the first test of a run, for the server the run tests ({@code it.base.url}) to answer
 * {@code /health/ready}: the servers on PostgreSQL start in the background while the Derby run goes on
 * ({@code start-in-background.sh}), so the PostgreSQL run may begin before its server is ready. A server that is not
 * ready within {@code it.server.wait-seconds} (300) fails the run's tests with their own errors; this says why first.
 */
public final class ServerReadiness implements LauncherSessionListener {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        String base = System.getProperty("it.base.url");
        if (base != null) {
            await(base, Duration.ofSeconds(Long.getLong("it.server.wait-seconds", 300)));
        }
    }

    /** Returns once {@code base}'s {@code /health/ready} answers 200, or after {@code within}, saying so. */
    static boolean await(String base, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        HttpRequest ready = HttpRequest.newBuilder(URI.create(base + "/health/ready"))
                .timeout(Duration.ofSeconds(10))
                .build();
        while (true) {
            try {
                if (HTTP.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return true;
                }
            } catch (java.io.IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            if (System.nanoTime() > deadline) {
                System.err.println(base + " was not ready after " + within.toSeconds() + " s: see its server's logs");
                return false;
            }
            try {
                Thread.sleep(500);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }
}
