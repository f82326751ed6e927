package eu.consent.web.pages;

import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.Map;

/** The answers every page shares: the 404 that reveals nothing, the expired link, the refused form. */
final class Pages {

    /* What these answers mean, for the OpenAPI document of every page that gives them. */
    static final String UNKNOWN =
            "a bad, forged or truncated token, or a person erased since: the same page whatever was wrong, naming nobody";
    static final String EXPIRED =
            "a genuine link past its lifetime: nothing done, nobody named, and the form that mails"
                    + " the person a fresh preference link";
    static final String REFUSED = "a form posted from another site (Sec-Fetch-Site, Origin), or with a form token that"
            + " is not this page's or is too old: nothing changed, a link back to the page";

    private Pages() {}

    /** A bad, forged, truncated or stale token: the same page whatever was wrong, naming nobody. */
    static Response unknown(Html html) {
        return html.message(404, "unknown.title", html.text("unknown.body"), null, null);
    }

    /**
     * A genuine link past its lifetime (410): nothing done and nobody named, with the form that mails the person a
     * fresh preference link ({@code POST /preferences}, answered the same whether the address is known or not).
     */
    static Response expired(Html html, FormGuard guard) {
        String page = html.path();
        String prefix = page.substring(0, Math.max(0, page.lastIndexOf('/')));
        String request = prefix.substring(0, Math.max(0, prefix.lastIndexOf('/'))) + "/preferences";
        Map<String, Object> model = new HashMap<>();
        model.put("expired", true);
        model.put("sent", false);
        model.put("invalid", false);
        model.put("email", "");
        model.put("action", html.withLanguage(request));
        model.put("form", guard.issue(request));
        return html.page(410, html.text("expired.title"), "request", model);
    }

    /** A form that did not come from our page (or too long ago): 403, nothing changed, a way back. */
    static Response refused(Html html, String path) {
        return html.message(
                403,
                "form.refused.title",
                html.text("form.refused.body"),
                html.withLanguage(path),
                html.text("form.back"));
    }
}
