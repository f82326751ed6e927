package eu.consent.batch.imports;

import eu.consent.imports.Imports;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.UUID;

/**
 * The import's last step, reached only once every row was read: deletes the uploaded file (personal data), marks the
 * whole file read and audits the end. (A job listener cannot tell: Liberty sets the final status after it ran.)
 */
@Named
@Dependent
public class ImportFinishBatchlet extends AbstractBatchlet {

    @Inject
    Imports imports;

    @Inject
    @BatchProperty
    String importId;

    @Override
    public String process() {
        imports.completed(UUID.fromString(importId));
        return "COMPLETED";
    }
}
