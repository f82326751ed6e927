package eu.consent.batch.imports;

import eu.consent.imports.ImportCatalog;
import eu.consent.imports.ImportWriter;
import eu.consent.imports.Imports;
import eu.consent.imports.Item;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemWriter;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Writes a chunk of rows in the chunk's transaction. For the crash tests, a server started with
 * {@code consent.import.fault-injection=true} fails the chunk holding line {@code failAtLine} once per import, after
 * writing it, so that the rollback and the restart are real.
 */
@Named
@Dependent
public class ImportChunkWriter extends AbstractItemWriter {

    private static final Set<String> FAILED_ONCE = ConcurrentHashMap.newKeySet();

    @Inject
    ImportWriter writer;

    @Inject
    Imports imports;

    @Inject
    @BatchProperty
    String importId;

    @Inject
    @BatchProperty
    String failAtLine;

    private ImportCatalog catalog;

    @Override
    public void writeItems(List<Object> items) {
        UUID id = UUID.fromString(importId);
        if (catalog == null) {
            catalog = imports.catalog();
        }
        List<Item> rows = items.stream().map(Item.class::cast).toList();
        writer.write(id, rows, catalog);
        if (imports.faultInjection() && failAtLine != null && !failAtLine.isBlank() && !rows.isEmpty()) {
            long line = Long.parseLong(failAtLine);
            if (rows.get(0).line() <= line && line <= rows.get(rows.size() - 1).line() && FAILED_ONCE.add(importId)) {
                throw new IllegalStateException("injected failure in the chunk holding line " + line);
            }
        }
    }
}
