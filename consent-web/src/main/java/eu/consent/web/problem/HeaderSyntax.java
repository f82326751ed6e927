package eu.consent.web.problem;

/**
 * Whether an {@code Accept}, {@code Accept-Language} or {@code Content-Type} value can be read at all (RFC 9110, 12.5
 * and 8.3), checked by one pass over its characters without allocating. JAX-RS parses these headers before any
 * resource or exception mapper runs and answers a value it cannot read with the container's HTML 400 (or a 500 for a
 * {@code q} that is not a number), so {@link HeaderSyntaxFilter} asks here first.
 *
 * <p>Lenient where a reader can be: empty list elements are skipped (RFC 9110, 5.6.1), and an unquoted parameter value
 * may hold any visible character but {@code ; , "} (a multipart boundary often has {@code =} or {@code /} in it). Strict
 * where JAX-RS is not: a media type is {@code type/subtype}, {@code q} is a qvalue, a parameter has a value, and in an
 * {@code Accept} list a quoted string holds no comma (JAX-RS splits the list on every comma).
 */
final class HeaderSyntax {

    private HeaderSyntax() {}

    /**
     * True when {@code value} is one media type, as a {@code Content-Type} must be (a wildcard such as
     * {@code application/*} is a range, which only an {@code Accept} may name); false for null.
     */
    static boolean mediaType(String value) {
        if (value == null) {
            return false;
        }
        if (value.equals("application/json")) {
            return true; // the hot path's own type, answered before any parsing
        }
        int end = value.length();
        int at = range(value, skipSpace(value, 0), end, false);
        return at >= 0 && skipSpace(value, at) == end;
    }

    /**
     * The {@code Accept} value to act on: {@code value} itself when it reads as a list of media ranges (the common
     * case, no copy), the list without its empty elements, or null when it cannot be read or names no range (the
     * header is then disregarded, as RFC 9110, 12.5.1, allows).
     */
    static String accept(String value) {
        if (value == null || value.equals("*/*") || value.equals("application/json")) {
            return value;
        }
        return list(value, true);
    }

    /** As {@link #accept}, for {@code Accept-Language}: language ranges (RFC 4647) with weights. */
    static String acceptLanguage(String value) {
        if (value == null) {
            return null;
        }
        return list(value, false);
    }

    /**
     * True when a readable {@code Content-Type} declares a charset other than UTF-8 (or US-ASCII, a subset): the API
     * reads UTF-8 only, and a body declared as Latin-1 must not be read as UTF-8 as if it had said nothing. No copy.
     */
    static boolean foreignCharset(String contentType) {
        if (contentType.equals("application/json")) {
            return false;
        }
        int end = contentType.length();
        for (int at = contentType.indexOf(';'); at >= 0; at = contentType.indexOf(';', at + 1)) {
            int name = skipSpace(contentType, at + 1);
            if (!contentType.regionMatches(true, name, "charset=", 0, 8)) {
                continue;
            }
            int from = name + 8;
            int to = from < end && contentType.charAt(from) == '"'
                    ? quoted(contentType, from, end, false)
                    : unquoted(contentType, from, end);
            if (to > from && contentType.charAt(from) == '"') {
                from++;
                to--;
            }
            return !isCharset(contentType, from, to, "utf-8") && !isCharset(contentType, from, to, "us-ascii");
        }
        return false;
    }

    private static boolean isCharset(String s, int from, int to, String name) {
        return to - from == name.length() && s.regionMatches(true, from, name, 0, name.length());
    }

