package eu.consent.imports;

import eu.consent.contact.IdentifiersInText;
import eu.consent.shared.InvalidInputException;
import eu.consent.shared.Jsons;
import eu.consent.shared.Utf8Text;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.CharBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Copies an upload to disk while checking that it is UTF-8 text (a NUL byte or an invalid sequence refuses it), and
 * reads its header: what the import job reads from, with the position of its first row.
 */
final class Uploads {

    private static final int MAX_HEADER = 64 * 1024;

    /** What was stored: the settings to read it with, where rows start, its size and the columns left unread. */
    record Stored(ImportSettings settings, long firstRow, long headerLines, long size, List<String> ignored) {}

    private Uploads() {}

    static Stored store(
            InputStream body,
            Path file,
            ImportFormat format,
            Map<String, String> mapping,
            Map<String, String> defaults) {
        Scan scan = new Scan();
        try (OutputStream out = Files.newOutputStream(file)) {
            byte[] buffer = new byte[1 << 16];
            int n;
            while ((n = body.read(buffer)) > 0) {
                scan.take(buffer, n);
                out.write(buffer, 0, n);
            }
            scan.finish();
        } catch (IOException e) {
            deleteQuietly(file);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            deleteQuietly(file);
            throw e;
        }
        try {
            return settings(scan, format, mapping, defaults);
        } catch (RuntimeException e) {
            deleteQuietly(file);
            throw e;
        }
    }

