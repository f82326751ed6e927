package eu.consent.web.schema;

import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Until the start-up work is done — a server that started while its database did not answer waits for it (see {@link
 * SchemaStartup}) — every request but health and metrics is answered 503 with {@code Retry-After}: a problem on the
 * API, a page on the recipients' pages (the error page's own). Nothing reads a schema not yet migrated, nor a consent
 * state not yet folded again. Until 2026-12-07 such a server had no application at all and answered Liberty's HTML 404,
 * a one-click's included (tester AS's F3).
 */
public class StartingGate extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Inject
    transient SchemaStartup schema;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (schema.isMigrated() || alwaysOpen(request.getServletPath())) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("Retry-After", Integer.toString(SchemaStartup.RETRY_SECONDS));
        response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
    }

    private static boolean alwaysOpen(String path) {
        return path.startsWith("/health") || path.startsWith("/metrics");
    }
}