    /**
     * True when a readable {@code Accept} gives some range the weight 0 ("not acceptable", RFC 9110, 12.4.2), which
     * JAX-RS disregards: a {@code q=0}, {@code q=0.0}, … parameter. One pass, no copy; the common values say no at once.
     */
    static boolean hasZeroWeight(String accept) {
        if (accept.equals("*/*") || accept.equals("application/json")) {
            return false;
        }
        int end = accept.length();
        for (int at = accept.indexOf(';'); at >= 0; at = accept.indexOf(';', at + 1)) {
            int name = skipSpace(accept, at + 1);
            if (name + 2 >= end
                    || (accept.charAt(name) != 'q' && accept.charAt(name) != 'Q')
                    || accept.charAt(name + 1) != '='
                    || accept.charAt(name + 2) != '0') {
                continue;
            }
            int i = name + 3;
            if (i < end && accept.charAt(i) == '.') {
                i++;
                while (i < end && accept.charAt(i) == '0') {
                    i++;
                }
            }
            if (i == end || !digit(accept.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /** The list read as media ranges or language ranges; see {@link #accept}. */
    private static String list(String value, boolean media) {
        int end = value.length();
        int at = 0;
        int elements = 0;
        boolean empty = false;
        while (true) {
            at = skipSpace(value, at);
            if (at == end || value.charAt(at) == ',') {
                empty = true;
            } else {
                at = media ? range(value, at, end, true) : languageRange(value, at, end);
                if (at < 0) {
                    return null;
                }
                elements++;
                at = skipSpace(value, at);
            }
            if (at == end) {
                break;
            }
            if (value.charAt(at) != ',') {
                return null;
            }
            at++;
        }
        if (elements == 0) {
            return null;
        }
        return empty ? withoutEmptyElements(value) : value;
    }

    private static String withoutEmptyElements(String value) {
        StringBuilder kept = new StringBuilder(value.length());
        for (String element : value.split(",")) {
            if (!element.isBlank()) {
                kept.append(kept.isEmpty() ? "" : ", ").append(element.strip());
            }
        }
        return kept.toString();
    }

    /**
     * Reads {@code type/subtype *(OWS ";" OWS [parameter])} from {@code at}; the index after it, or -1. In an Accept
     * list ({@code inList}) the type may be a wildcard, {@code *} only before {@code /*}, and the element stops at a
     * comma.
     */
    private static int range(String s, int at, int end, boolean inList) {
        int type = token(s, at, end);
        if (type == at || type == end || s.charAt(type) != '/') {
            return -1;
        }
        int subtype = token(s, type + 1, end);
        if (subtype == type + 1) {
            return -1;
        }
        boolean anyType = type - at == 1 && s.charAt(at) == '*';
        boolean anySubtype = subtype - type == 2 && s.charAt(type + 1) == '*';
        if (inList ? anyType && !anySubtype : anyType || anySubtype) {
            return -1; // a Content-Type names one type: application/* is a range, not a type
        }
        return parameters(s, subtype, end, inList);
    }

    private static int parameters(String s, int at, int end, boolean inList) {
        int i = at;
        while (true) {
            int next = skipSpace(s, i);
            if (next == end || s.charAt(next) != ';') {
                return i;
            }
            next = skipSpace(s, next + 1);
            if (next == end || s.charAt(next) == ';' || s.charAt(next) == ',') {
                i = next; // an empty parameter
                continue;
            }
            int name = token(s, next, end);
            if (name == next || name == end || s.charAt(name) != '=') {
                return -1;
            }
            boolean weight = name - next == 1 && (s.charAt(next) == 'q' || s.charAt(next) == 'Q');
            int value = name + 1;
            i = value < end && s.charAt(value) == '"' ? quoted(s, value, end, inList) : unquoted(s, value, end);
            if (i < 0 || i == value || weight && !qvalue(s, value, i)) {
                return -1;
            }
        }
    }

    /** {@code 1*8ALPHA *("-" 1*8alphanum)} or {@code *}, then weights; the index after it, or -1. */
    private static int languageRange(String s, int at, int end) {
        int i = at;
        if (s.charAt(i) == '*') {
            i++;
        } else {
            int subtag = 0;
            while (true) {
                int start = i;
                while (i < end && i - start < 9 && (alpha(s.charAt(i)) || subtag > 0 && digit(s.charAt(i)))) {
                    i++;
                }
                if (i == start || i - start > 8) {
                    return -1;
                }
                subtag++;
                if (i < end && s.charAt(i) == '-') {
                    i++;
                } else {
                    break;
                }
            }
        }
        int after = skipSpace(s, i);
        if (after == end || s.charAt(after) != ';') {
            return i;
        }
        after = skipSpace(s, after + 1);
        if (!s.regionMatches(true, after, "q=", 0, 2)) {
            return -1;
        }
        int value = after + 2;
        int stop = value;
        while (stop < end && (digit(s.charAt(stop)) || s.charAt(stop) == '.')) {
            stop++;
        }
        return qvalue(s, value, stop) ? stop : -1;
    }

    /** {@code ( "0" [ "." 0*3DIGIT ] ) / ( "1" [ "." 0*3("0") ] )} exactly in {@code [from, to)}. */
    private static boolean qvalue(String s, int from, int to) {
        int length = to - from;
        if (length < 1 || length > 5) {
            return false;
        }
        char unit = s.charAt(from);
        if (unit != '0' && unit != '1') {
            return false;
        }
        if (length == 1) {
            return true;
        }
        if (s.charAt(from + 1) != '.') {
            return false;
        }
        for (int i = from + 2; i < to; i++) {
            char c = s.charAt(i);
            if (unit == '1' ? c != '0' : !digit(c)) {
                return false;
            }
        }
        return true;
    }

    private static int token(String s, int at, int end) {
        int i = at;
        while (i < end && tchar(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int unquoted(String s, int at, int end) {
        int i = at;
        while (i < end) {
            char c = s.charAt(i);
            if (c <= ' ' || c >= 0x7f || c == ';' || c == ',' || c == '"') {
                break;
            }
            i++;
        }
        return i;
    }

    /** A quoted string from the opening quote at {@code at}; the index after the closing quote, or -1. */
    private static int quoted(String s, int at, int end, boolean inList) {
        int i = at + 1;
        while (i < end) {
            char c = s.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\') {
                i++;
                if (i == end || !visibleOrSpace(s.charAt(i))) {
                    return -1;
                }
            } else if (!visibleOrSpace(c) || inList && c == ',') {
                return -1;
            }
            i++;
        }
        return -1;
    }

    private static int skipSpace(String s, int at) {
        int i = at;
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private static boolean tchar(char c) {
        return alpha(c) || digit(c) || c < 0x7f && "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
    }

    private static boolean visibleOrSpace(char c) {
        return c == '\t' || c >= ' ' && c != 0x7f && c <= 0xff;
    }

    private static boolean alpha(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }
}
