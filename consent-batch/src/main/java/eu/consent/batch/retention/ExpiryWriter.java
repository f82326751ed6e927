package eu.consent.batch.retention;

import eu.consent.batch.jobs.TransientFailure;
import eu.consent.retention.RetentionService;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import java.util.UUID;

/** Expires the stale pending double opt-ins of each contact in the chunk. */
@Named
@Dependent
public class ExpiryWriter extends AbstractItemWriter {

    @Inject
    RetentionService retention;

    @Inject
    StepContext step;

    @Override
    public void writeItems(List<Object> items) {
        Position position = (Position) step.getTransientUserData();
        TransientFailure.retryable(() -> {
            for (Object id : items) {
                retention.expirePending(UUID.fromString((String) id), position.cutoff());
            }
        });
    }
}
