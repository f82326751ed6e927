package eu.consent.imports;

import java.util.ArrayList;
import java.util.List;

/** Splits one CSV record (RFC 4180: quoted fields, doubled quotes, line breaks inside quotes) into its cells. */
public final class CsvRecords {

    /** The cells, or why the record cannot be read; {@code open} when a quoted field goes on past the text. */
    public record Split(List<String> cells, boolean open, String problem) {}

    private CsvRecords() {}

    public static Split split(String text, char delimiter) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        int i = 0;
        int n = text.length();
        while (true) {
            if (i < n && text.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= n) {
                        return new Split(null, true, null);
                    }
                    char c = text.charAt(i++);
                    if (c == '"') {
                        if (i < n && text.charAt(i) == '"') {
                            cell.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        cell.append(c);
                    }
                }
                if (i < n && text.charAt(i) != delimiter) {
                    return new Split(null, false, "text after a closing quote at character " + (i + 1));
                }
            } else {
                while (i < n && text.charAt(i) != delimiter) {
                    cell.append(text.charAt(i++));
                }
            }
            cells.add(cell.toString());
            cell.setLength(0);
            if (i >= n) {
                return new Split(cells, false, null);
            }
            i++; // the delimiter
        }
    }

    /**
     * A cell as our CSV files wrote it, without the apostrophe they put before a value a spreadsheet would read as a
     * formula ({@code '+33612345678}, {@code '-x@example.org}) or before one starting with an apostrophe itself: what
     * we write reads back exactly.
     */
    public static String unneutralized(String cell) {
        if (cell.length() > 1 && cell.charAt(0) == '\'' && "=+-@'\t\r".indexOf(cell.charAt(1)) >= 0) {
            return cell.substring(1);
        }
        return cell;
    }

    /** The delimiter a header line uses: a semicolon when it has more of them than commas outside quotes. */
    public static char delimiterOf(String header) {
        int commas = 0;
        int semicolons = 0;
        boolean quoted = false;
        for (int i = 0; i < header.length(); i++) {
            char c = header.charAt(i);
            if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == ',') {
                commas++;
            } else if (!quoted && c == ';') {
                semicolons++;
            }
        }
        return semicolons > commas ? ';' : ',';
    }
}
