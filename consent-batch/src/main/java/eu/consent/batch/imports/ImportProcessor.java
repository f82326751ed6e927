package eu.consent.batch.imports;

import eu.consent.imports.Imports;
import eu.consent.imports.Item;
import eu.consent.imports.RecordReader;
import eu.consent.imports.RowParser;
import jakarta.batch.api.BatchProperty;
import jakarta.batch.api.chunk.ItemProcessor;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Clock;
import java.util.UUID;

/**
 * Parses a record into a valid, normalized row or a rejection; purposes and notices are read once per step. A
 * partition's reader already parsed its rows to route them: those pass as they are.
 */
@Named
@Dependent
public class ImportProcessor implements ItemProcessor {

    @Inject
    Imports imports;

    @Inject
    Clock clock;

    @Inject
    @BatchProperty
    String importId;

    private RowParser parser;

    @Override
    public Object processItem(Object item) {
        if (item instanceof Item) {
            return item;
        }
        if (parser == null) {
            UUID id = UUID.fromString(importId);
            parser = new RowParser(imports.settings(id), imports.catalog(), clock.instant());
        }
        return parser.parse((RecordReader.Record) item);
    }
}
