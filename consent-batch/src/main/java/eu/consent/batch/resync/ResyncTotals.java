package eu.consent.batch.resync;

import java.io.Serializable;

/** What a run added and removed over all its sources; kept with the step, so a restart goes on counting. */
record ResyncTotals(long added, long removed) implements Serializable {

    static ResyncTotals of(Serializable persisted) {
        return persisted instanceof ResyncTotals t ? t : new ResyncTotals(0, 0);
    }

    ResyncTotals plus(long added, long removed) {
        return new ResyncTotals(this.added + added, this.removed + removed);
    }

    /** The step's exit status, as the batchlet before it reported: {@code ADDED_<n>_REMOVED_<m>}. */
    String exitStatus() {
        return "ADDED_" + added + "_REMOVED_" + removed;
    }
}
