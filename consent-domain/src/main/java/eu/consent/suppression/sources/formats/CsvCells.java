package eu.consent.suppression.sources.formats;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one CSV line into cells, honouring double quotes (a Mailgun error message holds commas). Kept apart from the
 * import's strict RFC 4180 reader ({@code CsvRecords}) on purpose: providers' exports saved by hand put spaces around
 * quoted cells, quotes inside a cell or leave one open, and this splitter reads them all (trimming each cell) where
 * the strict one refuses the line or splits it elsewhere; the resync must accept what it has always accepted.
 */
final class CsvCells {

    private CsvCells() {}

    static List<String> split(String line, char separator) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == separator) {
                cells.add(cell.toString().strip());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString().strip());
        return cells;
    }

    /** A cell as CSV writes it: quoted when it holds the separator, a quote or a line break. */
    static String cell(String value, char separator) {
        if (value == null) {
            return "";
        }
        if (value.indexOf(separator) >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0) {
            return '"' + value.replace("\"", "\"\"") + '"';
        }
        return value;
    }
}
