package eu.consent.batch.resync;

import eu.consent.suppression.sources.SourceDiff;
import eu.consent.suppression.sources.SuppressionSources;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Reads the diff of each source with a staged snapshot: first the entries to add, then those to remove, then the
 * source's end. Each page is computed against what committed chunks already wrote, so a restart after a stop or a
 * crash resumes where its last chunk committed and repeats nothing.
 */
@Named
@Dependent
public class ResyncReader extends AbstractItemReader {

    @Inject
    SuppressionSources sources;

    @Inject
    StepContext step;

    /** One source (job parameter {@code source}); every source with a staged snapshot when empty. */
    @Inject
    @BatchProperty
    String source;

    @Inject
    @BatchProperty
    String fetchSize;

    private final Deque<SourceDiff> page = new ArrayDeque<>();
    private ResyncPosition position;

    @Override
    public void open(Serializable checkpoint) {
        // Also reached again when a chunk is retried: what was read ahead belongs to the rolled back chunk.
        page.clear();
        position = checkpoint instanceof ResyncPosition p ? p : ResyncPosition.start(names());
        step.setExitStatus(ResyncTotals.of(step.getPersistentUserData()).exitStatus());
    }

    private List<String> names() {
        if (source == null || source.isBlank()) {
            return sources.pendingSources();
        }
        return List.of(SuppressionSources.checkName(source));
    }

    @Override
    public Object readItem() {
        int limit = Integer.parseInt(fetchSize);
        while (page.isEmpty()) {
            if (position.done()) {
                return null;
            }
            String name = position.source();
            if (!position.removing()) {
                List<SourceDiff.Add> adds = sources.additions(name, position.afterAdd(), limit);
                if (adds.isEmpty()) {
                    position = position.removals();
                }
                page.addAll(adds);
            } else {
                List<SourceDiff.Remove> removals = sources.removals(name, position.afterId(), limit);
                page.addAll(removals);
                if (removals.isEmpty()) {
                    page.add(new SourceDiff.Applied(name));
                }
            }
        }
        SourceDiff item = page.poll();
        position = position.after(item);
        return item;
    }

    @Override
    public Serializable checkpointInfo() {
        return position;
    }
}
