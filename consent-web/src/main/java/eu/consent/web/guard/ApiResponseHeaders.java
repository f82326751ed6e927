package eu.consent.web.guard;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.ext.Provider;

/**
 * Every answer of the internal API may name a person (a contact, an export, a lookup): no cache keeps it, and no
 * client reads it as another type than the one it says. Until 2026-12-07 only the 401 said {@code no-store} (tester
 * AO's F10). An answer that sets its own caching (none does on {@code /api/v1}) keeps it.
 */
@Provider
public class ApiResponseHeaders implements ContainerResponseFilter {

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        String path = request.getUriInfo().getPath();
        if (!(path.startsWith("api/v1") || path.startsWith("/api/v1"))) {
            return;
        }
        if (!response.getHeaders().containsKey("Cache-Control")) {
            response.getHeaders().putSingle("Cache-Control", "no-store");
        }
        response.getHeaders().putSingle("X-Content-Type-Options", "nosniff");
    }
}
