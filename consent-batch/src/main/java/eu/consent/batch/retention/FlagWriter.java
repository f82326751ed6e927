package eu.consent.batch.retention;

import eu.consent.batch.jobs.TransientFailure;
import eu.consent.retention.RetentionService;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.List;
import java.util.UUID;

/** Lists each contact of the chunk for re-permission (and, once per run, drops those active again). */
@Named
@Dependent
public class FlagWriter extends AbstractItemWriter {

    @Inject
    RetentionService retention;

    @Inject
    StepContext step;

    private boolean unflagged;

    /** Also reached again when a chunk is retried: the unflagging may have rolled back with it. */
    @Override
    public void open(Serializable checkpoint) {
        unflagged = false;
    }

    @Override
    public void writeItems(List<Object> items) {
        TransientFailure.retryable(() -> {
            if (!unflagged) {
                retention.unflagActive(((Position) step.getTransientUserData()).secondCutoff());
                unflagged = true;
            }
            for (Object id : items) {
                retention.flag(UUID.fromString((String) id));
            }
        });
    }
}
