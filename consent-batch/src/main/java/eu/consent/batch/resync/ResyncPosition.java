package eu.consent.batch.resync;

import eu.consent.suppression.sources.SourceDiff;
import java.io.Serializable;
import java.util.List;

/**
 * The resync reader's checkpoint: the sources of this run (fixed at its first start), the one being applied, whether
 * its additions are done, and the last key of each phase handed to a committed chunk (what was written is counted by
 * the writer, {@link ResyncTotals}).
 */
record ResyncPosition(List<String> sources, int index, boolean removing, SourceDiff.Key afterAdd, String afterId)
        implements Serializable {

    static ResyncPosition start(List<String> sources) {
        return new ResyncPosition(List.copyOf(sources), 0, false, SourceDiff.Key.FIRST, "");
    }

    boolean done() {
        return index >= sources.size();
    }

    String source() {
        return sources.get(index);
    }

    ResyncPosition removals() {
        return new ResyncPosition(sources, index, true, afterAdd, "");
    }

    /** Where the run stands once {@code item} has been handed out. */
    ResyncPosition after(SourceDiff item) {
        if (item instanceof SourceDiff.Add a) {
            return new ResyncPosition(sources, index, false, a.key(), afterId);
        }
        if (item instanceof SourceDiff.Remove r) {
            return new ResyncPosition(sources, index, true, afterAdd, r.id());
        }
        return new ResyncPosition(sources, index + 1, false, SourceDiff.Key.FIRST, "");
    }
}
