package eu.consent.batch.retention;

import eu.consent.batch.jobs.TransientFailure;
import eu.consent.retention.RetentionService;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Purges the stale contacts of the chunk together, in its transaction; one active again by now is left alone. */
@Named
@Dependent
public class PurgeWriter extends AbstractItemWriter {

    @Inject
    RetentionService retention;

    @Inject
    StepContext step;

    @Override
    public void writeItems(List<Object> items) {
        List<UUID> ids = items.stream().map(id -> UUID.fromString((String) id)).toList();
        TransientFailure.retryable(() -> retention.purgeAll(ids, cutoff()));
    }

    private Instant cutoff() {
        return ((Position) step.getTransientUserData()).cutoff();
    }
}
