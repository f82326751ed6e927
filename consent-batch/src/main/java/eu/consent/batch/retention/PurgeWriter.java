package eu.consent.batch.retention;

import eu.consent.retention.RetentionService;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Purges each stale contact in the chunk's transaction; one still active by now is left alone. */
@Named
@Dependent
public class PurgeWriter extends AbstractItemWriter {

    @Inject
    RetentionService retention;

    @Inject
    StepContext step;

    @Override
    public void writeItems(List<Object> items) {
        Instant cutoff = cutoff();
        for (Object id : items) {
            retention.purge(UUID.fromString((String) id), cutoff);
        }
    }

    private Instant cutoff() {
        return ((Position) step.getTransientUserData()).cutoff();
    }
}
