package eu.consent.batch.imports;

import eu.consent.imports.Imports;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.listener.AbstractJobListener;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.context.JobContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.UUID;

/** Once an import completed, its uploaded file (personal data) is deleted; its counts and rejects stay. */
@Named
@Dependent
public class ImportJobListener extends AbstractJobListener {

    @Inject
    Imports imports;

    @Inject
    JobContext job;

    @Inject
    @BatchProperty
    String importId;

    @Override
    public void afterJob() {
        if (job.getBatchStatus() == BatchStatus.COMPLETED) {
            imports.completed(UUID.fromString(importId));
        }
    }
}
