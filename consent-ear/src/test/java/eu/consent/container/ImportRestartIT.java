package eu.consent.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.consent.batch.jobs.Job;
import eu.consent.batch.jobs.UnstartedRuns;
import eu.consent.imports.ImportFormat;
import eu.consent.imports.ImportProgress;
import eu.consent.imports.Imports;
import eu.consent.purpose.Channel;
import eu.consent.purpose.CreatePurpose;
import eu.consent.purpose.PublishNotice;
import eu.consent.purpose.PurposeKey;
import eu.consent.purpose.PurposeKind;
import eu.consent.purpose.PurposeService;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** An import that fails mid-file resumes exactly after its last committed chunk: every row imported once. */
@ExtendWith(ArquillianExtension.class)
class ImportRestartIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.batchFailingOnce("import-restart");
    }

    @Inject
    Batch batch;

    @Inject
    Tx tx;

    @Inject
    Imports imports;

    @Inject
    PurposeService purposes;

    @Test
    void aRestartAfterAFailureMidFileImportsEveryRowExactlyOnce() throws Exception {
        String purpose = "arq-" + UUID.randomUUID().toString().substring(0, 8);
        UUID importId = acceptRowsOf(purpose);
        // Lines 2-26 hold the rows: the third chunk (lines 12-16) fails once, after its rows were written.
        FailingImportWriter.failOnceAt(13);

        long failed = startInChunksOfFive(importId);

        assertEquals(BatchStatus.FAILED, batch.awaitEnd(failed).getBatchStatus());
        // Liberty counts the items of committed chunks only: the third chunk's five reads rolled back with it.
        assertEquals(new StepMetrics(10, 10, 0, 2, 1, 0), batch.metrics(failed, "import"));
        assertEquals(10, imports.progress(importId).read(), "the rolled back chunk left nothing behind");

        long restarted = batch.restart(failed);

        assertEquals(BatchStatus.COMPLETED, batch.awaitEnd(restarted).getBatchStatus());
        assertEquals(StepMetrics.clean(15, 5), batch.metrics(restarted, "import"), "resumed at line 12, not line 2");
        ImportProgress done = imports.progress(importId);
        assertEachRowImportedOnce(purpose, done);
    }

    /**
     * A chunk chosen as a deadlock's victim against API traffic (D5: the import FAILED and waited for an operator) is
     * rolled back and its rows written again, one per transaction, by the same execution: the import completes with
     * every row once, and the counts are those of the committed chunks only.
     */
    @Test
    void aChunkLostToADeadlockIsRolledBackAndWrittenAgainByTheSameRun() throws Exception {
        String purpose = "ard-" + UUID.randomUUID().toString().substring(0, 8);
        UUID importId = acceptRowsOf(purpose);
        // The third chunk (lines 12-16) loses a deadlock once, after its rows were written.
        DeadlockingImportWriter.deadlockOnceAt(14);

        long execution = startInChunksOfFive(importId);

        assertEquals(BatchStatus.COMPLETED, batch.awaitEnd(execution).getBatchStatus());
        // Two chunks, the rolled back one, its five rows one per commit, two more chunks and the reader's end.
        assertEquals(new StepMetrics(25, 25, 0, 10, 1, 0), batch.metrics(execution, "import"));
        ImportProgress done = imports.progress(importId);
        assertEquals(25, done.imported());
        assertEachRowImportedOnce(purpose, done);
    }

    /**
     * Two partitions whose threads both fail to create their own execution rows, before their work began (Derby's
     * identity generator under contention: six of twelve partitioned imports uploaded at once failed so, 2026-12-06):
     * the service restarts the run itself, whoever reads the import's latest run is given the restart, and every row is
     * imported once; the failure is neither audited as a job failure nor sent, the restart is audited as automatic.
     */
    @Test
    void aRunWhosePartitionsFailedBeforeTheirWorkBeganIsRestartedByTheService() throws Exception {
        String[] product = new String[1];
        tx.jdbc(c -> product[0] = c.getMetaData().getDatabaseProductName());
        Assumptions.assumeTrue(
                product[0].contains("Derby"), "PostgreSQL's sequences never refuse a value: the conflict is Derby's");
        // Liberty creates the repository's tables at the server's first job: make sure they exist.
        batch.awaitEnd(batch.start(Job.AUDIT_VERIFY.xmlName(), new Properties()));
        String purpose = "aru-" + UUID.randomUUID().toString().substring(0, 8);
        UUID importId = acceptRowsOf(purpose);
        Properties parameters = new Properties();
        parameters.setProperty("importId", importId.toString());
        parameters.setProperty("chunkSize", "5");
        parameters.setProperty("partitions", "2");

        Handler onRestart = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel() == Level.WARNING && record.getMessage().contains("restarted as run")) {
                    LockingImportPartitions.release();
                }
            }

            @Override
            public void flush() {}

            @Override
            public void close() {}
        };
        Logger log = Logger.getLogger(UnstartedRuns.class.getName());
        log.addHandler(onRestart);
        LockingImportPartitions.armOnce();
        long first;
        JobExecution last;
        try {
            first = batch.startAsTheService(Job.CONTACT_IMPORT, parameters);
            imports.started(importId, first);
            assertTrue(LockingImportPartitions.awaitMapped(), "the run's partitions were never mapped");
            last = awaitLatestEnd(first);
        } finally {
            log.removeHandler(onRestart);
            LockingImportPartitions.release();
        }
        assertEquals(1, LockingImportPartitions.held(), "the generator's row was held");

        assertEquals(BatchStatus.COMPLETED, last.getBatchStatus(), "the latest run of the import");
        JobExecution failed = batch.runsOf(first).get(0);
        assertEquals(first, failed.getExecutionId());
        assertEquals(BatchStatus.FAILED, failed.getBatchStatus(), "the run whose partitions could not begin");
        assertEquals(BatchStatus.FAILED, batch.step(first, "import").getBatchStatus(), "it had its step, which failed");
        assertEquals(0, auditedAbout(first, "JOB_FAILED", ""), "its failure was not reported");
        assertEquals(
                1,
                auditedAbout(first, "JOB_RESTARTED", "a partition failed before its work began"),
                "its restart is audited, with why");
        assertEachRowImportedOnce(purpose, imports.progress(importId));
    }

    /** Follows the import's work through the service's own reading of its latest run until that run ends. */
    private JobExecution awaitLatestEnd(long first) throws InterruptedException {
        long deadline = System.currentTimeMillis() + 60_000;
        while (true) {
            JobExecution latest = batch.latestAsTheService(first);
            if (latest.getEndTime() != null) {
                return latest;
            }
            assertTrue(System.currentTimeMillis() < deadline, "the import never ended: " + latest.getBatchStatus());
            Thread.sleep(100);
        }
    }

    /** The audit entries of {@code action} about the import job's run {@code execution} whose details hold {@code text}. */
    private long auditedAbout(long execution, String action, String text) {
        String about = ("JOB_FAILED".equals(action) ? "\"executionId\":" : "\"restartOf\":") + execution + ",";
        long[] found = new long[1];
        tx.jdbc(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT details FROM audit_entry WHERE action = ?"
                    + " AND subject_type = 'job' AND subject_id = 'contact-import'")) {
                s.setString(1, action);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        String details = r.getString(1);
                        if (details.contains(about) && details.contains(text)) {
                            found[0]++;
                        }
                    }
                }
            }
        });
        return found[0];
    }

    /** An upload of 25 new people granting {@code purpose} (a purpose of that key, with a notice, made first). */
    private UUID acceptRowsOf(String purpose) throws Exception {
        String notice = purposeWithNotice(purpose);
        String at = yearAgo();
        StringBuilder file = new StringBuilder(HEADER);
        for (int i = 0; i < 25; i++) {
            row(file, purpose + "-" + i + "@example.com", purpose, notice, at);
        }
        return accept(file);
    }

    /** Starts the import of an accepted upload, five rows a chunk, and records the execution on it. */
    private long startInChunksOfFive(UUID importId) throws Exception {
        Properties parameters = new Properties();
        parameters.setProperty("importId", importId.toString());
        parameters.setProperty("chunkSize", "5");
        long execution = batch.start("contact-import", parameters);
        imports.started(importId, execution);
        return execution;
    }

    /** The 25 rows of {@link #acceptRowsOf} read, each person and grant written once. */
    private void assertEachRowImportedOnce(String purpose, ImportProgress done) throws Exception {
        assertEquals(25, done.read());
        assertEquals(0, done.updated());
        assertEquals(0, done.rejected());
        assertEquals(25, count("SELECT COUNT(*) FROM contact WHERE email LIKE ?", purpose + "-%"));
        assertEquals(25, count("SELECT COUNT(*) FROM consent_event WHERE purpose_key = ?", purpose));
        assertEquals(
                25, count("SELECT COUNT(*) FROM consent_state WHERE purpose_key = ? AND state = 'GRANTED'", purpose));
    }

    /**
     * Three partitions: each person's rows land in one of them (a second row of a person updates what the first
     * created), the rejects are kept once, and a failure in one partition's chunk is resumed from that partition's own
     * position while the others' committed chunks stay as they were.
     */
    @Test
    void aPartitionedImportRestartedAfterAFailureWritesEveryRowExactlyOnce() throws Exception {
        String purpose = "arp-" + UUID.randomUUID().toString().substring(0, 8);
        String second = "arq-" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, String> notices = new HashMap<>();
        for (String p : List.of(purpose, second)) {
            notices.put(p, purposeWithNotice(p));
        }
        String yearAgo = yearAgo();
        StringBuilder file = new StringBuilder(HEADER);
        for (int i = 0; i < 30; i++) {
            row(file, purpose + "-" + i + "@example.com", purpose, notices.get(purpose), yearAgo);
            if (i % 6 == 0) {
                // The same person again, later in the file: only the partition that created them may see this row.
                row(file, purpose + "-" + i + "@example.com", second, notices.get(second), yearAgo);
            }
            if (i % 10 == 0) {
                row(file, purpose + "-" + i + "-not-an-email", purpose, notices.get(purpose), yearAgo);
            }
        }
        UUID importId = accept(file);
        Properties parameters = new Properties();
        parameters.setProperty("importId", importId.toString());
        parameters.setProperty("chunkSize", "3");
        parameters.setProperty("partitions", "3");
        // 38 rows on lines 2-39: the chunk holding line 25 fails once, after its rows were written.
        FailingImportWriter.failOnceAt(25);

        long failed = batch.start("contact-import", parameters);
        imports.started(importId, failed);

        assertEquals(BatchStatus.FAILED, batch.awaitEnd(failed).getBatchStatus());
        long readBefore = imports.progress(importId).read();
        assertTrue(readBefore < 38, "the failed chunk rolled back: read " + readBefore);
        assertEquals(3, count("SELECT COUNT(*) FROM import_partition WHERE import_id = ?", importId.toString()));

        long restarted = batch.restart(failed);

        assertEquals(BatchStatus.COMPLETED, batch.awaitEnd(restarted).getBatchStatus());
        assertEquals(
                38 - readBefore,
                batch.metrics(restarted, "import").read(),
                "each partition resumed after its own last committed chunk");
        ImportProgress done = imports.progress(importId);
        assertEquals(38, done.read());
        assertEquals(30, done.imported());
        assertEquals(5, done.updated());
        assertEquals(3, done.rejected());
        assertEquals(3, count("SELECT COUNT(*) FROM import_reject WHERE import_id = ?", importId.toString()));
        assertEquals(30, count("SELECT COUNT(*) FROM contact WHERE email LIKE ?", purpose + "-%"));
        assertEquals(30, count("SELECT COUNT(*) FROM consent_event WHERE purpose_key = ?", purpose));
        assertEquals(5, count("SELECT COUNT(*) FROM consent_event WHERE purpose_key = ?", second));
        assertEquals(
                30, count("SELECT COUNT(*) FROM consent_state WHERE purpose_key = ? AND state = 'GRANTED'", purpose));
    }

    private static final String HEADER =
            "email,country,locale,audience,customer,purpose,channel,action,noticeId,occurredAt\n";

    /** A new prospecting purpose on email with one French notice; returns the notice's id. */
    private String purposeWithNotice(String purpose) {
        purposes.create(new CreatePurpose(
                new PurposeKey(purpose),
                PurposeKind.PROSPECTING,
                Set.of(Channel.EMAIL),
                false,
                false,
                Map.of("fr", "Offres")));
        return purposes.addNotice(purpose, new PublishNotice("fr", "Recevez nos offres"))
                .id()
                .toString();
    }

    private static String yearAgo() {
        return Instant.now()
                .minus(365, ChronoUnit.DAYS)
                .truncatedTo(ChronoUnit.SECONDS)
                .toString();
    }

    private UUID accept(StringBuilder file) throws Exception {
        return imports.accept(
                        new ByteArrayInputStream(file.toString().getBytes(StandardCharsets.UTF_8)),
                        -1,
                        ImportFormat.CSV,
                        Map.of(),
                        Map.of(),
                        "container-test")
                .id();
    }

    private static void row(StringBuilder file, String email, String purpose, String notice, String at) {
        file.append(email)
                .append(",IT,it,B2C,false,")
                .append(purpose)
                .append(",EMAIL,GRANT,")
                .append(notice)
                .append(',')
                .append(at)
                .append('\n');
    }

    private long count(String sql, String parameter) {
        return tx.call(em ->
                ((Number) em.createNativeQuery(sql).setParameter(1, parameter).getSingleResult()).longValue());
    }
}
