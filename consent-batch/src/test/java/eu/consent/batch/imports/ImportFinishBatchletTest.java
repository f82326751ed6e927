package eu.consent.batch.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import eu.consent.imports.Imports;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The import's last step: a try lost to a deadlock is done again, and the upload goes only once the end is recorded
 * (a step that failed must leave the file to its restart).
 */
class ImportFinishBatchletTest {

    private static final UUID ID = UUID.randomUUID();

    /** Records what the step asked of the imports, failing the first {@code failures} tries with {@code failure}. */
    private static final class Recording extends Imports {
        final List<String> calls = new ArrayList<>();
        private int failures;
        private final RuntimeException failure;

        Recording(int failures, RuntimeException failure) {
            this.failures = failures;
            this.failure = failure;
        }

        @Override
        public void completed(UUID id) {
            calls.add("completed " + id);
            if (failures > 0) {
                failures--;
                throw failure;
            }
        }

        @Override
        public void deleteUpload(UUID id) {
            calls.add("delete " + id);
        }
    }

    private static ImportFinishBatchlet step(Imports imports) {
        ImportFinishBatchlet step = new ImportFinishBatchlet();
        step.imports = imports;
        step.importId = ID.toString();
        return step;
    }

    private static RuntimeException deadlock() {
        return new IllegalStateException(
                "audit append failed", new SQLTransactionRollbackException("a lock could not be obtained", "40001"));
    }

    @Test
    void aDeadlockedEndIsDoneAgainAndTheFileGoesOnlyAfterItCommitted() {
        Recording imports = new Recording(2, deadlock());

        assertEquals("COMPLETED", step(imports).process());

        assertEquals(List.of("completed " + ID, "completed " + ID, "completed " + ID, "delete " + ID), imports.calls);
    }

    @Test
    void anEndThatKeepsFailingFailsTheStepAndKeepsTheFile() {
        RuntimeException failure = deadlock();
        Recording imports = new Recording(ImportFinishBatchlet.TRIES, failure);

        assertSame(failure, assertThrows(RuntimeException.class, () -> step(imports)
                .process()));

        assertEquals(ImportFinishBatchlet.TRIES, imports.calls.size());
        assertEquals(
                List.of(),
                imports.calls.stream().filter(c -> c.startsWith("delete")).toList());
    }

    @Test
    void aFailureThatIsNotTransientFailsAtOnce() {
        RuntimeException failure = new IllegalStateException("broken", new SQLException("no such table", "42X05"));
        Recording imports = new Recording(1, failure);

        assertSame(failure, assertThrows(RuntimeException.class, () -> step(imports)
                .process()));

        assertEquals(List.of("completed " + ID), imports.calls);
    }
}
