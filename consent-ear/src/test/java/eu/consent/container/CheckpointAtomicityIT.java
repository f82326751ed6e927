package eu.consent.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import eu.consent.contact.Contact;
import jakarta.batch.runtime.BatchStatus;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A chunk's checkpoint commits with the chunk, in its one transaction: a chunk that wrote everything and then failed to
 * commit leaves the checkpoint where the last committed chunk put it, and the restart does that chunk again. With the
 * job repository on a data source of its own that took no part in transactions, the checkpoint, flushed at the commit,
 * was committed on its own connection just before the chunk's: this test then failed (the restart skipped the chunk),
 * as ClusterIT had, with three stale contacts left after a purge killed (-9) and restarted.
 */
@ExtendWith(ArquillianExtension.class)
class CheckpointAtomicityIT {

    /** A retention of a century: the purge is about this test's contacts only, last active 101 years ago. */
    private static final String CENTURY_MONTHS = "1200";

    @Deployment
    static WebArchive deployment() {
        return Deployments.batch("checkpoint-atomicity").addClasses(RollbackAfterWritePurgeWriter.class);
    }

    @Inject
    Batch batch;

    @Inject
    Tx tx;

    @Inject
    TestContacts people;

    @Test
    void aChunkThatFailsToCommitAfterItsWritesIsDoneAgainByTheRestart() throws Exception {
        List<String> stale = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            stale.add(staleContact());
        }
        stale.sort(null);
        // Chunks of two in key order, one partition: the chunk holding the third contact writes, then fails to commit.
        RollbackAfterWritePurgeWriter.rollBackOnceAfterWriting(stale.get(2));
        Properties parameters = new Properties();
        parameters.setProperty("retentionMonths", CENTURY_MONTHS);
        parameters.setProperty("chunkSize", "2");
        parameters.setProperty("partitions", "1");

        long failed = batch.start("retention-purge", parameters);

        assertEquals(BatchStatus.FAILED, batch.awaitEnd(failed).getBatchStatus());
        assertNull(find(stale.get(0)), "the first chunk committed");
        assertNotNull(find(stale.get(2)), "the failed chunk's erasure rolled back");

        long restarted = batch.restart(failed);

        assertEquals(BatchStatus.COMPLETED, batch.awaitEnd(restarted).getBatchStatus());
        for (String contact : stale) {
            assertNull(find(contact), "purged once the restart is over: " + contact);
        }
    }

    private Contact find(String contact) {
        return tx.call(em -> em.find(Contact.class, contact));
    }

    /** A contact created and last active 101 years ago, as if it had been in the database since then. */
    private String staleContact() {
        return people.lastActive(people.create(), Instant.now().minus(101 * 366, ChronoUnit.DAYS));
    }
}
