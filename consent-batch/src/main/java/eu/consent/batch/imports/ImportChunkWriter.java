package eu.consent.batch.imports;

import eu.consent.batch.jobs.TransientFailure;
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
import java.util.UUID;

/**
 * Writes a chunk of rows in the chunk's transaction, moving the import's (or the partition's) position. A chunk lost
 * to a deadlock with API traffic, or beaten to a new person's email or phone by another import or the API, is rolled
 * back and written again ({@link TransientFailure}): the position rolls back with the rows, the reader reopens at it,
 * and the rows read again find the person now there.
 */
@Named
@Dependent
public class ImportChunkWriter extends AbstractItemWriter {

    @Inject
    ImportWriter writer;

    @Inject
    Imports imports;

    @Inject
    @BatchProperty
    String importId;

    /** This partition's number when the step runs in several, whose positions are the partitions' own. */
    @Inject
    @BatchProperty
    String part;

    @Inject
    @BatchProperty
    String count;

    private ImportCatalog catalog;

    @Override
    public void writeItems(List<Object> items) {
        UUID id = UUID.fromString(importId);
        if (catalog == null) {
            catalog = imports.catalog();
        }
        List<Item> rows = items.stream().map(Item.class::cast).toList();
        boolean partitioned = count != null && !count.isBlank() && Integer.parseInt(count.strip()) > 1;
        Integer partition = partitioned ? Integer.valueOf(part.strip()) : null;
        TransientFailure.retryableOnCollision(() -> writer.write(id, partition, rows, catalog));
    }
}
