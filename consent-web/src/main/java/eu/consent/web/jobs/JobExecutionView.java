package eu.consent.web.jobs;

import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.Metric;
import jakarta.batch.runtime.StepExecution;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A job execution with its steps and their metrics (read, write, skip, commit, rollback counts). */
public record JobExecutionView(
        long executionId,
        String jobName,
        String status,
        String exitStatus,
        Instant createdAt,
        Instant startedAt,
        Instant endedAt,
        List<StepView> steps) {

    public record StepView(
            String name,
            String status,
            String exitStatus,
            Instant startedAt,
            Instant endedAt,
            Map<String, Long> metrics) {

        static StepView of(StepExecution s) {
            Map<String, Long> metrics = new LinkedHashMap<>();
            if (s.getMetrics() != null) {
                for (Metric m : s.getMetrics()) {
                    metrics.put(camel(m.getType().name()), m.getValue());
                }
            }
            return new StepView(
                    s.getStepName(),
                    s.getBatchStatus().name(),
                    s.getExitStatus(),
                    instant(s.getStartTime()),
                    instant(s.getEndTime()),
                    metrics);
        }
    }

    public static JobExecutionView of(JobExecution e, List<StepExecution> steps) {
        return new JobExecutionView(
                e.getExecutionId(),
                e.getJobName(),
                e.getBatchStatus().name(),
                e.getExitStatus(),
                instant(e.getCreateTime()),
                instant(e.getStartTime()),
                instant(e.getEndTime()),
                steps.stream().map(StepView::of).toList());
    }

    private static Instant instant(Date date) {
        return date == null ? null : date.toInstant();
    }

    /** READ_COUNT → readCount. */
    private static String camel(String name) {
        StringBuilder out = new StringBuilder();
        boolean upper = false;
        for (char c : name.toLowerCase(java.util.Locale.ROOT).toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }
}
