package eu.consent.web.openapi;

import eu.consent.web.pages.PublicErrorPages;
import jakarta.ws.rs.core.MediaType;
import java.lang.reflect.Method;
import java.util.Optional;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * The answers of the public resources (the recipients' pages, the receipts' keys) beyond those each page method lists
 * itself ({@code @APIResponse}: the outcomes its code chooses, always a page): what JAX-RS and the filters answer
 * before or around the method (406 for an {@code Accept} it cannot serve, 413 for too large a body, 415 for a body it
 * cannot read, 500), as a page where {@link PublicErrorPages} turns errors into pages, else as a problem document.
 */
final class PublicAnswers {

    private static final String HTML = MediaType.TEXT_HTML;

    private PublicAnswers() {}

    static void complete(String path, Operation operation, Optional<Method> method) {
        APIResponses responses = operation.getResponses();
        boolean page = method.map(m -> Endpoints.produced(m).contains(HTML)).orElse(false);
        if (page) {
            // The page method's own answers are all rendered pages (Html.page), whatever their status; a redirect has
            // no body.
            responses.getAPIResponses().forEach((code, response) -> {
                if (!code.startsWith("3") && !code.equals("204") && isEmpty(response.getContent())) {
                    response.setContent(html());
                }
            });
        }
        if (!page) {
            // A public document (the receipts' keys): its 200 in every type it is served as.
            method.ifPresent(m -> TruthFilter.representations(m, responses));
        }
        boolean asPage = page && PublicErrorPages.covers(path);
        if (method.map(Endpoints::refusesOtherAccept).orElse(false)) {
            answer(
                    responses,
                    406,
                    "the Accept header names none of the types this page answers with ("
                            + String.join(", ", Endpoints.produced(method.get())) + ")",
                    asPage);
        }
        if (operation.getRequestBody() != null) {
            // The one-click, which says it takes any body, reads what its form holds and refuses no size.
            if (!method.map(Endpoints::takesAnyBody).orElse(false)) {
                answer(responses, 413, "the body is larger than the server accepts: nothing changed", asPage);
            }
            if (method.map(Endpoints::refusesOtherTypes).orElse(true)) {
                answer(responses, 415, "a body that is not a form: nothing changed", asPage);
            }
        }
        answer(responses, 500, "an unexpected error, logged; nothing is said about the person", asPage);
    }

    /** An error answered by JAX-RS or a filter: a page in the visitor's language, or a problem document. */
    private static void answer(APIResponses responses, int status, String description, boolean asPage) {
        if (!asPage) {
            TruthFilter.problem(responses, status, description);
            return;
        }
        String code = Integer.toString(status);
        if (!responses.hasAPIResponse(code)) {
            responses.addAPIResponse(
                    code,
                    OASFactory.createAPIResponse().description(description).content(html()));
        }
    }

    private static boolean isEmpty(Content content) {
        return content == null
                || content.getMediaTypes() == null
                || content.getMediaTypes().isEmpty();
    }

    private static Content html() {
        return OASFactory.createContent().addMediaType(HTML, OASFactory.createMediaType());
    }
}
