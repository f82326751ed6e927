package eu.consent.web.console;

import eu.consent.web.pages.Branding;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import java.util.Map;

/**
 * The API's problem+json errors are for programs: an operator on a console page gets a page in their language, with
 * the same status, the problem's detail (never a stack trace) and a way back.
 */
@Provider
public class ConsoleErrorPages implements ContainerResponseFilter {

    @Inject
    Branding brand;

    @Context
    HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        MediaType type = response.getMediaType();
        String path = request.getUriInfo().getPath().replaceAll("^/+", "");
        if (type == null || !type.getSubtype().equals("problem+json") || !path.startsWith("console")) {
            return;
        }
        ConsoleView view = ConsoleView.of(servletRequest, brand);
        int status = response.getStatus();
        String key = status == 403 ? "error.forbidden" : status == 404 ? "error.notFound" : "error.body";
        Object entity = response.getEntity();
        String detail = entity == null ? "" : String.valueOf(entity);
        String document = view.document(
                view.text("error.title"),
                "message",
                Map.of("body", view.text(key), "detail", status < 500 ? detail(detail) : "", "back", true),
                new java.util.HashMap<>());
        response.getHeaders().putSingle("Content-Type", MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"));
        // The page is in the operator's language; only the problem's detail, the API's words, stays English (marked).
        response.getHeaders().putSingle("Content-Language", view.language());
        ConsoleView.PAGE_HEADERS.forEach(response.getHeaders()::putSingle);
        response.setEntity(document, null, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"));
    }

    /**
     * The console's error page for what the web container answers before JAX-RS — the starting gate's 503 while the
     * server waits for its database: an operator's browser showed the problem's raw JSON until 2026-12-07 (tester AU's
     * F5).
     */
    public static void write(
            HttpServletRequest request, jakarta.servlet.http.HttpServletResponse response, Branding brand, int status)
            throws java.io.IOException {
        ConsoleView view = ConsoleView.of(request, brand);
        String document = view.document(
                view.text("error.title"),
                "message",
                Map.of("body", view.text("error.body"), "detail", "", "back", true),
                new java.util.HashMap<>());
        response.setContentType("text/html");
        response.setHeader("Content-Language", view.language());
        ConsoleView.PAGE_HEADERS.forEach(response::setHeader);
        response.getWriter().write(document);
    }

    /** The problem's detail and field errors, read from its JSON text. */
    private static String detail(String problem) {
        try {
            jakarta.json.JsonObject json = jakarta.json.Json.createReader(new java.io.StringReader(problem))
                    .readObject();
            StringBuilder text = new StringBuilder(json.getString("detail", ""));
            for (jakarta.json.JsonValue e : json.getOrDefault("errors", jakarta.json.JsonValue.EMPTY_JSON_ARRAY)
                    .asJsonArray()) {
                text.append(text.isEmpty() ? "" : "; ")
                        .append(e.asJsonObject().getString("field", ""))
                        .append(": ")
                        .append(e.asJsonObject().getString("message", ""));
            }
            return text.toString();
        } catch (RuntimeException e) {
            return "";
        }
    }
}