    static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // Nothing to do: the file is in the import folder and holds nothing a later import reads.
        }
    }

    private static Stored settings(
            Scan scan, ImportFormat format, Map<String, String> mapping, Map<String, String> defaults) {
        if (scan.nonBlankLines == 0) {
            throw new InvalidInputException("file", "is empty");
        }
        if (format == ImportFormat.NDJSON ? scan.anyCrAlone : scan.crAlone) {
            // Rows ended by a carriage return alone ("CSV (Macintosh)"; outside a quoted cell, in a CSV) were read as
            // one line: refused whole rather than a 422 saying there are no rows, or, in a file mixing line ends, rows
            // neither imported nor rejected, their addresses listed as unknown columns (AD-F11, AG-F3: the header, the
            // rows, NDJSON; until 2026-12-06).
            throw new InvalidInputException(
                    "file",
                    "its lines end with a carriage return alone (as \"CSV (Macintosh)\" saves them): save it with"
                            + " Windows (CR LF) or Unix (LF) line ends");
        }
        if (format == ImportFormat.NDJSON) {
            if (!scan.header.stripLeading().startsWith("{")) {
                throw new InvalidInputException("file", "is not NDJSON: each line must be one JSON object");
            }
            Map<String, String> rename = new LinkedHashMap<>();
            mapping.forEach((field, member) -> rename.put(member, field));
            return new Stored(
                    new ImportSettings(format, ',', List.of(), rename, defaults),
                    0,
                    0,
                    scan.size,
                    unknownMembers(scan.header, rename));
        }
        if (scan.nonBlankLines == 1) {
            throw new InvalidInputException("file", "has a header but no rows");
        }
        String header = scan.header;
        char delimiter = CsvRecords.delimiterOf(header);
        CsvRecords.Split split = CsvRecords.split(header, delimiter);
        if (split.cells() == null) {
            throw new InvalidInputException(
                    "file",
                    "the header line cannot be read: "
                            + (split.problem() != null
                                    ? split.problem()
                                    : "a quoted cell is not closed on its line (a header's cells hold no line"
                                            + " break)"));
        }
        Map<String, String> byColumn = new LinkedHashMap<>();
        mapping.forEach((field, column) -> byColumn.put(column.strip().toLowerCase(java.util.Locale.ROOT), field));
        List<String> columns = new ArrayList<>();
        List<String> ignored = new ArrayList<>();
        List<String> cells = split.cells();
        for (String name : cells) {
            String field = byColumn.get(name.strip().toLowerCase(java.util.Locale.ROOT));
            if (field == null) {
                field = ImportField.named(name);
                if (field != null && mapping.containsKey(field)) {
                    field = null; // the mapping takes this field from another column
                }
            }
            if (field != null && columns.contains(field)) {
                // Which of two values would be the person's? Until 2026-12-06 the second column was ignored, its
                // values lost without a reject (an `email,email` file kept the first address only).
                throw new InvalidInputException(
                        "file",
                        "the header gives the field '" + field + "' twice: columns " + (columns.indexOf(field) + 1)
                                + " ('" + IdentifiersInText.masked(cells.get(columns.indexOf(field))) + "') and "
                                + (columns.size() + 1) + " ('" + IdentifiersInText.masked(name) + "')");
            }
            if (field == null) {
                // Kept with the import and shown for days: a person's address or number standing in the header (a
                // title cell, a first row run into it) is masked, as an erasure could not find it there (tester AO's
                // F11: until 2026-12-07 it outlived the person's erasure).
                ignored.add(IdentifiersInText.masked(name));
                columns.add(null);
            } else {
                columns.add(field);
            }
        }
        if (!columns.contains(ImportField.EMAIL) && !columns.contains(ImportField.PHONE)) {
            throw new InvalidInputException(
                    "file",
                    "the header has no email or phone column (found: "
                            + IdentifiersInText.masked(String.join(", ", split.cells())) + ")");
        }
        for (String field : mapping.keySet()) {
            if (!columns.contains(field)) {
                throw new InvalidInputException(
                        "map." + field, "names column '" + mapping.get(field) + "', which the header does not have");
            }
        }
        return new Stored(
                new ImportSettings(format, delimiter, columns, Map.of(), defaults),
                scan.headerEnd,
                scan.headerLine,
                scan.size,
                ignored);
    }

    /**
     * The members of the first NDJSON line that name no field (as a CSV header's unknown columns: what a row of that
     * shape leaves out, so that an {@code emial} shows at once); none when the line is no JSON object, which the job
     * rejects as a row.
     */
    private static List<String> unknownMembers(String firstLine, Map<String, String> rename) {
        JsonValue first;
        try {
            first = Jsons.readStrict(firstLine);
        } catch (JsonException e) {
            return List.of();
        }
        if (!(first instanceof JsonObject object)) {
            return List.of();
        }
        // Masked as a CSV header's cells are (AO-F11); a line's members are compared masked too (RowParser).
        return object.keySet().stream()
                .filter(member -> !rename.containsKey(member) && ImportField.named(member) == null)
                .map(IdentifiersInText::masked)
                .toList();
    }

    /** Checks the bytes as they pass: UTF-8 text without NUL, and where the first non-blank line ends. */
    private static final class Scan {
        private final Utf8Text utf8 = new Utf8Text(this::keepHeader);
        private final StringBuilder firstLine = new StringBuilder();
        private boolean lineHasText;
        private boolean headerDone;
        private long size;
        private long line;
        private long nonBlankLines;
        private long headerEnd;
        private long headerLine;
        private String header = "";
        /** Whether a quoted cell is open (across lines: a cell may span them). */
        private boolean quoted;
        /** The byte before, as a character (a line's start reads as after a line feed). */
        private char previous = '\n';
        /** Whether the byte before closed a quoted cell (a quote right after it is a doubled one, inside the cell). */
        private boolean closedJustNow;
        /** Whether the byte before was a CR outside a quoted cell. */
        private boolean afterCr;
        /** Whether a CR outside a quoted cell ended a line without an LF after it. */
        private boolean crAlone;
        /** Whether a CR with no LF after it ends an NDJSON line (another object follows it). */
        private boolean anyCrAlone;

        private boolean afterAnyCr;

        void take(byte[] bytes, int n) {
            utf8.take(bytes, 0, n);
            for (int i = 0; i < n; i++) {
                byte b = bytes[i];
                if (afterCr && b != '\n') {
                    crAlone = true;
                }
                if (afterAnyCr && b == '{') {
                    anyCrAlone = true; // a CR, JSON's white space, then the next object: a line ended by CR alone
                }
                afterAnyCr = b == '\r';
                afterCr = b == '\r' && !quoted;
                // A quote opens a cell only at its start (a stray one inside a cell, as in 5"2, opens nothing) and
                // closes it anywhere; a doubled one inside toggles twice (the reviewer's point 7).
                boolean closing = b == '"' && quoted;
                if (b == '"' && !quoted && (closedJustNow || "\n\r,;\t".indexOf(previous) >= 0)) {
                    quoted = true; // a cell's opening quote, or the second of a doubled one
                } else if (closing) {
                    quoted = false;
                }
                closedJustNow = closing;
                previous = (char) b;
                size++;
                if (b == '\n') {
                    line++;
                    endLine();
                } else if (b != '\r' && b != ' ' && b != '\t') {
                    lineHasText = true;
                }
            }
        }

        void finish() {
            utf8.finish();
            if (lineHasText) {
                line++;
                endLine();
            }
            if (header.isEmpty()) {
                header = firstLine.toString().replace("\r", "");
            }
            if (header.startsWith("\uFEFF")) {
                header = header.substring(1);
            }
        }

        private void endLine() {
            if (lineHasText) {
                nonBlankLines++;
                if (!headerDone) {
                    headerDone = true;
                    headerEnd = size;
                    headerLine = line;
                }
            }
            lineHasText = false;
        }

        /** Keeps the characters of the first non-blank line (the CSV header, or NDJSON's first object). */
        private void keepHeader(CharBuffer chars) {
            while (chars.hasRemaining()) {
                char c = chars.get();
                if (header.isEmpty() && firstLine.length() < MAX_HEADER) {
                    if (c == '\n') {
                        if (!firstLine.toString().isBlank()) {
                            header = firstLine.toString().replace("\r", "");
                        } else {
                            firstLine.setLength(0);
                        }
                    } else {
                        firstLine.append(c);
                    }
                }
            }
        }
    }
}
