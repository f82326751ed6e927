package eu.consent.imports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.consent.consent.ConsentAction;
import eu.consent.consent.ConsentSource;
import eu.consent.purpose.Channel;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RowParserTest {

    private static final String NOTICE = "6f1c1f3e-6c41-4c39-9a36-5c1d1b8d2f10";
    private static final ImportCatalog CATALOG = new ImportCatalog(
            Map.of(
                    "news", new ImportCatalog.PurposeRules(Set.of(Channel.EMAIL, Channel.SMS), false, true),
                    "doi", new ImportCatalog.PurposeRules(Set.of(Channel.EMAIL), true, true)),
            Map.of(NOTICE, "news"));
    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final List<String> COLUMNS = List.of(
            "email",
            "phone",
            "country",
            "locale",
            "audience",
            "customer",
            "attr.tier",
            "purpose",
            "channel",
            "action",
            "source",
            "noticeId",
            "occurredAt",
            "confirmedAt");

    private static Item parse(Map<String, String> defaults, String... cells) {
        ImportSettings settings = new ImportSettings(ImportFormat.CSV, ',', COLUMNS, Map.of(), defaults);
        return new RowParser(settings, CATALOG, NOW)
                .parse(new RecordReader.Record(7, String.join(",", cells), Arrays.asList(cells), null, 99));
    }

    @Test
    void aValidRowIsNormalized() {
        Item.Row row = assertInstanceOf(
                Item.Row.class,
                parse(
                        Map.of(),
                        " Ana@Example.COM ",
                        "06 12 34 56 78",
                        "fr",
                        "fr-fr",
                        "b2c",
                        "yes",
                        "'=SUM(A1)",
                        "news",
                        "email",
                        "grant",
                        "paper",
                        NOTICE,
                        "2025-03-01",
                        ""));
        assertEquals("ana@example.com", row.email());
        assertEquals("+33612345678", row.phone());
        assertEquals("FR", row.country());
        assertEquals(Boolean.TRUE, row.customer());
        assertEquals(Map.of("tier", "=SUM(A1)"), row.attributes());
        assertEquals(ConsentAction.GRANT, row.consent().action());
        assertEquals(ConsentSource.PAPER, row.consent().origin());
        assertEquals(Instant.parse("2025-03-01T00:00:00Z"), row.consent().occurredAt());
        assertEquals(7, row.line());
        assertEquals(99, row.end());
    }

    @Test
    void everyBrokenFieldIsNamedInOneRejection() {
        Item.Rejected r = assertInstanceOf(
                Item.Rejected.class,
                parse(
                        Map.of(),
                        "nope",
                        "",
                        "XX",
                        "",
                        "",
                        "maybe",
                        "",
                        "news",
                        "POSTAL",
                        "GRANT",
                        "",
                        "",
                        "2030-01-01",
                        ""));
        assertEquals(RejectReason.INVALID, r.reason());
        for (String field : List.of("email", "country", "customer", "channel", "noticeId", "occurredAt")) {
            assertTrue(r.detail().contains(field + ":"), field + " in " + r.detail());
        }
    }

    @Test
    void aDateBefore1970IsRefusedAsTheApiRefusesIt() {
        for (String early : List.of("1969-12-31", "1500-03-01T12:00:00Z", "0001-01-01 00:00:00")) {
            Item.Rejected r = assertInstanceOf(
                    Item.Rejected.class,
                    parse(
                            Map.of(),
                            "a@x.fr",
                            "",
                            "FR",
                            "fr",
                            "B2C",
                            "no",
                            "",
                            "news",
                            "EMAIL",
                            "WITHDRAW",
                            "",
                            "",
                            early,
                            ""),
                    early);
            assertEquals(RejectReason.INVALID, r.reason());
            assertTrue(r.detail().contains("occurredAt: must not be before 1970-01-01T00:00:00Z"), r.detail());
        }
        Item.Row epoch = assertInstanceOf(
                Item.Row.class,
                parse(
                        Map.of(),
                        "a@x.fr",
                        "",
                        "FR",
                        "fr",
                        "B2C",
                        "no",
                        "",
                        "news",
                        "EMAIL",
                        "WITHDRAW",
                        "",
                        "",
                        "1970-01-01",
                        ""));
        assertEquals(Instant.EPOCH, epoch.consent().occurredAt());
    }

    @Test
    void anUnknownActionIsToldTheActionsAFileMayCarry() {
        for (String action : List.of("LIKE", "CONFIRM")) {
            Item.Rejected r = assertInstanceOf(
                    Item.Rejected.class,
                    parse(
                            Map.of(),
                            "a@x.fr",
                            "",
                            "FR",
                            "fr",
                            "B2C",
                            "no",
                            "",
                            "news",
                            "EMAIL",
                            action,
                            "",
                            "",
                            "2026-01-01",
                            ""));
            assertTrue(r.detail().contains("action: must be GRANT, WITHDRAW or OBJECT (give confirmedAt"), r.detail());
        }
    }

    @Test
    void defaultAttributesAreAttributesAndEveryDefaultIsMarked() {
        Item.Row row = assertInstanceOf(
                Item.Row.class,
                parse(
                        Map.of("attr.tier", "gold", "attr.source", "fair", "customer", "false"),
                        "a@x.de",
                        "",
                        "DE",
                        "de",
                        "B2B",
                        "",
                        "silver",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        ""));
        assertEquals(Map.of("tier", "silver", "source", "fair"), row.attributes());
        assertEquals(Set.of("attr.source", "customer"), row.defaulted());
        assertTrue(row.isDefault("customer"));
    }

    @Test
    void anNdjsonMemberThatNamesNoFieldIsTakenOnlyWhenTheUploadListedIt() {
        ImportSettings settings =
                new ImportSettings(ImportFormat.NDJSON, ',', List.of(), Map.of(), Map.of(), Set.of("crmScore"));
        RowParser parser = new RowParser(settings, CATALOG, NOW);
        Item listed = parser.parse(new RecordReader.Record(1, "{\"email\":\"a@x.fr\",\"crmScore\":7}", null, null, 0));
        assertInstanceOf(Item.Row.class, listed);
        Item typo = parser.parse(
                new RecordReader.Record(2, "{\"emial\":\"b@x.fr\",\"phone\":\"+33612345678\"}", null, null, 0));
        assertEquals(
                "emial: is no field of an import row, and the first line does not name it",
                assertInstanceOf(Item.Rejected.class, typo).detail());
        ImportSettings kept = ImportSettings.fromJson(settings.toJson(List.of("crmScore")));
        assertEquals(Set.of("crmScore"), kept.announced());
    }

    /**
     * The CSV export writes an apostrophe before a formula and before an apostrophe (web's {@code Csv.cell}); the
     * import reads the cell without the first, so a value comes back as it was written, whatever it starts with.
     */
    @Test
    void aCsvCellIsReadWithoutTheApostropheTheExportAddedAndAJsonValueAsItIs() {
        ImportSettings csv =
                new ImportSettings(ImportFormat.CSV, ',', List.of("email", "externalId"), Map.of(), Map.of());
        RowParser parser = new RowParser(csv, CATALOG, NOW);
        Map<String, String> written = Map.of(
                "''-o@example.org", "'-o@example.org",
                "'-o@example.org", "-o@example.org",
                "o@example.org", "o@example.org");
        written.forEach((cell, value) -> {
            Item.Row row = assertInstanceOf(
                    Item.Row.class,
                    parser.parse(new RecordReader.Record(2, cell + ",'''=x", List.of(cell, "'''=x"), null, 0)));
            assertEquals(value, row.email(), cell);
            assertEquals("''=x", row.externalId(), cell);
        });
        assertEquals(
                "'-o@example.org",
                parser.email(new RecordReader.Record(2, "", List.of("''-o@example.org", ""), null, 0)));
        Item.Row foreign = assertInstanceOf(
                Item.Row.class,
                parser.parse(new RecordReader.Record(2, "a@x.fr,'abc", List.of("a@x.fr", "'abc"), null, 0)));
        assertEquals("'abc", foreign.externalId(), "a foreign file's apostrophe before a letter is the value's own");
        ImportSettings ndjson = new ImportSettings(ImportFormat.NDJSON, ',', List.of(), Map.of(), Map.of());
        Item.Row json = assertInstanceOf(
                Item.Row.class,
                new RowParser(ndjson, CATALOG, NOW)
                        .parse(new RecordReader.Record(
                                1, "{\"email\":\"'-o@example.org\",\"externalId\":\"'=x\"}", null, null, 0)));
        assertEquals("'-o@example.org", json.email());
        assertEquals("'=x", json.externalId());
    }

    @Test
    void anNdjsonLineWithTwoValuesIsRejectedNotHalfRead() {
        ImportSettings settings = new ImportSettings(ImportFormat.NDJSON, ',', List.of(), Map.of(), Map.of());
        Item item = new RowParser(settings, CATALOG, NOW)
                .parse(new RecordReader.Record(1, "{\"email\":\"a@x.fr\"} {\"email\":\"b@x.fr\"}", null, null, 0));
        assertEquals(
                "the line holds more than one JSON value",
                assertInstanceOf(Item.Rejected.class, item).detail());
    }

    @Test
    void anNdjsonLineNamingAMemberTwiceIsRejectedNotReadAsItsLastValue() {
        ImportSettings settings = new ImportSettings(ImportFormat.NDJSON, ',', List.of(), Map.of(), Map.of());
        RowParser parser = new RowParser(settings, CATALOG, NOW);
        for (String line : List.of(
                "{\"email\":\"a@x.fr\",\"email\":\"b@x.fr\"}",
                "{\"email\":\"a@x.fr\",\"attributes\":{\"tier\":\"gold\",\"tier\":\"silver\"}}")) {
            Item item = parser.parse(new RecordReader.Record(1, line, null, null, 0));
            assertTrue(
                    assertInstanceOf(Item.Rejected.class, item).detail().endsWith(" appears twice in one object"),
                    line);
        }
        Item trailing = parser.parse(new RecordReader.Record(1, "{\"email\":\"a@x.fr\"}}", null, null, 0));
        assertEquals(
                "the line holds more than one JSON value",
                assertInstanceOf(Item.Rejected.class, trailing).detail());
    }

    @Test
    void defaultsFillEmptyCellsOnly() {
        Item.Row row = assertInstanceOf(
                Item.Row.class,
                parse(
                        Map.of("country", "DE", "locale", "de"),
                        "a@x.de",
                        "",
                        "",
                        "it",
                        "B2B",
                        "false",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        "",
                        ""));
        assertEquals("DE", row.country());
        assertEquals("it", row.locale());
    }

    @Test
    void aDoubleOptInGrantWithoutItsConfirmationIsNotConfirmed() {
        Item.Rejected r = assertInstanceOf(
                Item.Rejected.class,
                parse(
                        Map.of("noticeId", NOTICE),
                        "a@x.fr",
                        "",
                        "FR",
                        "fr",
                        "B2C",
                        "false",
                        "",
                        "doi",
                        "EMAIL",
                        "GRANT",
                        "",
                        "",
                        "2025-01-01T00:00:00Z",
                        ""));
        // The notice belongs to another purpose: that is INVALID, which wins over NOT_CONFIRMED.
        assertEquals(RejectReason.INVALID, r.reason());
        ImportCatalog catalog = new ImportCatalog(CATALOG.purposes(), Map.of(NOTICE, "doi"));
        ImportSettings settings = new ImportSettings(ImportFormat.CSV, ',', COLUMNS, Map.of(), Map.of());
        String[] cells = {
            "a@x.fr",
            "",
            "FR",
            "fr",
            "B2C",
            "false",
            "",
            "doi",
            "EMAIL",
            "GRANT",
            "",
            NOTICE,
            "2025-01-01T00:00:00Z",
            ""
        };
        Item unconfirmed = new RowParser(settings, catalog, NOW)
                .parse(new RecordReader.Record(2, "", Arrays.asList(cells), null, 0));
        assertEquals(
                RejectReason.NOT_CONFIRMED,
                assertInstanceOf(Item.Rejected.class, unconfirmed).reason());
        // A rejection keeps the identifiers it could read, normalized: an erasure finds the row by them.
        assertEquals("a@x.fr", ((Item.Rejected) unconfirmed).email());
        cells[13] = "2025-01-01T00:05:00Z";
        Item confirmed = new RowParser(settings, catalog, NOW)
                .parse(new RecordReader.Record(2, "", Arrays.asList(cells), null, 0));
        assertEquals(
                Instant.parse("2025-01-01T00:05:00Z"),
                assertInstanceOf(Item.Row.class, confirmed).consent().confirmedAt());
    }

    @Test
    void ndjsonMembersAreFieldsAndAttributesAnObject() {
        ImportSettings settings =
                new ImportSettings(ImportFormat.NDJSON, ',', List.of(), Map.of("mail", "email"), Map.of());
        Item.Row row = assertInstanceOf(
                Item.Row.class,
                new RowParser(settings, CATALOG, NOW)
                        .parse(new RecordReader.Record(
                                1, "{\"mail\":\"b@x.fr\",\"customer\":true,\"attributes\":{\"n\":3}}", null, null, 0)));
        assertEquals("b@x.fr", row.email());
        assertEquals(Map.of("n", "3"), row.attributes());
        assertEquals(
                RejectReason.INVALID,
                assertInstanceOf(
                                Item.Rejected.class,
                                new RowParser(settings, CATALOG, NOW)
                                        .parse(new RecordReader.Record(1, "[1,2]", null, null, 0)))
                        .reason());
    }

    @Test
    void attributesMergeOverTheContactsAndAnUnchangedMergeIsTheSameText() {
        String current = "{\"a\":\"1\",\"n\":2}";
        assertEquals(current, ImportRules.mergeAttributes(current, Map.of("a", "1")));
        assertEquals(
                "{\"a\":\"9\",\"b\":\"x\",\"n\":2}", ImportRules.mergeAttributes(current, Map.of("a", "9", "b", "x")));
        assertEquals("{\"z\":\"1\"}", ImportRules.mergeAttributes(null, Map.of("z", "1")));
    }
}
