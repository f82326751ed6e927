package eu.consent.batch.jobs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.batch.runtime.BatchStatus;
import org.junit.jupiter.api.Test;

class UnstartedRunsTest {

    @Test
    void aRunWithAStepDoesTheWorkWhateverItsStatus() {
        for (BatchStatus status : BatchStatus.values()) {
            assertTrue(UnstartedRuns.settled(status, true, 0), status.name());
        }
    }

    @Test
    void aRunStillBeforeItsFirstStepIsWaitedFor() {
        assertFalse(UnstartedRuns.settled(BatchStatus.STARTING, false, 0));
        assertFalse(UnstartedRuns.settled(BatchStatus.STARTED, false, 0));
    }

    @Test
    void aRunFailedBeforeItsFirstStepIsFollowedToItsRestartWhileTheInstanceHasRestartsLeft() {
        for (int failures = 1; failures <= UnstartedRuns.AUTOMATIC_RESTARTS; failures++) {
            assertFalse(UnstartedRuns.settled(BatchStatus.FAILED, false, failures), failures + " failures");
        }
        assertTrue(UnstartedRuns.settled(BatchStatus.FAILED, false, UnstartedRuns.AUTOMATIC_RESTARTS + 1));
    }

    @Test
    void aRunStoppedOrAbandonedBeforeItsFirstStepIsFinal() {
        for (BatchStatus status : new BatchStatus[] {
            BatchStatus.COMPLETED, BatchStatus.STOPPING, BatchStatus.STOPPED, BatchStatus.ABANDONED
        }) {
            assertTrue(UnstartedRuns.settled(status, false, 0), status.name());
        }
    }
}
