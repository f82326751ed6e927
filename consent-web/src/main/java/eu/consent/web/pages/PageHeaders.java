package eu.consent.web.pages;

import java.util.Map;

/**
 * The headers every HTML page of the service sends — the recipients' pages and the console's, their error pages
 * included — each with its own content security policy: no caching, no referrer beyond the site, no framing, no type
 * sniffing.
 */
public final class PageHeaders {

    private PageHeaders() {}

    public static Map<String, String> with(String contentSecurityPolicy) {
        return Map.of(
                "Cache-Control", "no-store",
                "Referrer-Policy", "same-origin",
                "X-Frame-Options", "DENY",
                "X-Content-Type-Options", "nosniff",
                "Content-Security-Policy", contentSecurityPolicy);
    }
}
