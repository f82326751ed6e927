package eu.consent.suppression.sources.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import eu.consent.shared.InvalidInputException;
import eu.consent.suppression.SuppressionReason;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SnapshotFormatsTest {

    private static List<String> read(EspFormat format, String text) throws IOException {
        BufferedReader in = SnapshotFormats.toGeneric(format, new BufferedReader(new StringReader(text)));
        List<String> lines = new ArrayList<>();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            lines.add(line);
        }
        return lines;
    }

    @Test
    void oneLineOutPerLineInSoRefusalsNameTheProvidersLine() throws IOException {
        assertEquals(
                List.of("", "a@example.com,UNSUBSCRIBED,2011-10-21T11:02:55Z", "", "b@example.com,UNSUBSCRIBED,"),
                read(
                        EspFormat.MAILGUN_UNSUBSCRIBES,
                        "address,tags,created_at\na@example.com,*,\"Fri, 21 Oct 2011 11:02:55 UTC\"\n\nb@example.com,,\n"));
    }

    /** A comma-separated file sent as brevo (whose separator is ';') is no address glued to its next cell. */
    @Test
    void aCommaInTheAddressCellInventsNoAddress() throws IOException {
        assertEquals(
                List.of("", "x@example.org BOUNCE,UNSUBSCRIBED,"),
                read(EspFormat.BREVO, "email\nx@example.org,BOUNCE\n"));
    }

    /** A comma-separated header sent as brevo says what is wrong: the separator, not a missing column. */
    @Test
    void aCommaSeparatedBrevoFileIsNamedSo() {
        InvalidInputException refused = assertThrows(
                InvalidInputException.class, () -> read(EspFormat.BREVO, "EMAIL,REASON\nx@example.org,BOUNCE\n"));
        assertEquals(
                "a brevo file is separated by semicolons (;); this one by commas: its header is the one cell"
                        + " \"email,reason\"",
                refused.getMessage().substring(refused.getMessage().indexOf("a brevo")));
    }

    @Test
    void quotedCellsKeepTheirCommas() throws IOException {
        assertEquals(
                List.of("", "x@example.com,HARD_BOUNCE,2024-12-02T10:00:00Z"),
                read(
                        EspFormat.MAILGUN_BOUNCES,
                        "address,code,error,created_at\nx@example.com,550,\"no such user, sorry \"\"really\"\"\","
                                + "\"Mon, 02 Dec 2024 10:00:00 UTC\""));
    }

    /**
     * A file saved by hand or by a spreadsheet may put a space after each separator: its quoted cells still keep their
     * commas. The import's strict RFC 4180 reader ({@code CsvRecords}) would read {@code  "no such user} as a cell of
     * its own here, which is why these formats keep their lenient splitter.
     */
    @Test
    void quotedCellsAfterASpaceKeepTheirCommas() throws IOException {
        assertEquals(
                List.of("", "x@example.com,HARD_BOUNCE,2024-12-02T10:00:00Z"),
                read(
                        EspFormat.MAILGUN_BOUNCES,
                        "address, code, error, created_at\nx@example.com, 550, \"no such user, sorry\", "
                                + "\"Mon, 02 Dec 2024 10:00:00 UTC\" "));
    }

    @Test
    void bloctelNumbersBecomeInternational() throws IOException {
        assertEquals(
                List.of(
                        "+33612345678,DNC_REGISTRY,",
                        "+33612345679,DNC_REGISTRY,",
                        "+33612345680,DNC_REGISTRY,",
                        "+33612345681,DNC_REGISTRY,"),
                read(EspFormat.BLOCTEL, "06 12 34 56 78\n+33612345679\n33612345680\n0033612345681\n"));
        assertEquals("0612345678", Bloctel.write("+33612345678"));
        assertEquals("+32470123456", Bloctel.write("+32470123456"));
    }

    /**
     * The national form covers the overseas departments: Bloctel writes Réunion's {@code +262 692 …} as {@code 0692 …},
     * which was read as {@code +33 692 …}, no number, and refused (until 2026-12-06). Lines from a spreadsheet read too.
     */
    @Test
    void bloctelsNationalNumbersOfTheOverseasDepartmentsAreTheirs() throws IOException {
        assertEquals(
                List.of(
                        "+262692792320,DNC_REGISTRY,",
                        "+262262715859,DNC_REGISTRY,",
                        "+590690686524,DNC_REGISTRY,",
                        "+596696740941,DNC_REGISTRY,",
                        "+262639606717,DNC_REGISTRY,",
                        "+594694201234,DNC_REGISTRY,",
                        "+33612345678,DNC_REGISTRY,",
                        "+33612345679,DNC_REGISTRY,",
                        "+33612345680,DNC_REGISTRY,"),
                read(
                        EspFormat.BLOCTEL,
                        "0692792320\n0262 71 58 59\n06.90.68.65.24\n0696740941\n0639606717\n0694201234\n"
                                + "06\u00a012\u00a034\u00a056\u00a078\n\"0612345679\";\n06/12/34/56/80\n"));
        assertEquals(
                List.of("+262692845797,DNC_REGISTRY,", "+262692233136,DNC_REGISTRY,", "+596696740941,DNC_REGISTRY,"),
                read(EspFormat.BLOCTEL, "00262692845797\n262692233136\n00 596 696 74 09 41\n"),
                "the international forms without their + too, as for +33");
        assertEquals("0692792320", Bloctel.write("+262692792320"));
        assertEquals("0690686524", Bloctel.write("+590690686524"));
        assertEquals("0696740941", Bloctel.write("+596696740941"));
    }

    /** API.md names the SES CSV's columns {@code email,reason}; SES's own export names the first EmailAddress. */
    @Test
    void anSesFileReadsUnderEitherHeader() throws IOException {
        List<String> expected = List.of("", "x@example.com,HARD_BOUNCE,", "y@example.com,COMPLAINT,");
        assertEquals(expected, read(EspFormat.SES, "email,reason\nx@example.com,BOUNCE\ny@example.com,COMPLAINT\n"));
        assertEquals(
                expected, read(EspFormat.SES, "EmailAddress,Reason\nx@example.com,BOUNCE\ny@example.com,COMPLAINT\n"));
        assertThrows(InvalidInputException.class, () -> read(EspFormat.SES, "address,reason\nx@example.com,BOUNCE\n"));
    }

    @Test
    void aHeaderWithoutTheAddressColumnIsRefused() {
        assertThrows(InvalidInputException.class, () -> read(EspFormat.POSTMARK, "Email,Reason\nx@example.com,y\n"));
        assertThrows(InvalidInputException.class, () -> EspFormat.of("mailgun"));
    }

    @Test
    void datesOfEveryProvider() {
        Instant at = Instant.parse("2024-12-02T10:00:00Z");
        assertEquals(at, Dates.parse("2024-12-02T10:00:00Z"));
        assertEquals(at, Dates.parse("2024-12-02T05:00:00-05:00"));
        assertEquals(at, Dates.parse("Mon, 02 Dec 2024 10:00:00 UTC"));
        assertEquals(at, Dates.parse("2024-12-02 10:00:00"));
        assertEquals(at, Dates.parse(Long.toString(at.getEpochSecond())));
        assertNull(Dates.parse("yesterday"));
        assertEquals("2024-12-02", Dates.text("2024-12-02"), "a day alone, which the staging dates from its end");
        assertEquals(at.toString(), Dates.text("Mon, 02 Dec 2024 10:00:00 UTC"));
        assertNull(Dates.text("2024-13-02"));
    }

    @Test
    void outboundRowsAreWhatEachImportTakes() throws IOException {
        Instant at = Instant.parse("2024-12-02T10:00:00Z");
        StringWriter w = new StringWriter();
        OutboundFormats.row(
                EspFormat.SES, new OutboundFormats.Row("a@example.com", SuppressionReason.UNSUBSCRIBED, at), w, s -> s);
        OutboundFormats.row(
                EspFormat.SES, new OutboundFormats.Row("b@example.com", SuppressionReason.HARD_BOUNCE, at), w, s -> s);
        OutboundFormats.row(
                EspFormat.MAILGUN_UNSUBSCRIBES,
                new OutboundFormats.Row("c@example.com", SuppressionReason.COMPLAINT, at),
                w,
                s -> s);
        assertEquals(
                "a@example.com,COMPLAINT\r\nb@example.com,BOUNCE\r\nc@example.com,*,\"Mon, 2 Dec 2024 10:00:00 UTC\"\r\n",
                w.toString());
    }

    /** Our columns are read by position: a header naming others means a file read wrong, refused before any line. */
    @Test
    void aGenericHeaderNamesOurColumnsOrTheFileIsRefused() throws IOException {
        assertEquals(
                List.of("", "a@example.com,HARD_BOUNCE,"),
                read(EspFormat.GENERIC, "Identifier;Reason;Date\na@example.com,HARD_BOUNCE,\n"));
        assertEquals(
                List.of("", "a@example.com,HARD_BOUNCE,"),
                read(EspFormat.GENERIC, "email,reason,date\na@example.com,HARD_BOUNCE,\n"));
        assertEquals(
                List.of("", "+33612345678,DNC_REGISTRY"),
                read(EspFormat.GENERIC, "identifier\n+33612345678,DNC_REGISTRY\n"));
        for (String header : List.of("foo,bar", "address,why", "identifier,why", "identifier,reason,when", "x")) {
            InvalidInputException refused = assertThrows(
                    InvalidInputException.class,
                    () -> read(EspFormat.GENERIC, header + "\na@example.com,HARD_BOUNCE,\n"));
            assertEquals("format", refused.errors().get(0).field(), header);
        }
        // A first line with an address, a number or one of our reasons is a line (refused or not when staged).
        assertEquals(
                List.of("not-an-address,UNSUBSCRIBED,"), read(EspFormat.GENERIC, "not-an-address,UNSUBSCRIBED,\n"));
        assertEquals(List.of("0612345678,DNC_REGISTRY"), read(EspFormat.GENERIC, "0612345678,DNC_REGISTRY\n"));
        assertEquals(List.of("a@example.com,HARD-BOUNCE"), read(EspFormat.GENERIC, "a@example.com,HARD-BOUNCE\n"));
    }

    /**
     * A quoted cell may hold line breaks (a Mailgun error of several SMTP lines, a Mailchimp note): the text after the
     * break belongs to the cell, never a row of its own, and each physical line still has its line out (AD-F1).
     */
    @Test
    void aQuotedCellSpanningLinesIsOneRowAndNoAddressInItIsListed() throws IOException {
        assertEquals(
                List.of("", "a@example.com,HARD_BOUNCE,2024-12-02T10:00:00Z", "", "", "b@example.com,HARD_BOUNCE,"),
                read(
                        EspFormat.MAILGUN_BOUNCES,
                        "address,code,error,created_at\na@example.com,550,\"550-5.1.1 rejected:\r\nvictim@example.org"
                                + " unknown\nmore\",\"Mon, 02 Dec 2024 10:00:00 UTC\"\nb@example.com,550,x,\n"));
    }

    /** A quote left open by mistake (no closing one within the bound) leaves its line alone, as before. */
    @Test
    void aQuoteLeftOpenLeavesTheFollowingLinesTheirOwn() throws IOException {
        StringBuilder file = new StringBuilder("address,tags,created_at\na@example.com,\"*,\n");
        for (int i = 0; i < 60; i++) {
            file.append("p").append(i).append("@example.com,*,\n");
        }
        List<String> lines = read(EspFormat.MAILGUN_UNSUBSCRIBES, file.toString());
        assertEquals(62, lines.size());
        assertEquals(true, lines.get(1).startsWith("a@example.com,"), lines.get(1));
        assertEquals("p59@example.com,UNSUBSCRIBED,", lines.get(61));
    }

    /** Every line is bounded: a longer one is cut one character over the bound (refused on its line), a header refused. */
    @Test
    void aLineOverTheBoundIsCutAndAHeaderOverItRefused() throws IOException {
        String huge = "z".repeat(100_000);
        List<String> lines = read(EspFormat.SENDGRID, "email,created\n" + huge + "@example.com,1\nb@example.com,\n");
        assertEquals(3, lines.size());
        assertEquals(SnapshotFormats.Translating.LONGEST + 1, lines.get(1).length());
        assertEquals("b@example.com,UNSUBSCRIBED,", lines.get(2));
        InvalidInputException refused =
                assertThrows(InvalidInputException.class, () -> read(EspFormat.SENDGRID, huge + "\nb@example.com,\n"));
        assertEquals(true, refused.getMessage().length() < 500, refused.getMessage());
    }

    /** Our own unsubscribes and complaints, written to a Mailgun bounce list before 2026-12-06, read back as they were. */
    @Test
    void ourOwnLinesInAMailgunBounceListKeepTheirReason() throws IOException {
        assertEquals(
                List.of(
                        "",
                        "u@example.com,UNSUBSCRIBED,",
                        "c@example.com,COMPLAINT,",
                        "h@example.com,HARD_BOUNCE,",
                        "x@example.com,HARD_BOUNCE,"),
                read(
                        EspFormat.MAILGUN_BOUNCES,
                        "address,code,error,created_at\n"
                                + "u@example.com,550,unsubscribed: recorded by the consent service,\n"
                                + "c@example.com,550,complaint recorded by the consent service,\n"
                                + "h@example.com,550,hard bounce recorded by the consent service,\n"
                                + "x@example.com,550,mailbox unknown,\n"));
    }

    /** SES's files may start without a header: an over-long first line is a row, refused on its line (AG-F4). */
    @Test
    void anSesFileStartingWithAnOverLongLineRefusesThatLineAlone() throws IOException {
        List<String> lines = read(EspFormat.SES, "z".repeat(20_000) + "@example.com,BOUNCE\nb@example.com,BOUNCE\n");
        assertEquals(2, lines.size());
        assertEquals(SnapshotFormats.Translating.LONGEST + 1, lines.get(0).length());
        assertEquals("b@example.com,HARD_BOUNCE,", lines.get(1));
    }

    /** Two stray quotes a few lines apart do not join the rows between them into one (the reviewer's point 2). */
    @Test
    void aRowOfItsOwnEndsTheSearchForAQuotesEnd() throws IOException {
        List<String> lines = read(
                EspFormat.MAILGUN_BOUNCES,
                "address,code,error,created_at\na@example.com,550,\"foo,\nb@example.com,550,x,\n"
                        + "c@example.com,550,\"bar,\n");
        assertEquals(4, lines.size(), lines.toString());
        assertEquals("b@example.com,HARD_BOUNCE,", lines.get(2));
        assertEquals(true, lines.get(1).startsWith("a@example.com,"), lines.get(1));
        assertEquals(true, lines.get(3).startsWith("c@example.com,"), lines.get(3));
    }
}
