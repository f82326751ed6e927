package eu.consent.web.console;

import java.util.List;

/**
 * A stacked bar chart drawn as SVG on the server: no script, readable by a screen reader (role img, a title and a
 * description; the same numbers are always in a table beside it), colours from the Okabe–Ito palette that colour-blind
 * readers can tell apart.
 */
final class BarChart {

    private static final String[] COLOURS = {
        "#0072b2", "#e69f00", "#009e73", "#cc79a7", "#56b4e9", "#d55e00", "#8c6d00", "#000000"
    };
    private static final int WIDTH = 920;
    private static final int PLOT_HEIGHT = 240;
    private static final int LEFT = 56;
    private static final int TOP = 16;
    private static final int LABELS = 70;

    /** The numbers of a chart: a value per category (bar) and series (slice of the bar). */
    record Data(List<String> categories, List<String> series, long[][] values) {

        long total(int category) {
            long sum = 0;
            for (long v : values[category]) {
                sum += v;
            }
            return sum;
        }
    }

    private BarChart() {}

    /**
     * @param id a unique id on the page (for the title and description references)
     * @param seriesLabels the legend's text of each series, in the order of {@code data.series()}
     */
    static String svg(String id, String title, String description, Data data, List<String> seriesLabels) {
        int n = Math.max(1, data.categories().size());
        long max = 1;
        for (int c = 0; c < data.categories().size(); c++) {
            max = Math.max(max, data.total(c));
        }
        long step = niceStep(max);
        long top = ((max + step - 1) / step) * step;
        int legendRows = (seriesLabels.size() + 3) / 4;
        int height = TOP + PLOT_HEIGHT + LABELS + 24 * legendRows + 8;
        double slot = (WIDTH - LEFT - 16) / (double) n;
        double bar = Math.max(2, slot * 0.7);
        StringBuilder svg = new StringBuilder();
        svg.append("<svg class=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
                .append(WIDTH)
                .append(' ')
                .append(height)
                .append("\" width=\"")
                .append(WIDTH)
                .append("\" height=\"")
                .append(height)
                .append("\" role=\"img\" aria-labelledby=\"")
                .append(id)
                .append("-t ")
                .append(id)
                .append("-d\" font-family=\"system-ui,sans-serif\" font-size=\"12\">")
                .append("<title id=\"")
                .append(id)
                .append("-t\">")
                .append(esc(title))
                .append("</title><desc id=\"")
                .append(id)
                .append("-d\">")
                .append(esc(description))
                .append("</desc>");
        for (long v = 0; v <= top; v += step) {
            double y = TOP + PLOT_HEIGHT - PLOT_HEIGHT * (v / (double) top);
            svg.append(String.format(
                    java.util.Locale.ROOT,
                    "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" stroke=\"#d0d0d0\"/>"
                            + "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" fill=\"#1a1a1a\">%d</text>",
                    LEFT,
                    WIDTH - 8,
                    y,
                    y,
                    LEFT - 6,
                    y + 4,
                    v));
        }
        boolean slanted = n > 12;
        int every = Math.max(1, n / 31 + 1);
        for (int c = 0; c < data.categories().size(); c++) {
            double x = LEFT + slot * c + (slot - bar) / 2;
            double base = TOP + PLOT_HEIGHT;
            for (int s = 0; s < data.series().size(); s++) {
                long v = data.values()[c][s];
                if (v <= 0) {
                    continue;
                }
                double h = PLOT_HEIGHT * (v / (double) top);
                base -= h;
                svg.append(String.format(
                                java.util.Locale.ROOT,
                                "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">",
                                x,
                                base,
                                bar,
                                h,
                                COLOURS[s % COLOURS.length]))
                        .append("<title>")
                        .append(esc(data.categories().get(c) + " · " + seriesLabels.get(s) + ": " + v))
                        .append("</title></rect>");
            }
            if (c % every == 0) {
                double cx = x + bar / 2;
                double ly = TOP + PLOT_HEIGHT + 14;
                svg.append(String.format(java.util.Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\"", cx, ly))
                        .append(
                                slanted
                                        ? String.format(
                                                java.util.Locale.ROOT,
                                                " text-anchor=\"end\" transform=\"rotate(-45 %.1f %.1f)\"",
                                                cx,
                                                ly)
                                        : " text-anchor=\"middle\"")
                        .append(" fill=\"#1a1a1a\">")
                        .append(esc(data.categories().get(c)))
                        .append("</text>");
            }
        }
        for (int s = 0; s < seriesLabels.size(); s++) {
            int x = LEFT + (s % 4) * 215;
            int y = TOP + PLOT_HEIGHT + LABELS + 24 * (s / 4);
            svg.append(String.format(
                            java.util.Locale.ROOT,
                            "<rect x=\"%d\" y=\"%d\" width=\"14\" height=\"14\" fill=\"%s\"/>"
                                    + "<text x=\"%d\" y=\"%d\" fill=\"#1a1a1a\">",
                            x,
                            y,
                            COLOURS[s % COLOURS.length],
                            x + 20,
                            y + 12))
                    .append(esc(seriesLabels.get(s)))
                    .append("</text>");
        }
        return svg.append("</svg>").toString();
    }

    /** 1, 2 or 5 times a power of ten, so that about four grid lines cover the tallest bar. */
    static long niceStep(long max) {
        long raw = Math.max(1, (max + 3) / 4);
        long power = 1;
        while (power * 10 <= raw) {
            power *= 10;
        }
        for (long m : new long[] {1, 2, 5, 10}) {
            if (m * power >= raw) {
                return m * power;
            }
        }
        return 10 * power;
    }

    static String esc(String s) {
        return s.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
