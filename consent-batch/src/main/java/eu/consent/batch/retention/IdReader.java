package eu.consent.batch.retention;

import eu.consent.batch.jobs.TransientFailure;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.StepContext;
import jakarta.inject.Inject;
import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/**
 * Reads ids in key order a page at a time, remembering the last one read as its checkpoint. Subclasses say which ids
 * and fix their cut-offs on the first start.
 */
abstract class IdReader extends AbstractItemReader {

    @Inject
    StepContext step;

    private final Deque<String> page = new ArrayDeque<>();
    private Position position;
    private boolean exhausted;

    /** The cut-offs of a first start. */
    abstract Position start();

    /** Up to {@code limit} ids after {@code afterId}. */
    abstract List<String> next(Position position, String afterId, int limit);

    /** How many ids one query reads (the job's {@code fetchSize} property). */
    @Inject
    @BatchProperty
    String fetchSize;

    private int fetchSize() {
        return Integer.parseInt(fetchSize);
    }

    @Override
    public void open(Serializable checkpoint) {
        // Also reached again when a chunk is retried: what was read ahead belongs to the rolled back chunk.
        page.clear();
        exhausted = false;
        position = checkpoint instanceof Position p ? p : start();
        // The writer of the step works against the same cut-offs.
        step.setTransientUserData(position);
    }

    @Override
    public Object readItem() {
        if (page.isEmpty() && !exhausted) {
            List<String> ids = TransientFailure.retryable(() -> next(position, position.lastId(), fetchSize()));
            exhausted = ids.size() < fetchSize();
            page.addAll(ids);
        }
        String id = page.poll();
        if (id == null) {
            return null;
        }
        position = new Position(position.cutoff(), position.secondCutoff(), id);
        return id.strip();
    }

    @Override
    public Serializable checkpointInfo() {
        return position;
    }
}
