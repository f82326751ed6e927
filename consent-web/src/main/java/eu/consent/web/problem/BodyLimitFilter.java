package eu.consent.web.problem;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Caps request bodies: a declared length over the limit is refused before reading, and an undeclared (chunked) body
 * is cut off as soon as it passes the limit, so a huge upload never fills the heap.
 */
@Provider
@PreMatching
public class BodyLimitFilter implements ContainerRequestFilter {

    /** Endpoints that stream their body a batch at a time, so that its size never matters to memory. */
    private static final java.util.regex.Pattern STREAMED = java.util.regex.Pattern.compile(
            "api/v1/decisions/bulk|api/v1/suppression-sources/[^/]+/snapshot|api/v1/imports/?");

    @Inject
    @ConfigProperty(name = "consent.api.max-body-bytes", defaultValue = "1048576")
    long limit;

    /** The cap of streamed uploads (whole suppression lists): large, but not unbounded on disk. */
    @Inject
    @ConfigProperty(name = "consent.api.max-upload-bytes", defaultValue = "1073741824")
    long uploadLimit;

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        long max = STREAMED.matcher(path.startsWith("/") ? path.substring(1) : path)
                        .matches()
                ? uploadLimit
                : limit;
        if (declaredLength(request) > max) {
            throw new BodyTooLargeException(max);
        }
        request.setEntityStream(new Limited(request.getEntityStream(), max));
    }

    /** The declared length as a long: {@code getLength()} fails on lengths past 2 GiB, the very ones to refuse. */
    private static long declaredLength(ContainerRequestContext request) {
        String header = request.getHeaderString("Content-Length");
        if (header == null) {
            return -1;
        }
        try {
            return Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static final class Limited extends FilterInputStream {
        private final long limit;
        private long read;

        Limited(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) {
            read += n;
            if (read > limit) {
                throw new BodyTooLargeException(limit);
            }
        }
    }
}
