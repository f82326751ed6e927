package eu.consent.batch.retention;

import eu.consent.batch.jobs.PartitionWork;
import eu.consent.retention.RetentionService;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.time.Instant;
import java.util.List;

/**
 * Contacts inactive (or, never active, created) before the purge's cut-off, within the id range of its partition
 * (both fixed by {@link PurgePartitions}).
 */
@Named
@Dependent
public class StaleContactReader extends IdReader {

    @Inject
    RetentionService retention;

    @Inject
    @BatchProperty
    String cutoff;

    /** The partition's range: ids after this one... */
    @Inject
    @BatchProperty
    String after;

    /** ...and before this one (empty for the last partition). */
    @Inject
    @BatchProperty
    String until;

    @Inject
    JobContext job;

    /** A partition's reader: its work begins here ({@link PartitionWork}). */
    @Override
    public void open(Serializable checkpoint) {
        PartitionWork.began(step, job);
        super.open(checkpoint);
    }

    @Override
    Position start() {
        return new Position(Instant.parse(cutoff.strip()), null, after == null ? "" : after);
    }

    @Override
    List<String> next(Position position, String afterId, int limit) {
        return retention.staleBetween(position.cutoff(), afterId, upperEnd(), limit);
    }

    private String upperEnd() {
        return until == null || until.isBlank() ? null : until;
    }
}
