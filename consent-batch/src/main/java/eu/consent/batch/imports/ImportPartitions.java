package eu.consent.batch.imports;

import eu.consent.imports.PartitionPositions;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.partition.PartitionMapper;
import jakarta.batch.api.partition.PartitionPlan;
import jakarta.batch.api.partition.PartitionPlanImpl;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.Properties;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Splits the import's writing step into {@code partitions} (default: one on embedded Derby, the server's cores on
 * PostgreSQL, as the purge), each reading the whole file and writing the rows routed to it ({@code ImportRoute}), from
 * its own restart position. A restart keeps the count the import was first mapped with: the routing depends on it.
 */
@Named
@Dependent
public class ImportPartitions implements PartitionMapper {

    /** Partition property: this partition's number, from 0. */
    static final String PART = "part";
    /** Partition property: how many partitions there are. */
    static final String COUNT = "count";
    /** At most this many: each one parses the whole file. */
    static final int MAX = 16;

    @Inject
    PartitionPositions positions;

    @Inject
    @BatchProperty
    String importId;

    @Inject
    @BatchProperty
    String partitions;

    /** Derby runs its writers against whole-table locks and one page cache: more partitions mostly add waits. */
    @Inject
    @ConfigProperty(name = "consent.db.type", defaultValue = "derby")
    String databaseType;

    @Override
    public PartitionPlan mapPartitions() {
        int count = positions.map(UUID.fromString(importId), count(partitions, "derby".equals(databaseType)));
        Properties[] each = new Properties[count];
        for (int i = 0; i < count; i++) {
            each[i] = new Properties();
            each[i].setProperty(PART, Integer.toString(i));
            each[i].setProperty(COUNT, Integer.toString(count));
        }
        PartitionPlanImpl plan = new PartitionPlanImpl();
        plan.setPartitions(count);
        plan.setThreads(count);
        plan.setPartitionProperties(each);
        return plan;
    }

    /** The count asked for (1 to {@link #MAX}), else 1 on Derby and the cores of this server on PostgreSQL. */
    static int count(String partitions, boolean derby) {
        if (partitions != null && !partitions.isBlank()) {
            int asked = Integer.parseInt(partitions.strip());
            if (asked < 1 || asked > MAX) {
                throw new IllegalArgumentException("partitions must be from 1 to " + MAX + ", not " + asked);
            }
            return asked;
        }
        return derby ? 1 : Math.min(MAX, Runtime.getRuntime().availableProcessors());
    }
}
