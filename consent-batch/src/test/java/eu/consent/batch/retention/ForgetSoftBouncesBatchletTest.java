package eu.consent.batch.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import eu.consent.optout.SoftBounceRetention;
import java.sql.SQLTransactionRollbackException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The purge's soft-bounce step walks the whole table a chunk at a time, from where the last chunk ended, and counts
 * what each deleted; a chunk lost to a deadlock is done again, from the same place.
 */
class ForgetSoftBouncesBatchletTest {

    private static final Instant CUTOFF = Instant.now().minusSeconds(30L * 86_400);

    /** A table of {@code rows} soft bounces, every {@code pastEvery}-th past the window. */
    private static final class Table extends SoftBounceRetention {
        final List<String> asked = new ArrayList<>();
        private final int rows;
        private final int pastEvery;
        private int failures;
        Runnable afterEachChunk = () -> {};

        Table(int rows, int pastEvery, int failures) {
            this.rows = rows;
            this.pastEvery = pastEvery;
            this.failures = failures;
        }

        @Override
        public Chunk forgetChunk(String after, Instant cutoff, int size) {
            assertEquals(CUTOFF, cutoff);
            asked.add(after);
            if (failures > 0) {
                failures--;
                throw new IllegalStateException("lost", new SQLTransactionRollbackException("deadlock", "40001"));
            }
            int from = after == null ? 0 : Integer.parseInt(after) + 1;
            int to = Math.min(rows, from + size);
            int deleted = 0;
            for (int i = from; i < to; i++) {
                deleted += i % pastEvery == 0 ? 1 : 0;
            }
            afterEachChunk.run();
            return new Chunk(to - from < size ? null : String.valueOf(to - 1), deleted);
        }
    }

    private static ForgetSoftBouncesBatchlet step(SoftBounceRetention bounces) {
        ForgetSoftBouncesBatchlet step = new ForgetSoftBouncesBatchlet();
        step.bounces = bounces;
        return step;
    }

    @Test
    void everyChunkIsReadFromWhereTheLastEndedAndItsDeletionsCounted() {
        Table table = new Table(10, 2, 0);
        assertEquals(5, step(table).walk(CUTOFF, 4));
        assertEquals(java.util.Arrays.asList(null, "3", "7"), table.asked);
    }

    @Test
    void aTableOfWhollyFullChunksEndsOnTheEmptyChunkAfterThem() {
        Table table = new Table(8, 1, 0);
        assertEquals(8, step(table).walk(CUTOFF, 4));
        assertEquals(java.util.Arrays.asList(null, "3", "7"), table.asked);
    }

    @Test
    void aDeadlockedChunkIsDoneAgainFromTheSamePlace() {
        Table table = new Table(3, 1, ForgetSoftBouncesBatchlet.TRIES - 1);
        assertEquals(3, step(table).walk(CUTOFF, 10));
        assertEquals(3, table.asked.size());
        Table hopeless = new Table(3, 1, ForgetSoftBouncesBatchlet.TRIES);
        RuntimeException e =
                assertThrows(RuntimeException.class, () -> step(hopeless).walk(CUTOFF, 10));
        assertEquals("lost", e.getMessage());
        assertSame(IllegalStateException.class, e.getClass());
    }

    @Test
    void aStoppedStepEndsBetweenChunks() {
        Table table = new Table(100, 1, 0);
        ForgetSoftBouncesBatchlet step = step(table);
        table.afterEachChunk = step::stop;
        assertEquals(10, step.walk(CUTOFF, 10));
        assertEquals(1, table.asked.size());
    }
}
