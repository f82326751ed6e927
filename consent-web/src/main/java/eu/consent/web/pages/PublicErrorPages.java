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
        String document = document(
                brand,
                response.getStatus(),
                request.getUriInfo().getQueryParameters().getFirst("lang"),
                AcceptLanguage.of(request.getHeaderString("Accept-Language")),
                request.getUriInfo().getRequestUri().getRawPath());
        response.getHeaders().putSingle("Content-Type", MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"));
        // The page's own language (a 405, 413 or 415 said "en" whatever the page was in, until 2026-12-06).
        response.getHeaders()
                .putSingle(
                        "Content-Language",
                        language(
                                request.getUriInfo().getQueryParameters().getFirst("lang"),
                                AcceptLanguage.of(request.getHeaderString("Accept-Language"))));
        Html.PAGE_HEADERS.forEach(response.getHeaders()::putSingle);
        response.setEntity(document, null, MediaType.TEXT_HTML_TYPE.withCharset("UTF-8"));
    }

    /** The language of an error page: {@code ?lang=} if supported, else the browser's first supported, else English. */
    public static String language(String lang, List<java.util.Locale> acceptable) {
        return Html.language(lang, null, acceptable);
    }

    /**
     * The error page of a recipients' page: "unknown page" for a 404, "something went wrong" otherwise, in the language
     * of {@code ?lang=} or the browser's; never a detail.
     *
     * @param rawPath the page's path as it was sent, for the language switcher's links
     */
    public static String document(
            Branding brand, int status, String lang, List<java.util.Locale> acceptable, String rawPath) {
        Html html = new Html(Html.language(lang, null, acceptable), brand, rawPath);
        boolean notFound = status == 404;
        // A server still waiting for its database says so, and when to come back (review 42).
        boolean starting = status == 503;
        return html.document(
                html.text(notFound ? "unknown.title" : starting ? "starting.title" : "error.title"),
                "message",
                java.util.Map.of(
                        "body", html.text(notFound ? "unknown.page" : starting ? "starting.body" : "error.body")));
    }
}
