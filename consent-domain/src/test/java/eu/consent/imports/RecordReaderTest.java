package eu.consent.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordReaderTest {

    @TempDir
    Path dir;

    private static final ImportSettings CSV =
            new ImportSettings(ImportFormat.CSV, ';', List.of("email", "attr.note"), Map.of(), Map.of());

    private List<RecordReader.Record> readAll(Path file, long offset, long line, ImportSettings settings)
            throws IOException {
        List<RecordReader.Record> records = new ArrayList<>();
        try (RecordReader reader = new RecordReader(file, offset, line, settings)) {
            RecordReader.Record r;
            while ((r = reader.next()) != null) {
                records.add(r);
            }
        }
        return records;
    }

    @Test
    void readsQuotedCellsAcrossLinesWithTheLineTheyStartOnAndWhereTheNextStarts() throws IOException {
        String header = "email;attr.note\r\n";
        String body = "a@x.fr;\"one; \"\"two\"\"\r\nthree\"\r\n\r\nb@x.fr;plain\n\"c@x.fr\";é";
        Path file = dir.resolve("f.csv");
        Files.writeString(file, header + body, StandardCharsets.UTF_8);
        long start = header.getBytes(StandardCharsets.UTF_8).length;
        List<RecordReader.Record> records = readAll(file, start, 1, CSV);
        assertEquals(3, records.size());
        assertEquals(2, records.get(0).line());
        assertEquals(List.of("a@x.fr", "one; \"two\"\nthree"), records.get(0).cells());
        assertEquals(5, records.get(1).line());
        assertEquals(List.of("b@x.fr", "plain"), records.get(1).cells());
        assertEquals(List.of("c@x.fr", "é"), records.get(2).cells());
        assertEquals(Files.size(file), records.get(2).end());

        // Resuming from where a record ends reads exactly the records after it.
        List<RecordReader.Record> rest =
                readAll(file, records.get(0).end(), records.get(0).line() + 1, CSV);
        assertEquals(records.subList(1, 3), rest);
    }

    @Test
    void anUnclosedQuoteOrStrayTextIsAProblemOfThatRecordOnly() throws IOException {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, "a@x.fr;\"ab\"c\nb@x.fr;ok\nc@x.fr;\"never closed\n", StandardCharsets.UTF_8);
        List<RecordReader.Record> records = readAll(file, 0, 0, CSV);
        assertEquals(3, records.size());
        assertEquals(
                "text after a closing quote at character 12", records.get(0).problem());
        assertNull(records.get(1).problem());
        assertEquals("a quoted field is not closed", records.get(2).problem());
    }

    @Test
    void aByteOrderMarkAtTheStartIsSkippedAndAHugeRowIsCut() throws IOException {
        Path file = dir.resolve("bom.ndjson");
        String huge = "{\"email\":\"" + "x".repeat(RecordReader.MAX_RECORD + 10) + "\"}";
        Files.writeString(file, "\uFEFF{\"email\":\"a@x.fr\"}\n" + huge + "\n{}", StandardCharsets.UTF_8);
        ImportSettings ndjson = new ImportSettings(ImportFormat.NDJSON, ',', List.of(), Map.of(), Map.of());
        List<RecordReader.Record> records = readAll(file, 0, 0, ndjson);
        assertEquals("{\"email\":\"a@x.fr\"}", records.get(0).text());
        assertEquals(RecordReader.MAX_RECORD, records.get(1).text().length());
        assertEquals(
                "the row is longer than " + RecordReader.MAX_RECORD + " characters",
                records.get(1).problem());
        assertEquals(3, records.get(2).line());
    }

    @Test
    void theLinesOfAnOverlongQuotedCellAreNeverReadAsRows() throws IOException {
        StringBuilder note = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            note.append("x".repeat(98)).append('\n');
        }
        note.append("evil@x.com;end of note");
        Path file = dir.resolve("long.csv");
        Files.writeString(file, "a@x.fr;\"" + note + "\"\nb@x.fr;after\n", StandardCharsets.UTF_8);
        List<RecordReader.Record> records = readAll(file, 0, 0, CSV);
        assertEquals(2, records.size(), records.toString());
        assertEquals(
                "the row is longer than " + RecordReader.MAX_RECORD + " characters",
                records.get(0).problem());
        assertEquals(List.of("b@x.fr", "after"), records.get(1).cells());
        assertEquals(102, records.get(1).line());
    }

    @Test
    void theHeaderDecidesTheDelimiter() {
        assertEquals(';', CsvRecords.delimiterOf("email;\"a,b\";phone"));
        assertEquals(',', CsvRecords.delimiterOf("email,phone"));
    }
}
