package eu.consent.web.problem;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A query string with a {@code %} that starts no escape of two hexadecimal digits ({@code ?limit=%ZZ}, {@code
 * ?contactId=%}): the container and JAX-RS throw while reading it, in whichever code reads the query first (a 500, or
 * Liberty's HTML error page). The API refuses such a query as a 400 problem; a recipient's page reads the {@code %} as
 * itself, so that a link a mail client mangled still opens the person's page.
 */
final class QuerySyntax {

    private QuerySyntax() {}

    /** Where the first {@code %} that starts no escape stands in {@code query}, or -1 when every one does. */
    static int brokenEscape(String query) {
        for (int i = query.indexOf('%'); i >= 0; i = query.indexOf('%', i + 1)) {
            if (i + 2 >= query.length() || !hex(query.charAt(i + 1)) || !hex(query.charAt(i + 2))) {
                return i;
            }
        }
        return -1;
    }

    /** {@code query} with each {@code %} that starts no escape written as the escape of itself ({@code %25}). */
    static String repaired(String query) {
        StringBuilder out = new StringBuilder(query.length() + 8);
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            boolean broken =
                    c == '%' && (i + 2 >= query.length() || !hex(query.charAt(i + 1)) || !hex(query.charAt(i + 2)));
            out.append(broken ? "%25" : String.valueOf(c));
        }
        return out.toString();
    }

    private static boolean hex(char c) {
        return Character.digit(c, 16) >= 0 && c < 128;
    }

    /** The request with its query repaired: its parameters are those of the query alone, read from the repair. */
    static final class Repaired extends HttpServletRequestWrapper {

        private final String query;
        private final Map<String, String[]> parameters;

        Repaired(HttpServletRequest request, String query) {
            super(request);
            this.query = query;
            Map<String, List<String>> read = new LinkedHashMap<>();
            for (String pair : query.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                int eq = pair.indexOf('=');
                String name = decode(eq < 0 ? pair : pair.substring(0, eq));
                String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
                read.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
            }
            Map<String, String[]> map = new LinkedHashMap<>();
            read.forEach((name, values) -> map.put(name, values.toArray(String[]::new)));
            this.parameters = Collections.unmodifiableMap(map);
        }

        private static String decode(String text) {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        }

        @Override
        public String getQueryString() {
            return query;
        }

        @Override
        public String getParameter(String name) {
            String[] values = parameters.get(name);
            return values == null ? null : values[0];
        }

        @Override
        public String[] getParameterValues(String name) {
            String[] values = parameters.get(name);
            return values == null ? null : values.clone();
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return parameters;
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(parameters.keySet());
        }
    }
}
