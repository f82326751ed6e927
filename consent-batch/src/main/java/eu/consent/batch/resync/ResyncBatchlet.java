package eu.consent.batch.resync;

import eu.consent.suppression.sources.SuppressionSources;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;

/**
 * Applies the staged snapshots, one source after another, each in chunks that commit on their own. A restart (after
 * a stop or a crash) recomputes the diff, so it repeats nothing already applied. Exit status: {@code added/removed}.
 */
@Named
@Dependent
public class ResyncBatchlet extends AbstractBatchlet {

    @Inject
    SuppressionSources sources;

    @Inject
    StepContext step;

    @Inject
    @BatchProperty
    String source;

    @Inject
    @BatchProperty
    String chunkSize;

    private volatile boolean stopping;

    @Override
    public String process() {
        List<String> names = source == null || source.isBlank() ? sources.pendingSources() : List.of(source);
        long added = 0;
        long removed = 0;
        for (String name : names) {
            if (stopping) {
                return "STOPPED";
            }
            SuppressionSources.checkName(name);
            long[] diff = sources.apply(name, Integer.parseInt(chunkSize));
            sources.audited(name, diff[0], diff[1]);
            added += diff[0];
            removed += diff[1];
        }
        return "ADDED_" + added + "_REMOVED_" + removed;
    }

    @Override
    public void stop() {
        stopping = true;
    }
}
