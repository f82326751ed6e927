package eu.consent.web.problem;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Error page for what the container answers before JAX-RS sees the request (the Basic challenge, a role the security
 * constraint refuses): the same problem+json as everywhere else, never the server's HTML page.
 */
@WebServlet("/problem-error")
public class ProblemErrorServlet extends HttpServlet {

    static final String CONTAINER_ERROR_PAGE_HEADER = "$WSEP";

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        int status = code instanceof Integer i ? i : response.getStatus();
        String detail =
                switch (status) {
                    case 401 ->
                        request.getHeader("Authorization") == null
                                ? "credentials are required"
                                : "the credentials were refused";
                    case 403 ->
                        "the internal API needs one of the roles admin, integration, campaign or auditor;"
                                + " your user has none of them";
                    default -> "the server could not answer this request";
                };
        // The web container marks an error page's answer with its private "$WSEP" header (meant for IBM's web server
        // plug-in, not for clients); it names the server to anyone scanning headers, so the answer goes without it.
        response.setHeader(CONTAINER_ERROR_PAGE_HEADER, null);
        response.setStatus(status);
        response.setContentType(Problem.MEDIA_TYPE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(Problem.ofStatus(status, detail).json());
    }
}
