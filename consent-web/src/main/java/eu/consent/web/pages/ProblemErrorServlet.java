package eu.consent.web.pages;

import eu.consent.shared.LogText;
import eu.consent.web.problem.Problem;
import jakarta.inject.Inject;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Error page for what the container answers before JAX-RS sees the request (the Basic challenge, a role the security
 * constraint refuses, a path it will not decode: an encoded slash, a broken %-escape) and for a failure that escapes
 * every mapper: the same problem+json as everywhere else, never the server's HTML page or its stack trace; on the
 * recipients' pages, their own error page in the person's language.
 */
@WebServlet("/problem-error")
public class ProblemErrorServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private static final Logger LOG = Logger.getLogger(ProblemErrorServlet.class.getName());

    static final String CONTAINER_ERROR_PAGE_HEADER = "$WSEP";

    @Inject
    transient Branding brand;

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : response.getStatus();
        Object failure = request.getAttribute(RequestDispatcher.ERROR_EXCEPTION);
        String instance = null;
        if (failure instanceof Throwable thrown && status >= 500) {
            instance = UUID.randomUUID().toString();
            LOG.log(Level.SEVERE, "unexpected failure, problem instance " + instance, thrown);
        }
        if (status == 401) {
            refusedSignIn(request);
        }
        // The web container marks an error page's answer with its private "$WSEP" header (meant for IBM's web server
        // plug-in, not for clients); it names the server to anyone scanning headers, so the answer goes without it.
        response.setHeader(CONTAINER_ERROR_PAGE_HEADER, null);
        response.setStatus(status);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader("Cache-Control", "no-store");
        if (PublicErrorPages.covers(path(request))) {
            page(request, response, status);
            return;
        }
        // A 503 (the starting gate) is the API's one kind of "try again later", as a decision failing closed says it.
        Problem problem = status == 503
                ? Problem.of("unavailable", 503, "Service Unavailable", detail(request, status, instance))
                : Problem.ofStatus(status, detail(request, status, instance));
        if (instance != null) {
            problem.with("instance", "urn:uuid:" + instance);
        }
        response.setContentType(Problem.MEDIA_TYPE);
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.getWriter().write(problem.json());
    }

    /**
     * Logs a refused HTTP Basic sign-in with the user name made fit for one line: Liberty's own line for it
     * (CWWKS1100A) quotes the name as sent, line breaks included, so server.xml hides it (tester AO's F1).
     */
    private static void refusedSignIn(HttpServletRequest request) {
        String authorization = request.getHeader("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return;
        }
        String user;
        try {
            String pair = new String(
                    Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
            // Without a colon it is no user and password but maybe a pasted secret: not logged.
            user = pair.indexOf(':') < 0 ? "(no user name: not user:password)" : pair.substring(0, pair.indexOf(':'));
        } catch (IllegalArgumentException e) {
            user = "(not Base64)";
        }
        String name = LogText.of(user);
        LOG.info(() -> "API sign-in refused for user " + name);
    }

    private static String detail(HttpServletRequest request, int status, String instance) {
        return switch (status) {
            case 401 ->
                request.getHeader("Authorization") == null
                        ? "credentials are required"
                        : "the credentials were refused";
            case 403 ->
                "the internal API needs one of the roles admin, integration, campaign or auditor;"
                        + " your user has none of them";
            case 400 ->
                "the request cannot be read: a path with a broken %-escape, with bytes that are not UTF-8 or with an"
                        + " encoded slash, backslash, dot or # (which the server does not accept in a path), or a"
                        + " malformed header";
            case 503 ->
                "the server is starting and waits for its database to answer; nothing was changed: try again shortly";
            default ->
                instance == null
                        ? "the server could not answer this request"
                        : "an unexpected error occurred; quote instance " + instance + " to the operators";
        };
    }

    /** The path of the request that failed, within the application. */
    private static String path(HttpServletRequest request) {
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String path = uri instanceof String s ? s : request.getRequestURI();
        String context = request.getContextPath();
        return path.startsWith(context) ? path.substring(context.length()) : path;
    }

    private void page(HttpServletRequest request, HttpServletResponse response, int status) throws IOException {
        String lang;
        List<Locale> acceptable;
        try {
            lang = request.getParameter("lang");
            acceptable = AcceptLanguage.of(request.getHeader("Accept-Language"));
        } catch (RuntimeException unreadable) {
            lang = null;
            acceptable = List.of();
        }
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        String document = PublicErrorPages.document(
                brand, status, lang, acceptable, uri instanceof String s ? s : request.getRequestURI());
        response.setContentType("text/html");
        response.setHeader("Content-Language", PublicErrorPages.language(lang, acceptable));
        Html.PAGE_HEADERS.forEach(response::setHeader);
        response.getWriter().write(document);
    }
}
