package eu.consent.container;

import eu.consent.imports.ImportCatalog;
import eu.consent.imports.ImportWriter;
import eu.consent.imports.Item;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.interceptor.Interceptor;
import jakarta.transaction.Transactional;
import java.sql.SQLTransactionRollbackException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Test code only: the import's domain writer of the test archive which, once armed, makes the chunk that holds one
 * line lose a deadlock after it wrote its rows, failing as the real writer fails on Derby's deadlock (SQL state 40001
 * under its own wrapping), below the job's chunk writer, where a real one arises. Inert unless armed; it exists only in
 * the archive of {@link ImportRestartIT}.
 */
@Alternative
@Priority(Interceptor.Priority.APPLICATION)
@ApplicationScoped
public class DeadlockingImportWriter extends ImportWriter {

    private static final AtomicLong DEADLOCK_AT_LINE = new AtomicLong(-1);

    /** The next chunk that holds {@code line} is, once, a deadlock's victim. */
    static void deadlockOnceAt(long line) {
        DEADLOCK_AT_LINE.set(line);
    }

    @Override
    @Transactional(Transactional.TxType.MANDATORY)
    public Counts write(UUID importId, Integer part, List<Item> items, ImportCatalog catalog) {
        Counts counts = super.write(importId, part, items, catalog);
        long line = DEADLOCK_AT_LINE.get();
        if (items.stream().anyMatch(i -> i.line() == line) && DEADLOCK_AT_LINE.compareAndSet(line, -1)) {
            var deadlock = new SQLTransactionRollbackException(
                    "A lock could not be obtained due to a deadlock (injected)", "40001", 30000);
            throw new IllegalStateException("import chunk failed: " + deadlock.getMessage(), deadlock);
        }
        return counts;
    }
}
