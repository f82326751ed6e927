package eu.consent.web.problem;

import eu.consent.shared.CountedInputStream;
import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
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

    /** The one-click, which reads no more of any body than its form holds and never refuses one (tester AO's F2). */
    private static final java.util.regex.Pattern READS_ITS_OWN = java.util.regex.Pattern.compile("unsubscribe/[^/]+");

    @Override
    public void filter(ContainerRequestContext request) {
        String raw = request.getUriInfo().getPath();
        String path = raw.startsWith("/") ? raw.substring(1) : raw;
        if (READS_ITS_OWN.matcher(path).matches()) {
            return;
        }
        long max = STREAMED.matcher(path).matches() ? uploadLimit : limit;
        if (declaredLength(request) > max) {
            throw new BodyTooLargeException(max);
        }
        request.setEntityStream(new CountedInputStream(request.getEntityStream(), read -> {
            if (read > max) {
                throw new BodyTooLargeException(max);
            }
        }));
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
}
