package eu.consent.web.guard;

import eu.consent.web.problem.Problem;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;
import java.util.Locale;

/**
 * Refuses browser requests that another site made to the internal API. Browsers keep Basic credentials and send them
 * with any request to the same server, so a form on another site could otherwise start a purge with an operator's
 * credentials. A browser says where a request comes from ({@code Sec-Fetch-Site}, {@code Origin}); integrating systems
 * send neither, and the console is same-origin.
 */
@Provider
@PreMatching
@Priority(Priorities.AUTHENTICATION)
public class CrossSiteFilter implements ContainerRequestFilter {

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath();
        if (!(path.startsWith("api/v1") || path.startsWith("/api/v1"))) {
            return; // the recipients' pages are meant to be reached from a message, on any site
        }
        String site = request.getHeaderString("Sec-Fetch-Site");
        if (site != null && (site.equalsIgnoreCase("cross-site") || site.equalsIgnoreCase("same-site"))) {
            refuse(request, "Sec-Fetch-Site: " + site.toLowerCase(Locale.ROOT));
            return;
        }
        String origin = request.getHeaderString("Origin");
        if (origin != null && !sameOrigin(origin, request.getUriInfo().getRequestUri())) {
            refuse(request, "Origin " + origin);
        }
    }

    /**
     * True when {@code origin} names the host and port this request was addressed to (as the request's Host header
     * gives them). The scheme is left out: a proxy that ends TLS makes an https origin reach us over http.
     */
    static boolean sameOrigin(String origin, URI requested) {
        if (origin.equals("null") || requested == null || requested.getHost() == null) {
            return false;
        }
        try {
            URI uri = URI.create(origin);
            return uri.getHost() != null
                    && uri.getHost().equalsIgnoreCase(requested.getHost())
                    && (port(uri) == port(requested) || uri.getPort() == -1 && requested.getPort() == -1);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static int port(URI uri) {
        return uri.getPort() != -1 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static void refuse(ContainerRequestContext request, String because) {
        request.abortWith(Problem.of(
                        "cross-site-request",
                        403,
                        "Cross-site request refused",
                        "the internal API does not answer requests made by a page of another site (" + because
                                + "); call it from a server, or from the console")
                .response());
    }
}
