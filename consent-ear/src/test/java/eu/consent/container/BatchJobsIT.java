package eu.consent.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.consent.audit.AuditEntry;
import eu.consent.audit.AuditLog;
import eu.consent.audit.AuditTrail;
import eu.consent.batch.retention.IdRanges;
import eu.consent.consent.ConsentAction;
import eu.consent.consent.ConsentLedger;
import eu.consent.consent.ConsentSource;
import eu.consent.consent.ConsentState;
import eu.consent.consent.CurrentConsent;
import eu.consent.consent.Proof;
import eu.consent.consent.RecordConsent;
import eu.consent.contact.Contact;
import eu.consent.imports.ImportFormat;
import eu.consent.imports.ImportProgress;
import eu.consent.imports.Imports;
import eu.consent.purpose.Channel;
import eu.consent.purpose.CreatePurpose;
import eu.consent.purpose.PublishNotice;
import eu.consent.purpose.PurposeKey;
import eu.consent.purpose.PurposeKind;
import eu.consent.purpose.PurposeService;
import eu.consent.retention.RetentionService;
import eu.consent.retention.policy.RetentionPolicy;
import eu.consent.suppression.sources.SuppressionSources;
import jakarta.batch.runtime.BatchStatus;
import jakarta.batch.runtime.JobExecution;
import jakarta.inject.Inject;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Each job of consent-batch started through the JobOperator, with its status and step metrics asserted. Where a job
 * scans the whole database, its parameters confine it to this test's own data (a retention of a century for contacts
 * made a century old), or the expected counts are read from the database just before the start.
 */
@ExtendWith(ArquillianExtension.class)
class BatchJobsIT {

    private static final int CENTURY_MONTHS = 1200;

    @Deployment
    static WebArchive deployment() {
        return Deployments.batch("batch-jobs");
    }

    @Inject
    Batch batch;

    @Inject
    Tx tx;

    @Inject
    TestContacts people;

    @Inject
    PurposeService purposes;

    @Inject
    ConsentLedger ledger;

    @Inject
    RetentionService retention;

    @Inject
    RetentionPolicy policy;

    @Inject
    Imports imports;

    @Inject
    SuppressionSources sources;

    @Inject
    AuditLog audit;

    @Inject
    AuditTrail trail;

    @Test
    void retentionPurgeErasesTheStaleContactsInChunksOfEachPartitionThenForgetsOldImports() throws Exception {
        List<String> stale = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            stale.add(people.lastActive(people.create(), Instant.now().minus(101 * 366, ChronoUnit.DAYS)));
        }
        // Each partition reads its own range of ids and commits per chunk of two, and once more at its end.
        List<IdRanges.Range> ranges = IdRanges.split(3);
        long commits = 0;
        for (IdRanges.Range range : ranges) {
            commits += stale.stream().filter(range::contains).count() / 2 + 1;
        }

        long id = batch.start(
                "retention-purge",
                parameters("retentionMonths", "" + CENTURY_MONTHS, "chunkSize", "2", "partitions", "3"));

