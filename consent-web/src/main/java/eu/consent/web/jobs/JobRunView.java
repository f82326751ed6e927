package eu.consent.web.jobs;

import eu.consent.batch.jobs.Jobs;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * One execution in a job's history, with the parameters it ran with: for a nightly run, the member of the cluster that
 * ran it ({@code member}) and its timer's following expiration ({@code nextTimeout}, one value per expiration).
 */
public record JobRunView(
        long executionId,
        long instanceId,
        String jobName,
        String status,
        String exitStatus,
        Instant createdAt,
        Instant startedAt,
        Instant endedAt,
        Map<String, String> parameters) {

    static JobRunView of(Jobs.Run run) {
        var e = run.execution();
        return new JobRunView(
                e.getExecutionId(),
                run.instanceId(),
                e.getJobName(),
                e.getBatchStatus().name(),
                e.getExitStatus(),
                instant(e.getCreateTime()),
                instant(e.getStartTime()),
                instant(e.getEndTime()),
                parameters(run.parameters()));
    }

    private static Map<String, String> parameters(Properties properties) {
        Map<String, String> map = new TreeMap<>();
        if (properties != null) {
            properties.stringPropertyNames().forEach(name -> map.put(name, properties.getProperty(name)));
        }
        return map;
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }
}
