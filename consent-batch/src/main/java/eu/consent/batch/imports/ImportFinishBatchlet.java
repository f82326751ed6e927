package eu.consent.batch.imports;

import eu.consent.imports.Imports;
import eu.consent.shared.SqlStates;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.UUID;

/**
 * The import's last step, reached only once every row was read: marks the whole file read and audits the end, then
 * deletes the uploaded file (personal data). (A job listener cannot tell: Liberty sets the final status after it ran.)
 * A batchlet runs in no transaction of the runtime's: each try is a transaction of its own, and one lost to a deadlock
 * or a lock time-out is tried again, up to five times, rather than failing an import whose every row is written.
 */
@Named
@Dependent
public class ImportFinishBatchlet extends AbstractBatchlet {

    static final int TRIES = 5;

    @Inject
    Imports imports;

    @Inject
    @BatchProperty
    String importId;

    @Override
    public String process() {
        UUID id = UUID.fromString(importId);
        for (int attempt = 1; ; attempt++) {
            try {
                imports.completed(id);
                break;
            } catch (RuntimeException e) {
                if (attempt >= TRIES || !SqlStates.isTransient(e)) {
                    throw e;
                }
            }
        }
        imports.deleteUpload(id);
        return "COMPLETED";
    }
}
