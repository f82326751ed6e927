package eu.consent.web.pages;

import jakarta.inject.Inject;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.ext.Provider;
import java.util.List;

/**
 * The API's problem+json errors are for programs; a person on a public page gets a page in their language instead
 * (a wrong method, an unreadable form, an unexpected failure): the same status, no detail, nothing changed.
 */
@Provider
public class PublicErrorPages implements ContainerResponseFilter {

    private static final List<String> PUBLIC = List.of("preferences", "unsubscribe", "confirm", "stay", "receipts");

    @Inject
    Branding brand;

    /**
     * Whether an error answered at {@code path} (a request path or a path template, with or without its leading slash)
     * becomes a page; elsewhere it stays a problem document. The published OpenAPI document asks the same question.
     */
    public static boolean covers(String path) {
        String p = path.replaceAll("^/+", "");
        return PUBLIC.contains(p.contains("/") ? p.substring(0, p.indexOf('/')) : p);
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        MediaType type = response.getMediaType();
        if (type == null || !type.getSubtype().equals("problem+json")) {
            return;
        }
        if (!covers(request.getUriInfo().getPath())) {
            return;
        }
        Html html = new Html(
                Html.language(
                        request.getUriInfo().getQueryParameters().getFirst("lang"),
                        null,
                        request.getAcceptableLanguages()),
                brand,
                request.getUriInfo().getRequestUri().getRawPath());
        boolean notFound = response.getStatus() == 404;
        String document = html.document(
                html.text(notFound ? "unknown.title" : "error.title"),
                "message",
                java.util.Map.of("body", html.text(notFound ? "unknown.page" : "error.body")));
        response.getHeaders().putSingle("Content-Type", MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"));
        response.getHeaders().putSingle("Cache-Control", "no-store");
        response.setEntity(document, null, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"));
    }
}
