package eu.consent.batch.imports;

import eu.consent.imports.ImportProgress;
import eu.consent.imports.Imports;
import eu.consent.imports.RecordReader;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.AbstractItemReader;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serializable;
import java.util.UUID;

/**
 * Reads the records of the upload from the position the import's own row holds. That position commits with the rows
 * each chunk writes, so it — not the batch checkpoint, kept in another transaction — is where a restart resumes.
 */
@Named
@Dependent
public class ImportReader extends AbstractItemReader {

    @Inject
    Imports imports;

    @Inject
    @BatchProperty
    String importId;

    private RecordReader reader;
    private long position;

    @Override
    public void open(Serializable checkpoint) throws IOException {
        UUID id = UUID.fromString(importId);
        ImportProgress progress = imports.progress(id);
        position = progress.position();
        reader = new RecordReader(imports.file(id), progress.position(), progress.lastLine(), imports.settings(id));
    }

    @Override
    public Object readItem() throws IOException {
        RecordReader.Record record = reader.next();
        if (record != null) {
            position = record.end();
        }
        return record;
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
