package eu.consent.web.pages;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/** The answers every page shares: the 404 that reveals nothing, the refused form. */
final class Pages {

    private Pages() {}

    /** A bad, forged, truncated or stale token: the same page whatever was wrong, naming nobody. */
    static Response unknown(Html html) {
        return html.message(404, "unknown.title", html.text("unknown.body"), null, null);
    }

    /** A form that did not come from our page (or too long ago): 403, nothing changed, a way back. */
    static Response refused(Html html, UriInfo uri) {
        return html.message(
                403,
                "form.refused.title",
                html.text("form.refused.body"),
                uri.getRequestUri().getRawPath() + "?lang=" + html.language(),
                html.text("form.back"));
    }
}
