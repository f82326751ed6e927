package eu.consent.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The test server's messages.log, read to put what the server logged about a failure into the test's own failure: a CI
 * run prints the tests' output, not the server's log.
 */
final class ServerLog {

    private static final int LINES = 60;

    private ServerLog() {}

    /**
     * The log's lines once one names {@code marker} (the server writes asynchronously: up to two seconds are given),
     * or null when this run knows no server log.
     */
    static List<String> linesOnce(String marker) throws IOException, InterruptedException {
        String wlp = System.getProperty("it.wlp.dir");
        if (wlp == null) {
            return null;
        }
        Path log =
                Path.of(wlp, "usr/servers", System.getProperty("it.server.name", "consentTest"), "logs/messages.log");
        List<String> lines = List.of();
        for (int attempt = 0; attempt < 20; attempt++) {
            lines = Files.readAllLines(log);
            if (lines.stream().anyMatch(l -> l.contains(marker))) {
                return lines;
            }
            Thread.sleep(100);
        }
        return lines;
    }

    /** The lines from the first that names {@code marker}, or why there are none. */
    static String around(String marker) {
        String wlp = System.getProperty("it.wlp.dir");
        if (wlp == null || marker.isEmpty()) {
            return "(no server log known to this test run)";
        }
        Path log =
                Path.of(wlp, "usr/servers", System.getProperty("it.server.name", "consentTest"), "logs/messages.log");
        try {
            // The server writes its log asynchronously: give the lines a moment to reach the file.
            for (int attempt = 0; attempt < 20; attempt++) {
                List<String> lines = Files.readAllLines(log);
                for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i).contains(marker)) {
                        return String.join("\n", lines.subList(i, Math.min(lines.size(), i + LINES)));
                    }
                }
                Thread.sleep(100);
            }
            return "(" + marker + " is not in " + log + ")";
        } catch (IOException e) {
            return "(" + log + " unreadable: " + e + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "(interrupted reading " + log + ")";
        }
    }
}
