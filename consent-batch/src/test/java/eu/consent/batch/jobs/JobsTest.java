package eu.consent.batch.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import jakarta.batch.operations.JobRestartException;
import jakarta.batch.operations.JobStartException;
import jakarta.transaction.RollbackException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.config.Config;
import org.junit.jupiter.api.Test;

class JobsTest {

    /** A configuration holding only these properties. */
    private static Config config(Map<String, String> properties) {
        return (Config) Proxy.newProxyInstance(
                Config.class.getClassLoader(), new Class<?>[] {Config.class}, (proxy, method, args) -> {
                    if (!method.getName().equals("getOptionalValue")) {
                        throw new UnsupportedOperationException(method.getName());
                    }
                    String value = properties.get((String) args[0]);
                    if (value == null) {
                        return Optional.empty();
                    }
                    return Optional.of(args[1] == Boolean.class ? Boolean.valueOf(value) : value);
                });
    }

    @Test
    void theFiveNightlyJobsRunAtTheirDefaultTimes() {
        assertEquals(
                Map.of(
                        Job.AUDIT_VERIFY, "45 3 * * *",
                        Job.RETENTION_PURGE, "30 2 * * *",
                        Job.REACTIVATION_FLAG, "0 3 * * *",
                        Job.PENDING_EXPIRY, "15 1 * * *",
                        Job.SUPPRESSION_RESYNC, "30 1 * * *"),
                Jobs.nightly(config(Map.of())));
    }

    @Test
    void aConfiguredTimeReplacesTheDefaultAndTheScheduleCanBeSwitchedOff() {
        assertEquals(
                "0 4 * * *",
                Jobs.nightly(config(Map.of("consent.schedule.retention-purge", "0 4 * * *")))
                        .get(Job.RETENTION_PURGE));
        assertTrue(Jobs.nightly(config(Map.of("consent.schedule.enabled", "false")))
                .isEmpty());
    }

    @Test
    void operatorsStartJobsByTheirXmlNameButNotTheImportWhichNeedsAnUpload() {
        assertEquals(Optional.of(Job.RETENTION_PURGE), Job.operable("retention-purge"));
        assertEquals(Optional.of(Job.AUDIT_VERIFY), Job.operable("audit-verify"));
        assertEquals(Optional.empty(), Job.operable("contact-import"));
        assertEquals(Optional.of(Job.CONTACT_IMPORT), Job.named("contact-import"));
        assertEquals(Optional.empty(), Job.operable("nope"));
    }

    @Test
    void everyJobHasAJobXml() {
        for (Job job : Job.values()) {
            assertTrue(Job.class.getResource("/META-INF/batch-jobs/" + job.xmlName() + ".xml") != null, job.xmlName());
        }
    }

    /** A start refused because the job repository's transaction rolled back, as Liberty's operator reports it. */
    private static JobStartException rolledBackStart() {
        return new JobStartException(new IllegalStateException(new RollbackException("the repository rolled back")));
    }

    @Test
    void aStartOrRestartWhoseRepositoryTransactionRolledBackIsTriedAgainAfterGrowingPauses() {
        AtomicInteger calls = new AtomicInteger();
        List<Integer> pauses = new ArrayList<>();
        long execution = Jobs.retryingRollbacks(
                () -> {
                    if (calls.incrementAndGet() < 3) {
                        throw rolledBackStart();
                    }
                    return 42;
                },
                pauses::add);
        assertEquals(42, execution);
        assertEquals(3, calls.get());
        assertEquals(List.of(100, 200), pauses);

        calls.set(0);
        long restarted = Jobs.retryingRollbacks(
                () -> {
                    if (calls.incrementAndGet() < 2) {
                        throw new JobRestartException(new RollbackException("the repository rolled back"));
                    }
                    return 43;
                },
                pauses::add);
        assertEquals(43, restarted);
        assertEquals(List.of(100, 200, 100), pauses);
    }

    @Test
    void anyOtherRefusalAndTheLastRollbackReachTheCaller() {
        AtomicInteger calls = new AtomicInteger();
        JobStartException other = new JobStartException("no such job XML");
        assertSame(
                other,
                assertThrows(
                        JobStartException.class,
                        () -> Jobs.retryingRollbacks(
                                () -> {
                                    calls.incrementAndGet();
                                    throw other;
                                },
                                pause -> fail("paused for a refusal that is not a rollback"))));
        assertEquals(1, calls.get());

        calls.set(0);
        List<Integer> pauses = new ArrayList<>();
        assertTrue(Jobs.rolledBack(assertThrows(
                JobStartException.class,
                () -> Jobs.retryingRollbacks(
                        () -> {
                            calls.incrementAndGet();
                            throw rolledBackStart();
                        },
                        pauses::add))));
        assertEquals(Jobs.START_ATTEMPTS, calls.get());
        assertEquals(List.of(100, 200, 400, 800), pauses);
    }
}
