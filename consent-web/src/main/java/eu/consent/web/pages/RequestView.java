package eu.consent.web.pages;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

/**
 * What the recipients' pages read of their request, through the servlet request that CDI holds for the whole request.
 * Not JAX-RS's {@code @Context} proxies: those look their object up on the thread at each call, and under load a page
 * found none part-way through its work (RESTEASY003880 on {@code UriInfo} or {@code HttpServletRequest}, a 500 on about
 * 2 % of concurrent preference-page requests until 2026-12-05).
 */
@RequestScoped
public class RequestView {

    @Inject
    HttpServletRequest http;

    /** The path as received (not decoded), context root included: where this page's forms post back. */
    public String path() {
        return http.getRequestURI();
    }

    public String contentType() {
        return http.getContentType();
    }

    /** The languages {@code Accept-Language} asks for, most wanted first (see {@link AcceptLanguage}). */
    public List<Locale> acceptableLanguages() {
        return AcceptLanguage.of(http.getHeader("Accept-Language"));
    }

    /** A query parameter's first value (never the form body's), or null. */
    public String query(String name) {
        String query = http.getQueryString();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            try {
                if (URLDecoder.decode(key, StandardCharsets.UTF_8).equals(name)) {
                    return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                }
            } catch (IllegalArgumentException e) {
                // a malformed escape names nothing
            }
        }
        return null;
    }
}
