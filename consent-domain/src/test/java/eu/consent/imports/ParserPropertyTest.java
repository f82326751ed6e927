package eu.consent.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.consent.purpose.Channel;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;

/** The CSV record reader and the import row parser, which read whatever a client uploads. */
class ParserPropertyTest {

    private static final List<String> COLUMNS = List.of("email", "phone", "country", "purpose", "channel", "action");
    private static final ImportSettings CSV = new ImportSettings(ImportFormat.CSV, ',', COLUMNS, Map.of(), Map.of());
    private static final ImportCatalog CATALOG = new ImportCatalog(
            Map.of("news", new ImportCatalog.PurposeRules(Set.of(Channel.EMAIL), false, true)), Map.of());

    @Provide
    Arbitrary<String> cells() {
        return Arbitraries.strings()
                .withChars("ab ,;\"\r\néà=-+")
                .ofMaxLength(12)
                // A CR LF inside quotes is read as LF (one line-break form per cell): a documented normalization.
                .filter(s -> !s.contains("\r\n"));
    }

    /** RFC 4180 writing: quote every cell, double its quotes. */
    private static String write(List<String> cells) {
        return cells.stream().map(c -> "\"" + c.replace("\"", "\"\"") + "\"").collect(Collectors.joining(","));
    }

    @Property(tries = 300)
    void everyWrittenRecordIsReadBackCellForCellAndAResumeReadsTheRest(
            @ForAll @Size(min = 1, max = 6)
                    List<@Size(min = 1, max = 4) List<@net.jqwik.api.From("cells") String>> rows)
            throws IOException {
        Path file = Files.createTempFile("records", ".csv");
        try {
            Files.writeString(
                    file,
                    rows.stream().map(ParserPropertyTest::write).collect(Collectors.joining("\r\n")),
                    StandardCharsets.UTF_8);
            List<RecordReader.Record> records = readAll(file, 0, 0);
            assertEquals(rows, records.stream().map(RecordReader.Record::cells).toList());
            for (int i = 0; i < records.size(); i++) {
                RecordReader.Record r = records.get(i);
                assertEquals(records.subList(i + 1, records.size()), readAll(file, r.end(), lineOf(file, r.end())));
            }
        } finally {
            Files.delete(file);
        }
    }

    @Property(tries = 300)
    void anyBytesAreRecordsOrProblemsNeverAnExceptionAndNeverTooLong(@ForAll @StringLength(max = 20_000) String text)
            throws IOException {
        Path file = Files.createTempFile("noise", ".csv");
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
            for (RecordReader.Record r : readAll(file, 0, 0)) {
                assertTrue(r.text().length() <= RecordReader.MAX_RECORD);
                assertTrue(r.cells() != null || r.problem() != null, "a record has cells or a problem");
            }
        } finally {
            Files.delete(file);
        }
    }

    @Property(tries = 500)
    void anyRowIsAcceptedOrRejectedWithAReasonNeverAnException(
            @ForAll @Size(max = 8) List<@StringLength(max = 40) String> cells) {
        RowParser parser = new RowParser(CSV, CATALOG, Instant.now());
        Item item = parser.parse(new RecordReader.Record(2, String.join(",", cells), cells, null, 10));
        if (item instanceof Item.Rejected rejected) {
            assertNotNull(rejected.reason());
        } else {
            Item.Row row = (Item.Row) item;
            assertTrue(row.email() != null || row.phone() != null, "an accepted row names the person");
        }
    }

    @Provide
    Arbitrary<String> fields() {
        return Arbitraries.oneOf(
                Arbitraries.of(
                        "ann@example.com",
                        " Ann@Example.COM ",
                        "'@ann@example.com",
                        "bob@exämple.fr",
                        "not an address",
                        "a@b",
                        "",
                        "  ",
                        "+33612345678",
                        "06 12 34 56 78",
                        "FR",
                        "xx",
                        "news",
                        "EMAIL",
                        "GRANT",
                        "WITHDRAW"),
                Arbitraries.strings().withChars("ab@.+ '=").ofMaxLength(12));
    }

    @Property(tries = 1000)
    void theEmailARowIsRoutedByBeforeParsingIsTheOneTheWholeParseGives(
            @ForAll @Size(min = 6, max = 7) List<@net.jqwik.api.From("fields") String> cells,
            @ForAll boolean emailTwice,
            @ForAll boolean defaultEmail) {
        List<String> columns = new ArrayList<>(COLUMNS);
        if (emailTwice) {
            columns.add("email");
        }
        ImportSettings settings = new ImportSettings(
                ImportFormat.CSV,
                ',',
                columns,
                Map.of(),
                defaultEmail ? Map.of("email", "default@example.com") : Map.of());
        RowParser parser = new RowParser(settings, CATALOG, Instant.now());
        RecordReader.Record record = new RecordReader.Record(2, String.join(",", cells), cells, null, 10);
        String routed = parser.email(record);
        Item item = parser.parse(record);
        String parsed = item instanceof Item.Row row ? row.email() : ((Item.Rejected) item).email();
        if (routed != null) {
            assertEquals(parsed, routed, "the email read alone is the parsed row's");
            for (int partitions = 1; partitions <= 4; partitions++) {
                assertEquals(ImportRoute.of(item, partitions), ImportRoute.of(routed, partitions));
            }
        } else if (item instanceof Item.Row) {
            assertEquals(null, parsed, "an email the parse keeps is found without it");
        } else {
            // A line whose cells could not be read is routed by its whole parse, the same in every partition; the
            // address it keeps (for an erasure to find it) may be read from its text.
            assertEquals(ImportRoute.of(item, 3), ImportRoute.of(parser.parse(record), 3), "routed alike each time");
        }
    }

    private static long lineOf(Path file, long offset) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        long lines = 0;
        for (int i = 0; i < offset; i++) {
            lines += bytes[i] == '\n' ? 1 : 0;
        }
        return lines;
    }

    private static List<RecordReader.Record> readAll(Path file, long offset, long line) throws IOException {
        List<RecordReader.Record> records = new ArrayList<>();
        try (RecordReader reader = new RecordReader(file, offset, line, CSV)) {
            RecordReader.Record r;
            while ((r = reader.next()) != null) {
                records.add(r);
            }
        }
        return records;
    }
}
