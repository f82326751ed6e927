package eu.consent.web.pages;

import jakarta.ws.rs.core.MultivaluedHashMap;
import jakarta.ws.rs.core.MultivaluedMap;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The fields of a public form post, read by the page itself so that no encoding loses an opt-out: RFC 8058 prefers
 * {@code multipart/form-data} for the one-click, browsers send {@code application/x-www-form-urlencoded}, and a body
 * without a type is read as the latter. Bounded: the largest form of the pages, a reason and a 2,000-character
 * comment, is up to 18,000 bytes URL-encoded (a character of a 3-byte script is nine: "%E6%84%8F"), below
 * {@link #MAX_BYTES}; anything larger is refused (413) before it is parsed. Until 2026-12-06 the bound was 16 KiB, and
 * a long comment in Chinese turned the person's unsubscribe away.
 */
final class FormBody {

    static final int MAX_BYTES = 64 * 1024;

    /**
     * The preference centre's own bound: its form sends a notice, a cap and a box per channel for every purpose it
     * lists (about 110 to 170 bytes each), so 16 KiB held some 100 purposes, and past them a person could no longer
     * switch anything off (until 2026-12-05). 1 MiB holds thousands of purposes and stays a bound.
     */
    static final int MAX_PREFERENCE_BYTES = 1024 * 1024;

    /** What a page answers to a body that {@link #readForm} does not take. */
    static final String NOT_A_FORM =
            "a body that is neither URL-encoded nor multipart/form-data (nor empty) is no form: the error page,"
                    + " nothing changed";

    private static final Pattern NAME = Pattern.compile("(?i)(?:^|;)\\s*name\\s*=\\s*(\"([^\"]*)\"|[^;\\s]+)");
    private static final Pattern BOUNDARY = Pattern.compile("(?i);\\s*boundary\\s*=\\s*(\"([^\"]*)\"|[^;\\s]+)");
    private static final Pattern FILENAME = Pattern.compile("(?i)(?:^|;)\\s*filename\\*?\\s*=");

    private FormBody() {}

    /** A body over {@link #MAX_BYTES}: the page answers 413 without reading further. */
    static final class TooLarge extends RuntimeException {
        TooLarge() {
            super("a form body is larger than its page reads");
        }
    }

    /** The types of a page's form post; a post without a body (no Content-Type) is an empty form. */
    private static final java.util.Set<String> FORM_TYPES =
            java.util.Set.of("application/x-www-form-urlencoded", "multipart/form-data");

    /**
     * A page's form post, in either encoding a browser or a mail client uses, or no body at all (a plain POST is a
     * form with no field set); any other type (JSON, text) is not a form: 415, which the page's error filter answers
     * as a page. The unsubscribe page reads any type instead ({@link #read}): a one-click is never turned away.
     */
    static MultivaluedMap<String, String> readForm(String contentType, InputStream in) {
        return readForm(contentType, in, MAX_BYTES);
    }

    /** {@link #readForm(String, InputStream)} with a bound of the page's own. */
    static MultivaluedMap<String, String> readForm(String contentType, InputStream in, int maxBytes) {
        if (contentType != null && !contentType.isBlank() && !FORM_TYPES.contains(essence(contentType))) {
            throw new jakarta.ws.rs.NotSupportedException("not a form: " + essence(contentType));
        }
        try {
            return read(contentType, in, maxBytes);
        } catch (TooLarge e) {
            throw new eu.consent.web.problem.BodyTooLargeException(maxBytes);
        }
    }

    private static String essence(String contentType) {
        String type = contentType.strip();
        int semicolon = type.indexOf(';');
        return (semicolon < 0 ? type : type.substring(0, semicolon)).strip().toLowerCase(Locale.ROOT);
    }

    /**
     * The posted fields (the pages read the first value of each); an unreadable part is left out, never fatal.
     *
     * @param contentType the request's Content-Type header, or null
     */
    static MultivaluedMap<String, String> read(String contentType, InputStream in) {
        return read(contentType, in, MAX_BYTES);
    }

    private static MultivaluedMap<String, String> read(String contentType, InputStream in, int maxBytes) {
        byte[] body;
        try {
            body = in == null ? new byte[0] : in.readNBytes(maxBytes + 1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (body.length > maxBytes) {
            throw new TooLarge();
        }
        String type = contentType == null ? "" : contentType.strip();
        if (essence(type).equals("multipart/form-data")) {
            Matcher boundary = BOUNDARY.matcher(type);
            if (!boundary.find()) {
                return new MultivaluedHashMap<>();
            }
            return multipart(body, boundary.group(2) != null ? boundary.group(2) : boundary.group(1));
        }
        return urlEncoded(new String(body, StandardCharsets.UTF_8));
    }

    static MultivaluedMap<String, String> urlEncoded(String body) {
        MultivaluedMap<String, String> fields = new MultivaluedHashMap<>();
        for (String pair : body.strip().split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            try {
                String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                fields.add(name, value);
            } catch (IllegalArgumentException e) {
                // a broken %-escape spoils its own field only
            }
        }
        return fields;
    }

    /**
     * RFC 7578: parts separated by {@code --boundary} lines, each with its headers, a blank line and its value. Read
     * as ISO-8859-1 to split on bytes, each value then decoded as UTF-8; file parts are ignored.
     */
    static MultivaluedMap<String, String> multipart(byte[] body, String boundary) {
        MultivaluedMap<String, String> fields = new MultivaluedHashMap<>();
        String text = new String(body, StandardCharsets.ISO_8859_1);
        String delimiter = "--" + boundary;
        int at = text.indexOf(delimiter);
        while (at >= 0) {
            int start = at + delimiter.length();
            if (text.startsWith("--", start)) {
                break; // the closing delimiter
            }
            int next = text.indexOf(delimiter, start);
            if (next < 0) {
                break; // a truncated body: its last part is not trusted
            }
            part(text.substring(start, next), fields);
            at = next;
        }
        return fields;
    }

    private static void part(String part, MultivaluedMap<String, String> fields) {
        String p = part.startsWith("\r\n") ? part.substring(2) : part.startsWith("\n") ? part.substring(1) : part;
        int blank = p.indexOf("\r\n\r\n");
        int skip = 4;
        if (blank < 0) {
            blank = p.indexOf("\n\n");
            skip = 2;
        }
        if (blank < 0) {
            return;
        }
        String name = null;
        for (String header : p.substring(0, blank).split("\r?\n")) {
            int colon = header.indexOf(':');
            if (colon < 0
                    || !header.substring(0, colon)
                            .strip()
                            .toLowerCase(Locale.ROOT)
                            .equals("content-disposition")) {
                continue;
            }
            String disposition = header.substring(colon + 1);
            if (FILENAME.matcher(disposition).find()) {
                return;
            }
            Matcher m = NAME.matcher(disposition);
            if (m.find()) {
                name = m.group(2) != null ? m.group(2) : m.group(1);
            }
        }
        if (name == null) {
            return;
        }
        String value = p.substring(blank + skip);
        if (value.endsWith("\r\n")) {
            value = value.substring(0, value.length() - 2);
        } else if (value.endsWith("\n")) {
            value = value.substring(0, value.length() - 1);
        }
        fields.add(utf8(name), utf8(value));
    }

    private static String utf8(String latin1) {
        return new String(latin1.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8);
    }
}
