package eu.consent.batch.imports;

import eu.consent.batch.jobs.PartitionWork;
import eu.consent.imports.ImportProgress;
import eu.consent.imports.ImportRoute;
import eu.consent.imports.Imports;
import eu.consent.imports.Item;
import eu.consent.imports.PartitionPositions;
import eu.consent.imports.RecordReader;
import eu.consent.imports.RowParser;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.batch.runtime.context.JobContext;
import jakarta.batch.runtime.context.StepContext;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.time.Clock;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Reads the records of the upload from the position the import's own row holds (or, when the step runs in several
 * partitions, the partition's own row). That position commits with the rows each chunk writes, so it — not the batch
 * checkpoint, kept in another transaction — is where a restart resumes. A partition of several routes each record
 * (by its email cell when it has a valid one, else by parsing it) and hands on only its own rows, parsed; the others
 * are not its items (nor counted as read by it).
 */
@Named
@Dependent
public class ImportReader extends AbstractItemReader {

    @Inject
    Imports imports;

    @Inject
    PartitionPositions positions;

    @Inject
    Clock clock;

    @Inject
    StepContext step;

    @Inject
    JobContext job;

    /** The longest row, as for every line-read upload; a longer one is rejected, cut. */
    @Inject
    @ConfigProperty(name = "consent.api.max-line-chars", defaultValue = "" + RecordReader.MAX_RECORD)
    int maxLineChars;

    @Inject
    @BatchProperty
    String importId;

    /** This partition's number, when the step is partitioned. */
    @Inject
    @BatchProperty
    String part;

    @Inject
    @BatchProperty
    String count;

    private RecordReader reader;
    private long position;
    private int partition;
    private int partitions = 1;
    private RowParser parser;

    @Override
    public void open(Serializable checkpoint) throws IOException {
        PartitionWork.began(step, job); // a partition's reader: its work begins here
        UUID id = UUID.fromString(importId);
        if (count != null && !count.isBlank()) {
            partitions = Integer.parseInt(count.strip());
            partition = Integer.parseInt(part.strip());
        }
        ImportProgress progress = imports.progress(id);
        long offset = progress.position();
        long lastLine = progress.lastLine();
        if (partitions > 1) {
            PartitionPositions.Position own = positions
                    .of(id, partition)
                    .orElseThrow(() -> new IllegalStateException("import " + id + " has no partition " + part));
            offset = own.bytes();
            lastLine = own.lastLine();
            parser = new RowParser(imports.settings(id), imports.catalog(), clock.instant());
        }
        position = offset;
        if (reader != null) {
            reader.close(); // a chunk retried after a rollback re-opens the reader at its checkpoint
        }
        reader = new RecordReader(imports.file(id), offset, lastLine, imports.settings(id), maxLineChars);
    }

    @Override
    public Object readItem() throws IOException {
        while (true) {
            RecordReader.Record record = reader.next();
            if (record == null) {
                return null;
            }
            position = record.end();
            if (parser == null) {
                return record;
            }
            // Most rows route by their email: read that cell alone and leave the rows of other partitions unparsed.
            String email = parser.email(record);
            if (email != null && ImportRoute.of(email, partitions) != partition) {
                continue;
            }
            Item item = parser.parse(record);
            if (ImportRoute.of(item, partitions) == partition) {
                return item;
            }
        }
    }

    @Override
    public Serializable checkpointInfo() {
        return position;
    }

    @Override
    public void close() throws IOException {
        if (reader != null) {
            reader.close();
        }
    }
}
