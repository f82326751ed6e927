package eu.consent.container;

import jakarta.batch.runtime.Metric.MetricType;
import java.util.Map;

/**
 * A chunk step's metrics in one value, so that a test states them all at once (as jberet's own tests do): items read
 * and written, items filtered by a processor, chunks committed and rolled back, and items skipped (read, process and
 * write skips together).
 */
public record StepMetrics(long read, long write, long filter, long commit, long rollback, long skip) {

    static StepMetrics of(Map<MetricType, Long> m) {
        return new StepMetrics(
                m.getOrDefault(MetricType.READ_COUNT, 0L),
                m.getOrDefault(MetricType.WRITE_COUNT, 0L),
                m.getOrDefault(MetricType.FILTER_COUNT, 0L),
                m.getOrDefault(MetricType.COMMIT_COUNT, 0L),
                m.getOrDefault(MetricType.ROLLBACK_COUNT, 0L),
                m.getOrDefault(MetricType.READ_SKIP_COUNT, 0L)
                        + m.getOrDefault(MetricType.PROCESS_SKIP_COUNT, 0L)
                        + m.getOrDefault(MetricType.WRITE_SKIP_COUNT, 0L));
    }

    /** A clean run of {@code items} items in chunks of {@code chunk}: the last chunk commits when the reader ends. */
    public static StepMetrics clean(long items, long chunk) {
        return new StepMetrics(items, items, 0, items / chunk + 1, 0, 0);
    }
}
