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
import java.util.regex.Pattern;

/**
 * A query string or a path the container or JAX-RS cannot read: a character that may not stand unescaped
 * ({@link #illegal}), or a {@code %} that starts no escape of two hexadecimal digits ({@code ?limit=%ZZ}, {@code
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

    /**
     * Where the first character that may not stand unescaped in a query ({@code path} false) or a path stands in
     * {@code text}, or -1 when none does: what {@code java.net.URI}, through which JAX-RS reads every request, refuses —
     * blanks and control characters, {@code " < > \ ^ ` { | }}, and in a path {@code [ ]}. Browsers and link trackers
     * send {@code | { } ^ `} in a query as they are ({@code ?utm_campaign=nl|dec}), and each was a 500 until 2026-12-06:
     * on the recipients' pages a one-click to such a link was not recorded.
     */
    static int illegal(String text, boolean path) {
        for (int i = 0; i < text.length(); i++) {
            if (illegal(text.charAt(i), path)) {
                return i;
            }
        }
        return -1;
    }

    private static boolean illegal(char c, boolean path) {
        return c <= ' '
                || "\"<>\\^`{|}".indexOf(c) >= 0
                || path && (c == '[' || c == ']')
                || Character.isISOControl(c)
                || Character.isSpaceChar(c);
    }

    /** How a client writes {@code c} in a URL: its escape (of its UTF-8 bytes above Latin-1). */
    static String escape(char c) {
        byte[] bytes = c < 0x100 ? new byte[] {(byte) c} : String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder();
        for (byte b : bytes) {
            out.append('%').append(String.format("%02X", b & 0xFF));
        }
        return out.toString();
    }

    /**
     * {@code query} with each {@code %} that starts no escape written as the escape of itself ({@code %25}), and each
     * character a query may not hold unescaped written as its escape.
     */
    static String repaired(String query) {
        StringBuilder out = new StringBuilder(query.length() + 8);
        for (int i = 0; i < query.length(); i++) {
            char c = query.charAt(i);
            boolean broken =
                    c == '%' && (i + 2 >= query.length() || !hex(query.charAt(i + 1)) || !hex(query.charAt(i + 2)));
            out.append(broken ? "%25" : illegal(c, false) ? escape(c) : String.valueOf(c));
        }
        return out.toString();
    }

    /** {@code path} with each character a path may not hold unescaped written as its escape. */
    static String repairedPath(String path) {
        StringBuilder out = new StringBuilder(path.length() + 8);
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            out.append(illegal(c, true) ? escape(c) : String.valueOf(c));
        }
        return out.toString();
    }

    /** The words of a 400 for the character at {@code at} of {@code text}, in the query or in the path. */
    static String unescaped(String text, int at, boolean path) {
        char c = text.charAt(at);
        String shown = c > ' ' && !Character.isISOControl(c) && !Character.isSpaceChar(c) ? "'" + c + "' " : "";
        return "the " + (path ? "path" : "query string") + " cannot be read: the character " + shown
                + String.format("(U+%04X)", (int) c) + " at position " + (at + 1)
                + " may not stand there unescaped (write it " + escape(c) + ")";
    }

    private static boolean hex(char c) {
        return Character.digit(c, 16) >= 0 && c < 128;
    }

    private static final Pattern SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*");

    /**
     * The scheme to build the request's URL with: the container's, which it takes from {@code X-Forwarded-Proto}, when
     * it is one; else the first of a proxy chain's list ({@code https, http}); else by the connection. A list, an empty
     * value or {@code https:/} made JAX-RS throw or miss every resource: a 500 or 404 on every operation and page, and
     * a one-click so sent was lost (until 2026-12-06).
     */
    static String scheme(HttpServletRequest request) {
        String sent = request.getScheme();
        if (sent != null && SCHEME.matcher(sent).matches()) {
            return sent;
        }
        for (String part : sent == null ? new String[0] : sent.split(",")) {
            if (SCHEME.matcher(part.strip()).matches()) {
                return part.strip().toLowerCase(java.util.Locale.ROOT);
            }
        }
        return request.isSecure() ? "https" : "http";
    }

    /**
     * Whether the request's URL, built from {@code scheme}, the {@code Host} header and the (repaired) path, is one
     * {@code java.net.URI} takes: a Host such as {@code [v1.x]}, {@code local{host}} or {@code exa mple.com} made it
     * throw, a 500 on every operation and page, and a one-click so sent was lost (until 2026-12-06).
     */
    static boolean readableHost(HttpServletRequest request, String scheme) {
        try {
            new java.net.URI(url(request, scheme));
            return true;
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    /** The container's URL of the request, with {@code scheme} in place of the one it took. */
    private static String url(HttpServletRequest request, String scheme) {
        String original = request.getRequestURL().toString();
        String sent = request.getScheme() == null ? "" : request.getScheme();
        int at = original.indexOf("://", Math.min(sent.length(), original.length()));
        return at < 0 ? original : scheme + original.substring(at);
    }

    /**
     * The request with a scheme JAX-RS can read ({@link #scheme}), and, where its Host cannot be read, as served on
     * {@code localhost}: a recipient's page does not need the host it was asked on (its links are built on the
     * configured public address, its token is the credential), so neither stops a one-click.
     */
    static final class ReadableUrl extends HttpServletRequestWrapper {

        private final String scheme;
        private final boolean localHost;

        ReadableUrl(HttpServletRequest request, String scheme, boolean localHost) {
            super(request);
            this.scheme = scheme;
            this.localHost = localHost;
        }

        @Override
        public String getScheme() {
            return scheme;
        }

        @Override
        public String getServerName() {
            return localHost ? "localhost" : super.getServerName();
        }

        @Override
        public StringBuffer getRequestURL() {
            return new StringBuffer(
                    localHost
                            ? scheme + "://localhost:" + getServerPort() + getRequestURI()
                            : url((HttpServletRequest) getRequest(), scheme));
        }

        @Override
        public String getHeader(String name) {
            return localHost && "Host".equalsIgnoreCase(name) ? "localhost:" + getServerPort() : super.getHeader(name);
        }

        @Override
        public java.util.Enumeration<String> getHeaders(String name) {
            return localHost && "Host".equalsIgnoreCase(name)
                    ? Collections.enumeration(List.of(getHeader(name)))
                    : super.getHeaders(name);
        }
    }

    /** The request with its path repaired ({@link #repairedPath}), as the recipients' pages read it. */
    static final class RepairedPath extends HttpServletRequestWrapper {

        RepairedPath(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getRequestURI() {
            return repairedPath(super.getRequestURI());
        }

        @Override
        public StringBuffer getRequestURL() {
            return new StringBuffer(repairedPath(super.getRequestURL().toString()));
        }
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
