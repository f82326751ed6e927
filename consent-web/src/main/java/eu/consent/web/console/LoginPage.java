package eu.consent.web.console;

import eu.consent.shared.LogText;
import eu.consent.web.guard.SignInThrottle;
import eu.consent.web.pages.Branding;
import eu.consent.web.pages.FormGuard;
import eu.consent.web.pages.ReverseProxies;
import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.ForbiddenException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * Signing in to the console with the same users and roles as the API: the password is checked by the servlet
 * container against the server's user registry ({@code HttpServletRequest.login}, the basic registry in development,
 * LDAP or another registry in production), then a signed session cookie is set. Nothing of the attempt but the user
 * name reaches the log.
 */
@Path("console")
@Produces(MediaType.TEXT_HTML)
public class LoginPage {

    private static final Logger LOG = Logger.getLogger(LoginPage.class.getName());
    private static final int MAX_FIELD = 200;

    @Inject
    SignInThrottle throttle;

    @Inject
    ConsoleSession session;

    @Inject
    Branding brand;

    /** Whether the browser spoke HTTPS, also behind a proxy that ended TLS: then the cookie is {@code Secure}. */
    @Inject
    ReverseProxies proxies;

    @Inject
    FormGuard guard;

    @Context
    HttpServletRequest request;

    @GET
    @Path("login")
    @Operation(hidden = true)
    public Response form() {
        if (session.user(request).isPresent()) {
            return Response.seeOther(URI.create("/console/?lang=" + ConsoleView.language(request)))
                    .build();
        }
        return form(200, null);
    }

    private Response form(int status, String error) {
        ConsoleView view = ConsoleView.of(request, brand);
        Map<String, Object> model = new HashMap<>();
        model.put("token", session.loginToken());
        model.put("self", "/console/login");
        if (error != null) {
            model.put("error", view.text(error));
        }
        return view.bare(status, view.text("login.title"), "login", model);
    }

    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response login(MultivaluedMap<String, String> posted) {
        String username = posted.getFirst("username");
        String password = posted.getFirst("password");
        String token = posted.getFirst("form");
        // A login form posted by another site would sign the browser in as whoever that site chose (login CSRF).
        if (!guard.fromOurSite(request)) {
            return form(403, "login.crossSite");
        }
        if (!session.acceptsLogin(token)) {
            return form(403, "login.expired");
        }
        if (username == null
                || password == null
                || username.isBlank()
                || username.length() > MAX_FIELD
                || password.length() > MAX_FIELD
                || username.contains("|")
                || username.chars().anyMatch(Character::isISOControl)) {
            // No user name holds a control character: the registry is not asked, so nothing of it reaches its log.
            LOG.info(() -> "console sign-in refused for user " + LogText.of(username));
            return form(401, "login.failed");
        }
        long wait = throttle.refusedFor(request, username);
        if (wait > 0) {
            // Not even the right password: a guess that happens to be right must tell the guesser nothing.
            return Response.fromResponse(form(429, "login.throttled"))
                    .header("Retry-After", wait)
                    .build();
        }
        Check check = authenticate(username.strip(), password);
        if (!check.passwordAccepted()) {
            LOG.info(() -> "console sign-in refused for user " + LogText.of(username.strip()));
            throttle.failed(request, username);
            return form(401, "login.failed");
        }
        if (check.role().isEmpty()) {
            return form(403, "login.noRole");
        }
        ConsoleUser user = new ConsoleUser(username.strip(), check.role().get());
        LOG.info(() -> "console sign-in: " + user.name() + " as " + user.role());
        return Response.seeOther(URI.create("/console/?lang=" + ConsoleView.language(request)))
                .header("Set-Cookie", session.open(user, proxies.https(request)))
                .header("Cache-Control", "no-store")
                .build();
    }

    /** The registry's answer: whether it accepted the password, and the strongest console role of the user. */
    private record Check(boolean passwordAccepted, Optional<ConsoleUser.Role> role) {}

    private Check authenticate(String username, String password) {
        try {
            request.login(username, password);
        } catch (ServletException e) {
            return new Check(false, Optional.empty());
        }
        try {
            for (ConsoleUser.Role role : ConsoleUser.Role.values()) {
                if (request.isUserInRole(role.securityRole)) {
                    return new Check(true, Optional.of(role));
                }
            }
            return new Check(true, Optional.empty());
        } finally {
            try {
                request.logout();
            } catch (ServletException e) {
                LOG.fine("logout after the console's password check failed: " + e.getMessage());
            }
        }
    }

    @POST
    @Path("logout")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Operation(hidden = true)
    public Response logout(MultivaluedMap<String, String> posted) {
        // Signing out harms no one: a form of an earlier session (a tab left open past it, the operator signed in again
        // elsewhere) signs out too, as long as the browser does not say another site sent it; until 2026-12-07 it
        // answered an empty 403 and left the operator signed in (tester AL's F6). A cross-site post gets the 403 page.
        if (!session.acceptsForm(request, posted.getFirst("form"), "/console/logout") && !guard.fromOurSite(request)) {
            throw new ForbiddenException();
        }
        return Response.seeOther(URI.create("/console/login?lang=" + ConsoleView.language(request)))
                .header("Set-Cookie", session.close(proxies.https(request)))
                .build();
    }
}
