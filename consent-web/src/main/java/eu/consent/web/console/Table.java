package eu.consent.web.console;

import eu.consent.web.Csv;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A table of numbers shown beside a chart (accessible, printable) and offered as CSV with the same columns. */
final class Table {

    private final String caption;
    private final List<String> head;
    private final List<List<Object>> rows = new ArrayList<>();

    Table(String caption, List<String> head) {
        this.caption = caption;
        this.head = head;
    }

    Table row(List<Object> cells) {
        rows.add(cells);
        return this;
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    /**
     * A cell holding one of the contract's codes (a state, a legal basis, a reason; prefix {@code source}: a suppression's
     * source, see {@link ConsoleView#source}): the page shows its words in the operator's language ({@code prefix.value}
     * of the console's texts), the CSV the code itself, as the API gives it.
     */
    record Code(String prefix, String value) {}

    /**
     * The model of the {@code table} partial, in {@code view}'s language: codes in words, numbers right-aligned and
     * written as that language writes them. Until 2026-12-07 the tables showed the codes the charts above them put in
     * words, and a decimal point on a German page whose headline had a comma (tester AL's F4).
     */
    Map<String, Object> model(ConsoleView view) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("caption", caption);
        m.put("head", head);
        List<Map<String, Object>> body = new ArrayList<>();
        for (List<Object> r : rows) {
            List<Map<String, Object>> cells = new ArrayList<>();
            for (int i = 0; i < r.size(); i++) {
                Object v = r.get(i);
                cells.add(Map.of("v", v == null ? "–" : shown(v, view), "n", v instanceof Number, "first", i == 0));
            }
            body.add(Map.of("cells", cells));
        }
        m.put("rows", body);
        m.put("empty", rows.isEmpty());
        return m;
    }

    /** The same numbers as CSV (the formula-neutralizing cell rule of the exports), a header line first. */
    String csv() {
        StringBuilder out = new StringBuilder();
        out.append(String.join(",", head.stream().map(Csv::cell).toList())).append("\r\n");
        for (List<Object> r : rows) {
            out.append(String.join(
                            ",",
                            r.stream()
                                    .map(v -> v == null ? "" : Csv.cell(format(v)))
                                    .toList()))
                    .append("\r\n");
        }
        return out.toString();
    }

    private static String shown(Object v, ConsoleView view) {
        if (v instanceof Double d) {
            return String.format(view.locale(), "%.2f", d);
        }
        if (v instanceof Code c) {
            return c.prefix().equals("source") ? view.source(c.value()) : view.label(c.prefix(), c.value());
        }
        return String.valueOf(v);
    }

    /** A cell of the CSV: numbers with a point, codes as they are. */
    private static String format(Object v) {
        if (v instanceof Double d) {
            return String.format(java.util.Locale.ROOT, "%.2f", d);
        }
        if (v instanceof Code c) {
            return c.value();
        }
        return String.valueOf(v);
    }
}
