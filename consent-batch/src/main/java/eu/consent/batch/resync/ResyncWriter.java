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
import java.util.Map;

/**
 * Writes a chunk of the diff in the chunk's transaction and counts what it wrote: each source it finished goes into the
 * exit status with what this run wrote of it.
 */
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
        ResyncTotals totals = ResyncTotals.of(step.getPersistentUserData());
        Map<String, SuppressionSources.Written> written;
        try {
            written = sources.write(diff, totals.open());
        } catch (SQLException | RuntimeException e) {
            // PostgreSQL's driver names a deadlock by its SQL state only, in no transient exception class.
            throw TransientFailure.sorted(e);
        }
        totals = totals.after(written, diff);
        step.setPersistentUserData(totals);
        step.setExitStatus(totals.exitStatus());
    }
}
