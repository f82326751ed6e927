package eu.consent.batch.resync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import eu.consent.batch.StepContexts;
import eu.consent.suppression.sources.SourceDiff;
import eu.consent.suppression.sources.SuppressionSources;
import eu.consent.suppression.sources.SuppressionSources.Written;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A chunk that fails after its writer counted it, and is tried again, is counted once. */
class ResyncChunksTest {

    /** Sources whose every write adds one row per addition it is given. */
    static final class Adding extends SuppressionSources {
        @Override
        public Map<String, Written> write(List<? extends SourceDiff> chunk, Map<String, Written> before) {
            long added = chunk.stream().filter(SourceDiff.Add.class::isInstance).count();
            return Map.of("list:a", new Written(added, 0));
        }
    }

    @Test
    void aChunkTriedAgainAfterItFailedIsCountedOnce() throws Exception {
        var step = StepContexts.holding(null);
        ResyncWriter writer = new ResyncWriter();
        writer.sources = new Adding();
        writer.step = step;
        ResyncChunks chunks = new ResyncChunks();
        chunks.step = step;
        List<Object> first = List.of(add("h1"), add("h2"));
        List<Object> second = List.of(add("h3"), new SourceDiff.Applied("list:a"));

        chunks.beforeChunk();
        writer.writeItems(first);
        chunks.afterChunk();
        chunks.beforeChunk();
        writer.writeItems(second);
        // the commit (or the checkpoint's) fails: the rows are rolled back, the chunk is tried again
        chunks.onError(new IllegalStateException("commit failed"));
        assertEquals("ADDED_0_REMOVED_0", step.getExitStatus(), "as before the chunk");
        chunks.beforeChunk();
        writer.writeItems(second);
        chunks.afterChunk();

        assertEquals("ADDED_3_REMOVED_0", step.getExitStatus());
        assertEquals(new ResyncTotals(3, 0, Map.of()), step.getPersistentUserData());
    }

    private static SourceDiff.Add add(String hash) {
        return new SourceDiff.Add("list:a", hash, "EMAIL", "EMAIL", "HARD_BOUNCE");
    }
}
