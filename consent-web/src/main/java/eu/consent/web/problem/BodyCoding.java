package eu.consent.web.problem;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * A request body's {@code Content-Encoding}: gzip and deflate are decoded here ({@link Decoded}); a body that is not
 * what its coding says (cut short, not compressed, corrupt) is a 400, where the container's own decoding answered 500
 * (and a one-click so sent was not recorded) or read a stream cut short as a whole body until 2026-12-06. A coding the container does not decode ({@code br}) was
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

    /** Whether {@code e}, or what caused it, is the refusal of a body that is not what its coding says. */
    public static boolean broken(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String name = t.getClass().getName();
            if (t instanceof Broken
                    || name.endsWith(".IllegalHttpBodyException")
                    || t instanceof java.util.zip.ZipException
                    || t instanceof java.util.zip.DataFormatException) {
                return true;
            }
        }
        return false;
    }

    /** The one coding other than {@code identity} a header names, if exactly one; empty when none or several. */
    static Optional<String> single(String header) {
        List<String> codings = new ArrayList<>();
        for (String coding : header.split(",")) {
            String name = coding.strip().toLowerCase(Locale.ROOT);
            if (!name.isEmpty() && !name.equals("identity")) {
                codings.add(name);
            }
        }
        return codings.size() == 1 ? Optional.of(codings.get(0)) : Optional.empty();
    }

    /** Whether a header names more than one coding other than {@code identity} (a body compressed twice). */
    static boolean several(String header) {
        return single(header).isEmpty()
                && java.util.Arrays.stream(header.split(","))
                        .map(c -> c.strip().toLowerCase(Locale.ROOT))
                        .anyMatch(c -> !c.isEmpty() && !c.equals("identity"));
    }

    /** A body that is not what its coding says: cut short, not compressed, or corrupt. */
    public static final class Broken extends IOException {

        private static final long serialVersionUID = 1L;

        Broken(Throwable cause) {
            super(BROKEN, cause);
        }
    }

    /**
     * The request with its body decoded here rather than by the container (server.xml turns its decoding off): the
     * container read a gzip stream cut short as a complete body — half an import {@code COMPLETED}, a snapshot cut
     * short lifting the suppressions it no longer listed (until 2026-12-06). {@link StrictInflation} refuses a stream
     * that ends before its end, bytes after it that are no whole gzip member (and a gzip trailer whose check or size
     * differs), which every read here turns into {@link Broken}. The body's length and coding headers are those of the
     * decoded body: unknown, none.
     */
    static final class Decoded extends HttpServletRequestWrapper {

        private final String coding;
        private ServletInputStream stream;
        private BufferedReader reader;

        Decoded(HttpServletRequest request, String coding) {
            super(request);
            this.coding = coding;
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (stream == null) {
                stream = new DecodedStream(super.getInputStream(), coding);
            }
            return stream;
        }

        @Override
        public BufferedReader getReader() throws IOException {
            if (reader == null) {
                String charset = getCharacterEncoding();
                reader = new BufferedReader(new InputStreamReader(
                        getInputStream(),
                        charset == null ? StandardCharsets.UTF_8 : java.nio.charset.Charset.forName(charset)));
            }
            return reader;
        }

        @Override
        public int getContentLength() {
            return -1;
        }

        @Override
        public long getContentLengthLong() {
            return -1;
        }

        private static boolean hidden(String name) {
            return name.equalsIgnoreCase("Content-Encoding") || name.equalsIgnoreCase("Content-Length");
        }

        @Override
        public String getHeader(String name) {
            return hidden(name) ? null : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            return hidden(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = new ArrayList<>();
            for (Enumeration<String> all = super.getHeaderNames(); all.hasMoreElements(); ) {
                String name = all.nextElement();
                if (!hidden(name)) {
                    names.add(name);
                }
            }
            return Collections.enumeration(names);
        }

        @Override
        public int getIntHeader(String name) {
            return hidden(name) ? -1 : super.getIntHeader(name);
        }
    }

    /** The decoded body, read blocking; any failure to decode is {@link Broken}. */
    private static final class DecodedStream extends ServletInputStream {

        private final InputStream raw;
        private final String coding;
        private InputStream in;
        private boolean finished;

        DecodedStream(InputStream raw, String coding) {
            this.raw = raw;
            this.coding = coding;
        }

        private InputStream in() throws IOException {
            if (in == null) {
                try {
                    in = new StrictInflation(raw, !coding.equals("deflate"));
                } catch (IOException e) {
                    throw new Broken(e);
                }
            }
            return in;
        }

        @Override
        public int read() throws IOException {
            try {
                int b = in().read();
                finished = b < 0;
                return b;
            } catch (Broken e) {
                throw e;
            } catch (IOException e) {
                throw new Broken(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                int n = in().read(b, off, len);
                finished = n < 0;
                return n;
            } catch (Broken e) {
                throw e;
            } catch (IOException e) {
                throw new Broken(e);
            }
        }

        @Override
        public boolean isFinished() {
            return finished;
        }

        @Override
        public boolean isReady() {
            return true;
        }

        @Override
        public void setReadListener(ReadListener listener) {
            throw new IllegalStateException("a decoded body is read blocking");
        }

        @Override
        public void close() throws IOException {
            if (in != null) {
                in.close(); // ends the inflater at once, and closes raw
            } else {
                raw.close();
            }
        }
    }
}
