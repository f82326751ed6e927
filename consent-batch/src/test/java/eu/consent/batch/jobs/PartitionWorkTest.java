package eu.consent.batch.jobs;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.batch.runtime.BatchStatus;
import org.junit.jupiter.api.Test;

class PartitionWorkTest {

    @Test
    void aPartitionFailedWithoutTheMarkOfItsWorkFailedBeforeIt() {
        assertTrue(PartitionWork.failedBeforeWork(BatchStatus.FAILED, null));
        assertTrue(PartitionWork.failedBeforeWork(BatchStatus.FAILED, "FAILED"));
    }

    @Test
    void aPartitionWhoseWorkBeganFailedInItsWork() {
        assertFalse(PartitionWork.failedBeforeWork(BatchStatus.FAILED, PartitionWork.BEGUN));
    }

    @Test
    void aPartitionThatDidNotFailIsNoneOfItsConcern() {
        for (BatchStatus status : BatchStatus.values()) {
            if (status != BatchStatus.FAILED) {
                assertFalse(PartitionWork.failedBeforeWork(status, null), status.name());
                assertFalse(PartitionWork.failedBeforeWork(status, PartitionWork.BEGUN), status.name());
            }
        }
    }
}
