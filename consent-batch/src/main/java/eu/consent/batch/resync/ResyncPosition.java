package eu.consent.batch.resync;

import eu.consent.suppression.sources.SourceDiff;
import java.io.Serializable;
import java.util.List;

/**
 * The resync reader's checkpoint: the sources of this run (fixed at its first start), the one being applied, whether
 * its additions are done, the last key of each phase handed to a committed chunk, and its counts so far.
 */
record ResyncPosition(
        List<String> sources,
        int index,
        boolean removing,
        SourceDiff.Key afterAdd,
        String afterId,
        long added,
        long removed)
        implements Serializable {

    static ResyncPosition start(List<String> sources) {
        return new ResyncPosition(List.copyOf(sources), 0, false, SourceDiff.Key.FIRST, "", 0, 0);
    }

    boolean done() {
        return index >= sources.size();
    }

    String source() {
        return sources.get(index);
    }

    ResyncPosition removals() {
        return new ResyncPosition(sources, index, true, afterAdd, "", added, removed);
    }

    /** Where the run stands once {@code item} has been handed out. */
    ResyncPosition after(SourceDiff item) {
        if (item instanceof SourceDiff.Add a) {
            return new ResyncPosition(sources, index, false, a.key(), afterId, added + 1, removed);
        }
        if (item instanceof SourceDiff.Remove r) {
            return new ResyncPosition(sources, index, true, afterAdd, r.id(), added, removed + 1);
        }
        return new ResyncPosition(sources, index + 1, false, SourceDiff.Key.FIRST, "", 0, 0);
    }
}
