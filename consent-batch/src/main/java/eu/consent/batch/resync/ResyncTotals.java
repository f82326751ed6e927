package eu.consent.batch.resync;

import eu.consent.suppression.sources.SourceDiff;
import eu.consent.suppression.sources.SuppressionSources.Written;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a run wrote over all the sources it finished, and of each source it has begun ({@code open}); kept with the
 * step, so that a restart goes on counting.
 */
record ResyncTotals(long added, long removed, Map<String, Written> open) implements Serializable {

    ResyncTotals {
        open = new TreeMap<>(open);
    }

    static ResyncTotals of(Serializable persisted) {
        return persisted instanceof ResyncTotals t ? t : new ResyncTotals(0, 0, Map.of());
    }

    /** After a chunk that wrote {@code written} per source: the sources it ended move into the totals. */
    ResyncTotals after(Map<String, Written> written, List<SourceDiff> chunk) {
        Map<String, Written> next = new TreeMap<>(open);
        written.forEach((source, w) -> next.merge(source, w, Written::plus));
        long a = added;
        long r = removed;
        for (SourceDiff item : chunk) {
            if (item instanceof SourceDiff.Applied end) {
                Written done = next.getOrDefault(end.source(), Written.NONE);
                next.remove(end.source());
                a += done.added();
                r += done.removed();
            }
        }
        return new ResyncTotals(a, r, next);
    }

    /** The step's exit status, as the batchlet before it reported: {@code ADDED_<n>_REMOVED_<m>}. */
    String exitStatus() {
        return "ADDED_" + added + "_REMOVED_" + removed;
    }
}
