package eu.consent.batch.retention;

import eu.consent.retention.policy.RetentionPolicy;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.partition.PartitionMapper;
import jakarta.batch.api.partition.PartitionPlan;
import jakarta.batch.api.partition.PartitionPlanImpl;
import jakarta.batch.runtime.BatchRuntime;
import jakarta.batch.runtime.JobExecution;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Splits the purge into {@code partitions} ranges of contact ids (default: the cores of this server), each read,
 * purged and checkpointed by its own thread. The cut-off is fixed from the moment the job instance first started, so
 * a restart, which maps the partitions again, puts the same contacts in scope in every partition, including one that
 * had not committed its first chunk before the stop or crash.
 */
@Named
@Dependent
public class PurgePartitions implements PartitionMapper {

    /** Partition property: the range's exclusive lower end. */
    static final String AFTER = "after";
    /** Partition property: the range's exclusive upper end, empty for the last. */
    static final String UNTIL = "until";
    /** Partition property: the cut-off, an ISO instant. */
    static final String CUTOFF = "cutoff";

    @Inject
    JobContext job;

    @Inject
    RetentionPolicy policy;

    @Inject
    Clock clock;

    @Inject
    @BatchProperty
    String partitions;

    @Inject
    @BatchProperty
    String retentionMonths;

    /** Derby runs one deleting transaction at a time (see {@code ErasureGate}): more partitions only add waits. */
    @Inject
    @ConfigProperty(name = "consent.db.type", defaultValue = "derby")
    String databaseType;

    @Override
    public PartitionPlan mapPartitions() {
        List<IdRanges.Range> ranges = IdRanges.split(count(partitions, "derby".equals(databaseType)));
        Instant cutoff = cutoff(firstStarted(), retentionMonths, policy);
        Properties[] each = new Properties[ranges.size()];
        for (int i = 0; i < each.length; i++) {
            each[i] = new Properties();
            each[i].setProperty(AFTER, ranges.get(i).after());
            each[i].setProperty(
                    UNTIL, ranges.get(i).until() == null ? "" : ranges.get(i).until());
            each[i].setProperty(CUTOFF, cutoff.toString());
        }
        PartitionPlanImpl plan = new PartitionPlanImpl();
        plan.setPartitions(each.length);
        plan.setThreads(each.length);
        plan.setPartitionProperties(each);
        return plan;
    }

    /**
     * The partition count asked for, else one on embedded Derby (its erasures take whole-table locks and queue at the
     * erasure gate: a second partition waits while holding its read position, and a loaded machine turned that into
     * lock time-outs) and the cores of this server on PostgreSQL.
     */
    static int count(String partitions, boolean derby) {
        if (partitions != null && !partitions.isBlank()) {
            return Integer.parseInt(partitions.strip());
        }
        return derby ? 1 : Math.min(IdRanges.MAX, Runtime.getRuntime().availableProcessors());
    }

    /** Now minus the retention period (the job parameter, or the server's setting), at {@code started}. */
    static Instant cutoff(Instant started, String retentionMonths, RetentionPolicy policy) {
        int months = retentionMonths == null || retentionMonths.isBlank()
                ? policy.retentionMonths()
                : Integer.parseInt(retentionMonths.strip());
        return RetentionPolicy.monthsBefore(started, months);
    }

    /** When the first execution of this job instance was created: a restart's own start would move the cut-off. */
    private Instant firstStarted() {
        var operator = BatchRuntime.getJobOperator();
        List<JobExecution> executions = operator.getJobExecutions(operator.getJobInstance(job.getExecutionId()));
        return executions.stream()
                .min(Comparator.comparingLong(JobExecution::getExecutionId))
                .map(e -> e.getCreateTime().toInstant())
                .orElseGet(clock::instant);
    }
}
