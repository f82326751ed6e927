package eu.consent.batch.retention;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import eu.consent.batch.StepContexts;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class IdReaderTest {

    private static final Instant CUTOFF = Instant.parse("2020-01-01T00:00:00Z");

    /** Reads from a sorted set of ids, recording each query's page so that the paging shows. */
    static final class ListReader extends IdReader {
        final TreeSet<String> ids;
        final List<String> queriedAfter = new ArrayList<>();
        int starts;

        ListReader(List<String> ids, int fetchSize) {
            this.ids = new TreeSet<>(ids);
            this.fetchSize = String.valueOf(fetchSize);
            this.step = StepContexts.holding(null);
        }

        @Override
        Position start() {
            starts++;
            return new Position(CUTOFF, null, "");
        }

        @Override
        List<String> next(Position position, String afterId, int limit) {
            queriedAfter.add(afterId);
            return ids.tailSet(afterId, false).stream().limit(limit).toList();
        }
    }

    private static List<Object> drain(IdReader reader) {
        List<Object> read = new ArrayList<>();
        for (Object id = reader.readItem(); id != null; id = reader.readItem()) {
            read.add(id);
        }
        return read;
    }

    @Test
    void readsEveryIdInKeyOrderAPageAtATime() {
        ListReader reader = new ListReader(List.of("e", "a", "c", "b", "d"), 2);
        reader.open(null);

        assertEquals(List.of("a", "b", "c", "d", "e"), drain(reader));
        // A short page ends the scan: no query after it.
        assertEquals(List.of("", "b", "d"), reader.queriedAfter);
        assertEquals(1, reader.starts);
    }

    @Test
    void aFullLastPageCostsOneEmptyQueryAndNothingMore() {
        ListReader reader = new ListReader(List.of("a", "b", "c", "d"), 2);
        reader.open(null);

        assertEquals(4, drain(reader).size());
        assertEquals(List.of("", "b", "d"), reader.queriedAfter);
        assertNull(reader.readItem());
        assertEquals(3, reader.queriedAfter.size());
    }

    @Test
    void theCheckpointIsTheLastIdReadWithTheCutOffsOfTheFirstStart() {
        ListReader reader = new ListReader(List.of("a", "b", "c"), 10);
        reader.open(null);
        assertEquals(new Position(CUTOFF, null, ""), reader.step.getTransientUserData(), "shared with the writer");
        reader.readItem();
        reader.readItem();

        assertEquals(new Position(CUTOFF, null, "b"), reader.checkpointInfo());
    }

    @Test
    void aRestartResumesAfterItsCheckpointAndKeepsItsCutOffs() {
        Instant firstCutoff = CUTOFF.minusSeconds(3600);
        ListReader reader = new ListReader(List.of("a", "b", "c", "d"), 10);

        reader.open(new Position(firstCutoff, null, "b"));

        assertEquals(List.of("c", "d"), drain(reader));
        assertEquals(0, reader.starts, "the cut-offs of the first start stay");
        assertEquals(firstCutoff, ((Position) reader.step.getTransientUserData()).cutoff(), "shared with the writer");
    }

    @Test
    void idsComePaddedFromCharColumnsAndLeaveStripped() {
        ListReader reader = new ListReader(List.of("a  "), 10);
        reader.open(null);

        assertEquals("a", reader.readItem());
    }
}
