package eu.consent.batch.resync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import eu.consent.batch.StepContexts;
import eu.consent.suppression.sources.SourceDiff;
import eu.consent.suppression.sources.SuppressionSources;
import eu.consent.suppression.sources.SuppressionSources.Written;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ResyncReaderTest {

    /** Sources whose diffs are lists: additions by hash, removals by id, served after the key like the database. */
    static final class Diffs extends SuppressionSources {
        final Map<String, List<String>> adds = new TreeMap<>();
        final Map<String, List<String>> removes = new TreeMap<>();

        @Override
        public List<String> pendingSources() {
            return new ArrayList<>(adds.keySet());
        }

        @Override
        public List<SourceDiff.Add> additions(String name, SourceDiff.Key after, int limit) {
            return adds.getOrDefault(name, List.of()).stream()
                    .filter(h -> h.compareTo(after.hash()) > 0)
                    .limit(limit)
                    .map(h -> new SourceDiff.Add(name, h, "EMAIL", "EMAIL", "HARD_BOUNCE"))
                    .toList();
        }

        @Override
        public List<SourceDiff.Remove> removals(String name, String afterId, int limit) {
            return removes.getOrDefault(name, List.of()).stream()
                    .filter(id -> id.compareTo(afterId) > 0)
                    .limit(limit)
                    .map(id -> new SourceDiff.Remove(name, id))
                    .toList();
        }
    }

    private static ResyncReader reader(Diffs diffs, String source, int fetchSize) {
        ResyncReader reader = new ResyncReader();
        reader.sources = diffs;
        reader.step = StepContexts.holding(null);
        reader.source = source;
        reader.fetchSize = String.valueOf(fetchSize);
        return reader;
    }

    private static List<Object> drain(ResyncReader reader) {
        List<Object> items = new ArrayList<>();
        for (Object item = reader.readItem(); item != null; item = reader.readItem()) {
            items.add(item);
        }
        return items;
    }

    private final Diffs diffs = new Diffs();

    @Test
    void eachSourceAddsThenRemovesThenEnds() {
        diffs.adds.put("esp", List.of("h1", "h2", "h3"));
        diffs.removes.put("esp", List.of("id1"));
        diffs.adds.put("dnc", List.of());
        ResyncReader reader = reader(diffs, "", 2);
        reader.open(null);

        assertEquals(
                List.of(
                        new SourceDiff.Applied("dnc"),
                        new SourceDiff.Add("esp", "h1", "EMAIL", "EMAIL", "HARD_BOUNCE"),
                        new SourceDiff.Add("esp", "h2", "EMAIL", "EMAIL", "HARD_BOUNCE"),
                        new SourceDiff.Add("esp", "h3", "EMAIL", "EMAIL", "HARD_BOUNCE"),
                        new SourceDiff.Remove("esp", "id1"),
                        new SourceDiff.Applied("esp")),
                drain(reader));
        assertNull(reader.readItem());
        assertEquals("ADDED_0_REMOVED_0", reader.step.getExitStatus());
    }

    @Test
    void aRestartResumesAfterItsCheckpointWithTheSameSources() {
        diffs.adds.put("esp", List.of("h1", "h2", "h3"));
        ResyncReader first = reader(diffs, "esp", 10);
        first.open(null);
        first.readItem();
        first.readItem();
        Object checkpoint = first.checkpointInfo();
        // The chunk holding h1 and h2 committed: the database no longer offers them, and a new source appeared.
        diffs.adds.put("esp", List.of("h3"));
        diffs.adds.put("late", List.of("x"));

        ResyncReader again = reader(diffs, "esp", 10);
        again.open((ResyncPosition) checkpoint);

        assertEquals(
                List.of(
                        new SourceDiff.Add("esp", "h3", "EMAIL", "EMAIL", "HARD_BOUNCE"),
                        new SourceDiff.Applied("esp")),
                drain(again));
    }

    @Test
    void theTotalsOfEarlierChunksCarryIntoTheExitStatus() {
        ResyncTotals first = ResyncTotals.of(null)
                .after(
                        Map.of("esp", new Written(3, 1), "dnc", new Written(2, 0)),
                        List.of(new SourceDiff.Applied("dnc")));
        assertEquals("ADDED_2_REMOVED_0", first.exitStatus(), "only what the sources it ended wrote");
        ResyncTotals restarted = ResyncTotals.of(first);
        ResyncTotals second = restarted.after(Map.of("esp", new Written(1, 0)), List.of(new SourceDiff.Applied("esp")));
        assertEquals("ADDED_6_REMOVED_1", second.exitStatus(), "the source's earlier chunks counted in");
        assertEquals(Map.of(), second.open());
        assertEquals("ADDED_0_REMOVED_0", ResyncTotals.of(null).exitStatus());
        // A run that found everything written by another before it wrote nothing: it says so.
        assertEquals(
                "ADDED_0_REMOVED_0",
                ResyncTotals.of(null)
                        .after(Map.of(), List.of(new SourceDiff.Applied("esp")))
                        .exitStatus());
    }
}
