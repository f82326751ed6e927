package eu.consent.batch.retention;

import eu.consent.optout.SoftBounceRetention;
import eu.consent.shared.SqlStates;
import jakarta.batch.api.AbstractBatchlet;
import jakarta.batch.api.BatchProperty;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Instant;

/**
 * A step of the nightly purge: deletes the soft bounces past their threshold window (tester AY's F5), walking the table
 * by id, {@code chunkSize} rows read per transaction, so that the work is bounded and no lock is held long against the
 * providers' reports. A chunk lost to a deadlock or a lock time-out is done again (three tries); a stop ends the walk
 * between chunks, and the next run starts it over (what it deleted stays deleted). Exit status {@code FORGOTTEN_<n>}.
 */
@Named
@Dependent
public class ForgetSoftBouncesBatchlet extends AbstractBatchlet {

    static final int TRIES = 3;

    @Inject
    SoftBounceRetention bounces;

    /** Soft bounces read per transaction (job parameter {@code chunkSize}, default 200). */
    @Inject
    @BatchProperty
    String chunkSize;

    private volatile boolean stopped;

    @Override
    public String process() {
        int size = chunkSize == null || chunkSize.isBlank() ? 200 : Integer.parseInt(chunkSize.strip());
        return "FORGOTTEN_" + walk(bounces.cutoff(), size);
    }

    /** Deletes chunk after chunk until the table's end (or a stop); returns how many soft bounces it deleted. */
    long walk(Instant cutoff, int size) {
        long deleted = 0;
        String after = null;
        do {
            SoftBounceRetention.Chunk chunk = chunk(after, cutoff, size);
            deleted += chunk.deleted();
            after = chunk.last();
        } while (after != null && !stopped);
        return deleted;
    }

    private SoftBounceRetention.Chunk chunk(String after, Instant cutoff, int size) {
        for (int tried = 1; ; tried++) {
            try {
                return bounces.forgetChunk(after, cutoff, size);
            } catch (RuntimeException e) {
                if (tried >= TRIES || !SqlStates.isTransient(e)) {
                    throw e;
                }
            }
        }
    }

    @Override
    public void stop() {
        stopped = true;
    }
}
