package eu.consent.web.problem;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Headers JAX-RS cannot parse never reach it: it answers them with the container's HTML 400 (or a 500), before any
 * resource or mapper can, and a one-click sent with a broken {@code Accept} was not committed. An {@code Accept} or
 * {@code Accept-Language} that cannot be read is disregarded (RFC 9110, 12.5.1 and 12.5.4 allow it): the request is
 * served as if it had none. A {@code Content-Type} that cannot be read is a 415 problem on {@code /api/v1}, naming what
 * came and what the endpoint takes; the recipients' pages read their form bodies themselves, so there it is
 * disregarded too and a one-click is committed whatever its headers.
 *
 * <p>Declared first in {@code web.xml}, so that {@code DecisionFastPath}, which answers decisions in front of JAX-RS,
 * sees the same request. A well-formed request (nearly all) passes unwrapped after a few character comparisons.
 */
public class HeaderSyntaxFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    private static final String ACCEPT = "Accept";
    private static final String ACCEPT_LANGUAGE = "Accept-Language";
    private static final String CONTENT_TYPE = "Content-Type";

    /** How much of a broken Content-Type the 415 quotes back. */
    private static final int QUOTED = 100;

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String contentType = request.getHeader(CONTENT_TYPE);
        boolean typeUnreadable = contentType != null && !HeaderSyntax.mediaType(contentType);
        if (typeUnreadable && api(request)) {
            unsupported(request, response, contentType);
            return;
        }
        String sentAccept = request.getHeader(ACCEPT);
        String sentLanguages = request.getHeader(ACCEPT_LANGUAGE);
        String accept = readable(request, ACCEPT, sentAccept, true);
        String languages = readable(request, ACCEPT_LANGUAGE, sentLanguages, false);
        if (!typeUnreadable && accept == sentAccept && languages == sentLanguages) {
            chain.doFilter(request, response);
            return;
        }
        chain.doFilter(new Readable(request, typeUnreadable, accept, languages), response);
    }

    /**
     * The value of a list header to act on: the header itself (the same instance) when it reads, a cleaned copy, or
     * null when it cannot be read. A header sent on several lines is one list (RFC 9110, 5.3): one unreadable line
     * makes the whole header unreadable.
     */
    private static String readable(HttpServletRequest request, String name, String first, boolean media) {
        if (first == null) {
            return null;
        }
        Enumeration<String> lines = request.getHeaders(name);
        lines.nextElement();
        if (!lines.hasMoreElements()) {
            return media ? HeaderSyntax.accept(first) : HeaderSyntax.acceptLanguage(first);
        }
        StringBuilder all = new StringBuilder(first);
        while (lines.hasMoreElements()) {
            all.append(", ").append(lines.nextElement());
        }
        return media ? HeaderSyntax.accept(all.toString()) : HeaderSyntax.acceptLanguage(all.toString());
    }

    private static boolean api(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals("/api/v1") || path.startsWith("/api/v1/");
    }

    /** The 415 the API's other type refusals give ({@link HttpExceptionMapper}), for a type that is not a type. */
    private static void unsupported(HttpServletRequest request, HttpServletResponse response, String sent)
            throws IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Set<String> accepted = EndpointTypes.consumed(request.getMethod(), path);
        String quoted = sent.length() > QUOTED ? sent.substring(0, QUOTED) + "…" : sent;
        String detail = "received Content-Type: " + quoted + ", which is not a media type; this endpoint accepts "
                + (accepted.isEmpty() ? "no request body" : String.join(", ", accepted));
        byte[] body = Problem.ofStatus(415, detail).json().getBytes(StandardCharsets.UTF_8);
        response.setStatus(415);
        response.setContentType(Problem.MEDIA_TYPE);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /** The request as JAX-RS and the pages should read it: unreadable headers left out, lists without empty items. */
    static final class Readable extends HttpServletRequestWrapper {

        private final boolean withoutType;
        private final String accept;
        private final String languages;

        Readable(HttpServletRequest request, boolean withoutType, String accept, String languages) {
            super(request);
            this.withoutType = withoutType;
            this.accept = accept;
            this.languages = languages;
        }

        /** Whether this wrapper answers for the header {@code name} instead of the request. */
        private boolean replaces(String name) {
            return name.equalsIgnoreCase(ACCEPT)
                    || name.equalsIgnoreCase(ACCEPT_LANGUAGE)
                    || withoutType && name.equalsIgnoreCase(CONTENT_TYPE);
        }

        private String replacement(String name) {
            if (name.equalsIgnoreCase(ACCEPT)) {
                return accept;
            }
            if (name.equalsIgnoreCase(ACCEPT_LANGUAGE)) {
                return languages;
            }
            return null;
        }

        @Override
        public String getHeader(String name) {
            return replaces(name) ? replacement(name) : super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            if (!replaces(name)) {
                return super.getHeaders(name);
            }
            String value = replacement(name);
            return Collections.enumeration(value == null ? List.of() : List.of(value));
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            List<String> names = new ArrayList<>();
            for (Enumeration<String> all = super.getHeaderNames(); all.hasMoreElements(); ) {
                String name = all.nextElement();
                if (!replaces(name) || replacement(name) != null) {
                    names.add(name);
                }
            }
            return Collections.enumeration(names);
        }

        @Override
        public String getContentType() {
            return withoutType ? null : super.getContentType();
        }

        @Override
        public String getCharacterEncoding() {
            return withoutType ? null : super.getCharacterEncoding();
        }

        @Override
        public Locale getLocale() {
            return languages == null ? Locale.getDefault() : super.getLocale();
        }

        @Override
        public Enumeration<Locale> getLocales() {
            return languages == null ? Collections.enumeration(List.of(Locale.getDefault())) : super.getLocales();
        }
    }
}
