package eu.consent.web.console;

import eu.consent.audit.SignedIn;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.Provider;
import java.net.URI;
import java.util.Optional;

/**
 * Every console address except the login form needs a session: without one, a browser is sent to the login page
 * (303). The API is not concerned: it never sees the console's cookie and keeps answering 401/403 problems.
 */
@Provider
@PreMatching
public class ConsoleGate implements ContainerRequestFilter {

    @Inject
    ConsoleSession session;

    @Inject
    SignedIn signedIn;

    @Context
    HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request) {
        String path = request.getUriInfo().getPath().replaceAll("^/+", "");
        if (!(path.equals("console") || path.startsWith("console/")) || path.startsWith("console/login")) {
            return;
        }
        Optional<ConsoleUser> user = session.user(servletRequest);
        user.ifPresent(u -> signedIn.as(u.name())); // what the console does is audited in the user's name
        if (user.isEmpty()) {
            request.abortWith(
                    Response.seeOther(URI.create("/console/login?lang=" + ConsoleView.language(servletRequest)))
                            .header("Cache-Control", "no-store")
                            .build());
        }
    }
}
