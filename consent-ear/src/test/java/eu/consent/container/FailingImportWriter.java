package eu.consent.container;

import eu.consent.imports.Item;
import jakarta.annotation.Priority;
import jakarta.batch.api.chunk.ItemWriter;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.interceptor.Interceptor;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Test code only: wraps the import's chunk writer of the test archive and, once armed, fails the chunk that holds one
 * line of the file after the writer wrote it, so that the rollback and the restart are real. Production code carries no
 * such hook; this decorator exists only in the archive of {@link ImportRestartIT}.
 */
@Decorator
@Priority(Interceptor.Priority.APPLICATION)
public abstract class FailingImportWriter implements ItemWriter {

    private static final AtomicLong FAIL_AT_LINE = new AtomicLong(-1);

    @Inject
    @Delegate
    @Named("importChunkWriter")
    ItemWriter writer;

    /** The next chunk that holds {@code line} fails, once. */
    static void failOnceAt(long line) {
        FAIL_AT_LINE.set(line);
    }

    @Override
    public void writeItems(List<Object> items) throws Exception {
        writer.writeItems(items);
        long line = FAIL_AT_LINE.get();
        boolean holdsIt = items.stream().map(Item.class::cast).anyMatch(i -> i.line() == line);
        if (holdsIt && FAIL_AT_LINE.compareAndSet(line, -1)) {
            throw new IllegalStateException("injected failure in the chunk holding line " + line);
        }
    }
}