        assertEquals(BatchStatus.COMPLETED, batch.awaitEnd(id).getBatchStatus());
        assertEquals(new StepMetrics(7, 7, 0, commits, 0, 0), batch.metrics(id, "purge"));
        assertEquals(BatchStatus.COMPLETED, batch.step(id, "forget-imports").getBatchStatus());
        for (String contact : stale) {
            assertNull(tx.call(em -> em.find(Contact.class, contact)), "purged: " + contact);
            List<AuditEntry> purges = trail.list(UUID.fromString(contact), null, null, 1000, null).items().stream()
                    .filter(e -> e.action().equals("CONTACT_PURGED"))
                    .toList();
            assertEquals(1, purges.size(), "its chunk's entry lists it: " + contact);
            assertNull(purges.get(0).subjectId(), "the entry names no purged id in clear");
        }
        assertTrue(trail.verify().valid(), "the chain, and the lists its entries seal, verify");
    }

    @Test
    void reactivationFlagListsEveryContactInsideTheRePermissionWindow() throws Exception {
        List<String> nearing = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            nearing.add(people.lastActive(people.create(), Instant.now().minus(33 * 31, ChronoUnit.DAYS)));
        }
        Instant now = Instant.now();
        int expected = retention
                .nearingPurgeAfter(
                        RetentionPolicy.monthsBefore(now, policy.retentionMonths()),
                        RetentionPolicy.monthsBefore(now, policy.reactivationMonths()),
                        "",
                        Integer.MAX_VALUE)
                .size();
        assertTrue(expected >= nearing.size());

        long id = batch.start("reactivation-flag", parameters("chunkSize", "2"));

        assertEquals(BatchStatus.COMPLETED, batch.awaitEnd(id).getBatchStatus());
        assertEquals(StepMetrics.clean(expected, 2), batch.metrics(id, "flag"));
        for (String contact : nearing) {
            Number listed = tx.call(em ->
                    (Number) em.createNativeQuery("SELECT COUNT(*) FROM reactivation_candidate WHERE contact_id = ?")
                            .setParameter(1, contact)
                            .getSingleResult());
            assertEquals(1, listed.intValue(), "listed: " + contact);
        }
        // Listed before the purge's cutoff passed them (the flag runs nightly): once past it, refused by every
        // prospecting decision and purged tonight, they leave the list at once (until 2026-12-06 at the next flag run).
        String past = nearing.get(0);
        tx.run(em -> em.createNativeQuery("UPDATE reactivation_candidate SET purge_after = ? WHERE contact_id = ?")
                .setParameter(1, java.sql.Timestamp.from(Instant.now().minusSeconds(60)))
                .setParameter(2, past)
                .executeUpdate());
        List<String> listedNow = new ArrayList<>();
        String after = null;
        do {
            var page = retention.candidates(1000, after);
            page.items().forEach(c -> listedNow.add(c.contactId().toString()));
            after = page.next();
        } while (after != null);
        assertTrue(listedNow.contains(nearing.get(1)), "still nearing: " + nearing.get(1));
        assertTrue(!listedNow.contains(past), "past its purgeAfter: " + past);
    }

    @Test
    void pendingExpiryDropsTheDoubleOptInsNeverConfirmed() throws Exception {
        String purpose = purpose(true);
        String notice = purposes.addNotice(purpose, new PublishNotice("fr", "Nos offres, après confirmation"))
                .id()
                .toString();
        List<String> waiting = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            String contact = people.create();
            ledger.record(new RecordConsent(
                    UUID.fromString(contact),
                    new PurposeKey(purpose),
                    Channel.EMAIL,
                    ConsentAction.GRANT,
                    ConsentSource.WEB_FORM,
                    UUID.fromString(notice),
                    new Proof("192.0.2.1", "test", "https://example.com/form", null, null),
                    null));
            waiting.add(contact);
        }
        // The wait counts from when the server received each grant (and mailed its request): a century ago.
        tx.run(em -> em.createNativeQuery("UPDATE consent_event SET recorded_at = ? WHERE purpose_key = ?")
                .setParameter(1, Timestamp.from(Instant.now().minus(101 * 366, ChronoUnit.DAYS)))
                .setParameter(2, purpose)
                .executeUpdate());

        long id = batch.start("pending-expiry", parameters("expiryDays", "" + 100 * 366, "chunkSize", "2"));

        assertEquals(BatchStatus.COMPLETED, batch.awaitEnd(id).getBatchStatus());
        assertEquals(StepMetrics.clean(3, 2), batch.metrics(id, "expire"));
        // Dropped, not withdrawn: the pair is back where it was before the grant, which had no state (since
        // 2026-12-06; before, the person was WITHDRAWN for good).
        for (String contact : waiting) {
            CurrentConsent state = ledger.current(UUID.fromString(contact)).get(0);
            assertEquals(ConsentState.NONE, state.state(), contact);
        }
    }

    @Test
    void contactImportWritesEveryRowAndRejectsTheBadOnesWithoutSkippingAny() throws Exception {
        String batchKey = "imp" + UUID.randomUUID().toString().substring(0, 8);
        StringBuilder file = new StringBuilder("email,country,locale,audience,customer\n");
        for (int i = 0; i < 4; i++) {
            file.append(batchKey).append('-').append(i).append("@example.com,FR,fr,B2C,false\n");
        }
        file.append("not-an-email,FR,fr,B2C,false\n");
        UUID importId = imports.accept(
                        new ByteArrayInputStream(file.toString().getBytes(StandardCharsets.UTF_8)),
                        -1,
                        ImportFormat.CSV,
                        Map.of(),
                        Map.of(),
                        "container-test")
                .id();

        long id = batch.start("contact-import", parameters("importId", importId.toString(), "chunkSize", "2"));
        imports.started(importId, id);

        JobExecution end = batch.awaitEnd(id);
        assertEquals(BatchStatus.COMPLETED, end.getBatchStatus());
        assertEquals(StepMetrics.clean(5, 2), batch.metrics(id, "import"));
        ImportProgress progress = imports.progress(importId);
        assertEquals(5, progress.read());
        assertEquals(1, progress.rejected());
        assertEquals(0, progress.updated());
    }

    @Test
    void suppressionResyncAppliesAStagedSnapshotAsADiffInChunks() throws Exception {
        String source = "arq" + UUID.randomUUID().toString().substring(0, 8);
        String a = UUID.randomUUID() + "@example.com";
        String b = UUID.randomUUID() + "@example.com";
        String c = UUID.randomUUID() + "@example.com";
        sources.stage(
                source,
                csv("identifier,reason,date\n" + a + ",HARD_BOUNCE,\n" + b + ",COMPLAINT,\n" + c + ",UNSUBSCRIBED,\n"),
                false);

        long first = batch.start("suppression-resync", parameters("source", source, "chunkSize", "2"));

        assertEquals(BatchStatus.COMPLETED, batch.awaitEnd(first).getBatchStatus());
        assertEquals("ADDED_3_REMOVED_0", batch.step(first, "apply").getExitStatus());
        // Three additions and the source's end.
        assertEquals(StepMetrics.clean(4, 2), batch.metrics(first, "apply"));
        assertEquals(3, entriesOf(source));

        sources.stage(source, csv(a + ";HARD_BOUNCE;\n\"" + b + "\";COMPLAINT;\n"), true);
        long second = batch.start("suppression-resync", parameters("source", source, "chunkSize", "2"));

        assertEquals(BatchStatus.COMPLETED, batch.awaitEnd(second).getBatchStatus());
        assertEquals("ADDED_0_REMOVED_1", batch.step(second, "apply").getExitStatus());
        assertEquals(StepMetrics.clean(2, 2), batch.metrics(second, "apply"));
        assertEquals(2, entriesOf(source));
    }

    @Test
    void aStoppedResyncStopsBetweenChunksAndItsRestartAddsEachEntryOnce() throws Exception {
        String source = "arq" + UUID.randomUUID().toString().substring(0, 8);
        StringBuilder snapshot = new StringBuilder("identifier,reason,date\n");
        for (int i = 0; i < 400; i++) {
            snapshot.append(UUID.randomUUID()).append("@example.com,HARD_BOUNCE,\n");
        }
        sources.stage(source, csv(snapshot.toString()), false);

        long id = batch.start("suppression-resync", parameters("source", source, "chunkSize", "1"));
        // Stopped once its step runs (a stop while the job is still starting ends it before any step).
        long deadline = System.currentTimeMillis() + 30_000;
        while (entriesOf(source) == 0 && System.currentTimeMillis() < deadline) {
            Thread.sleep(10);
        }
        batch.stop(id);

        assertEquals(BatchStatus.STOPPED, batch.awaitEnd(id).getBatchStatus());
        StepMetrics stopped = batch.metrics(id, "apply");
        assertTrue(stopped.write() < 401, stopped.toString());
        assertEquals(stopped.write(), entriesOf(source), "what the stopped run committed, no more");
        long restarted = batch.restart(id);
        assertEquals(BatchStatus.COMPLETED, batch.awaitEnd(restarted).getBatchStatus());
        assertEquals(401 - stopped.write(), batch.metrics(restarted, "apply").write(), "resumed, not repeated");
        assertEquals(400, entriesOf(source));
        assertEquals("ADDED_400_REMOVED_0", batch.step(restarted, "apply").getExitStatus());
    }

    private long entriesOf(String source) {
        return tx.call(em -> ((Number) em.createNativeQuery("SELECT COUNT(*) FROM suppression WHERE source = ?")
                        .setParameter(1, SuppressionSources.PREFIX + source)
                        .getSingleResult())
                .longValue());
    }

    @Test
    void auditVerifyWalksTheEntriesSinceItsAnchorInCheckpointedChunks() throws Exception {
        long catchUp = batch.start("audit-verify", parameters());
        assertEquals(BatchStatus.COMPLETED, batch.awaitEnd(catchUp).getBatchStatus());
        for (int i = 0; i < 5; i++) {
            audit.append("CONTAINER_TEST", "test", UUID.randomUUID().toString(), "{}");
        }

        long id = batch.start("audit-verify", parameters("chunkSize", "2"));

        JobExecution end = batch.awaitEnd(id);
        assertEquals(BatchStatus.COMPLETED, end.getBatchStatus());
        assertEquals("VALID", end.getExitStatus());
        assertEquals(StepMetrics.clean(5, 2), batch.metrics(id, "verify-chain"));
    }

    private String purpose(boolean doubleOptIn) {
        String key = "arq-" + UUID.randomUUID().toString().substring(0, 8);
        purposes.create(new CreatePurpose(
                new PurposeKey(key),
                PurposeKind.PROSPECTING,
                Set.of(Channel.EMAIL),
                doubleOptIn,
                false,
                Map.of("fr", "Offres", "en", "Offers")));
        return key;
    }

    private static BufferedReader csv(String text) {
        return new BufferedReader(new StringReader(text));
    }

    private static Properties parameters(String... pairs) {
        Properties p = new Properties();
        for (int i = 0; i < pairs.length; i += 2) {
            p.setProperty(pairs[i], pairs[i + 1]);
        }
        return p;
    }
}
