package eu.consent.batch.resync;

import eu.consent.batch.jobs.TransientFailure;
import eu.consent.suppression.sources.SourceDiff;
import eu.consent.suppression.sources.SuppressionSources;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.sql.SQLException;
import java.util.List;

/** Writes a chunk of the diff in the chunk's transaction and counts each source it finished into the exit status. */
@Named
@Dependent
public class ResyncWriter extends AbstractItemWriter {

    @Inject
    SuppressionSources sources;

    @Inject
    StepContext step;

    @Override
    public void writeItems(List<Object> items) throws Exception {
        List<SourceDiff> diff = items.stream().map(SourceDiff.class::cast).toList();
        try {
            sources.write(diff);
        } catch (SQLException | RuntimeException e) {
            // PostgreSQL's driver names a deadlock by its SQL state only, in no transient exception class.
            throw TransientFailure.sorted(e);
        }
        ResyncTotals totals = ResyncTotals.of(step.getPersistentUserData());
        for (SourceDiff item : diff) {
            if (item instanceof SourceDiff.Applied end) {
                totals = totals.plus(end.added(), end.removed());
            }
        }
        step.setPersistentUserData(totals);
        step.setExitStatus(totals.exitStatus());
    }
}
