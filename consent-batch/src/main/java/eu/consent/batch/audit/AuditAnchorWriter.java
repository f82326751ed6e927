package eu.consent.batch.audit;

import eu.consent.audit.AuditLog;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/** Moves the verification anchor to the last entry of each chunk, in the chunk's transaction. */
@Named
@Dependent
public class AuditAnchorWriter extends AbstractItemWriter {

    @Inject
    AuditLog audit;

    @Override
    public void writeItems(List<Object> items) {
        if (!items.isEmpty()) {
            VerifiedLink last = (VerifiedLink) items.get(items.size() - 1);
            audit.anchor(last.seq(), last.hash());
        }
    }
}
