package eu.consent.web.problem;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A request body's {@code Content-Encoding}. Liberty decodes gzip and deflate while the body is read; a body that is
 * not what its coding says fails that read with the container's own exception, which was answered 500 (and a one-click
 * so sent was not recorded) until 2026-12-06: it is a 400 now. A coding the container does not decode ({@code br}) was
 * ignored, the compressed bytes read as text: it is a 415 on the API (RFC 9110, 15.5.16).
 */
public final class BodyCoding {

    /** The codings the container decodes, and {@code identity}. */
    static final Set<String> DECODED = Set.of("identity", "gzip", "x-gzip", "deflate");

    /** The 400's words. */
    public static final String BROKEN =
            "the request body cannot be read: it is not what its Content-Encoding says (send it as is, or gzip)";

    private BodyCoding() {}

    /** The first coding of a {@code Content-Encoding} header the container does not decode, if any. */
    static Optional<String> unsupported(String header) {
        for (String coding : header.split(",")) {
            String name = coding.strip().toLowerCase(Locale.ROOT);
            if (!name.isEmpty() && !DECODED.contains(name)) {
                return Optional.of(coding.strip());
            }
        }
        return Optional.empty();
    }

    /** Whether {@code e}, or what caused it, is the container's refusal of a body that is not what its coding says. */
    public static boolean broken(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String name = t.getClass().getName();
            if (name.endsWith(".IllegalHttpBodyException")
                    || t instanceof java.util.zip.ZipException
                    || t instanceof java.util.zip.DataFormatException) {
                return true;
            }
        }
        return false;
    }
}
