package eu.consent.web.schema;

import eu.consent.operations.ServiceMetrics;
import eu.consent.web.console.ConsoleErrorPages;
import eu.consent.web.pages.Branding;
import jakarta.inject.Inject;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * Until the start-up work is done — a server that started while its database did not answer waits for it (see {@link
 * SchemaStartup}) — every request to the application but the signing keys' document is answered 503 with {@code
 * Retry-After}: a problem on the API and the console, a page on the recipients' pages ("we are starting up"). Nothing reads a schema not yet migrated, nor a consent
 * state not yet folded again. Until 2026-12-07 such a server had no application at all and answered Liberty's HTML 404,
 * a one-click's included (tester AS's F3).
 */
public class StartingGate extends HttpFilter {

    private static final long serialVersionUID = 1L;

    @Inject
    transient SchemaStartup schema;

    @Inject
    transient ServiceMetrics metrics;

    @Inject
    transient Branding brand;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (schema.isMigrated()) {
            chain.doFilter(request, response);
            return;
        }
        // The path within the application: JAX-RS is mapped at /*, so the servlet path says nothing.
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith("/.well-known/")) {
            // The signing keys' document, read from the configuration alone. (Health, metrics and the OpenAPI document
            // are Liberty's own and never reach this application's filters.)
            chain.doFilter(request, response);
            return;
        }
        if (path.startsWith("/api/v1/decisions")) {
            // A decision refused for want of the database: fail-closed, and counted so (tester AU's F1).
            metrics.failedClosed();
        }
        response.setHeader("Retry-After", Integer.toString(SchemaStartup.RETRY_SECONDS));
        if (path.startsWith("/console")) {
            // An operator's browser gets the console's page, not the problem's JSON (tester AU's F5).
            response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            response.setCharacterEncoding("UTF-8");
            response.setHeader("Cache-Control", "no-store");
            ConsoleErrorPages.write(request, response, brand, HttpServletResponse.SC_SERVICE_UNAVAILABLE);
            return;
        }
        response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
    }
}
