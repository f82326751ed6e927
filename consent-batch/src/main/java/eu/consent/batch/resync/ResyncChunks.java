package eu.consent.batch.resync;

import jakarta.batch.api.chunk.listener.AbstractChunkListener;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;

/**
 * Puts a resync's counts back as they were when a chunk began, when the chunk fails. The chunk's rows are rolled back
 * with its transaction, but the step's persistent user data, where {@link ResyncWriter} keeps its counts, is an object
 * in memory that the batch runtime neither rolls back nor restores (jakartaee/batch#131): a chunk that failed once its
 * writer had counted it (at its commit, or at its checkpoint's) and was then tried again counted its rows twice, in
 * the run's exit status and in the {@code SUPPRESSION_SOURCE_SYNCED} entry of a source it began (until 2026-12-06).
 * The counts as the chunk began wait in the step's transient user data, which nothing else of this step uses.
 */
@Named
@Dependent
public class ResyncChunks extends AbstractChunkListener {

    @Inject
    StepContext step;

    @Override
    public void beforeChunk() {
        step.setTransientUserData(ResyncTotals.of(step.getPersistentUserData()));
    }

    @Override
    public void onError(Exception failure) {
        if (step.getTransientUserData() instanceof ResyncTotals before) {
            step.setPersistentUserData(before);
            step.setExitStatus(before.exitStatus());
        }
    }
}
