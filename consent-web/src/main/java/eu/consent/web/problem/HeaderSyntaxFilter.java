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
 * <p>On {@code /api/v1} it also judges what JAX-RS reads too leniently: a wildcard ({@code application/*}) is not a
 * {@code Content-Type}; a declared charset other than UTF-8 is a 415 (the API reads UTF-8 only; such a body was read as
 * UTF-8 all the same); and an {@code Accept} that weighs a type 0 (RFC 9110: "not acceptable") is a 406 when it leaves none of the
 * endpoint's types, else narrowed to those it leaves, since JAX-RS reads {@code q=0} as any other weight.
 *
 * <p>And a query string with a broken %-escape, or a query or path with a character that may not stand unescaped there
 * ({@link QuerySyntax}): a 400 problem on {@code /api/v1}; on the recipients' pages the {@code %} is read as itself and
 * the character as its escape (until 2026-12-06 a 500 on both, and a one-click to such a link was not recorded).
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
        if (api(request)) {
            guard(response);
        }
        String uri = request.getRequestURI();
        int unescapedInPath = QuerySyntax.illegal(uri, true);
        if (unescapedInPath >= 0) {
            if (api(request)) {
                write(response, 400, QuerySyntax.unescaped(uri, unescapedInPath, true));
                return;
            }
            request = new QuerySyntax.RepairedPath(request);
        }
        String scheme = QuerySyntax.scheme(request);
        boolean hostReadable = QuerySyntax.readableHost(request, scheme);
        if (!hostReadable && api(request)) {
            write(
                    response,
                    400,
                    "the Host header cannot be read as a host (RFC 9110, 7.2): "
                            + quoted(String.valueOf(request.getHeader("Host"))));
            return;
        }
        if (!hostReadable || !scheme.equals(request.getScheme())) {
            request = new QuerySyntax.ReadableUrl(request, scheme, !hostReadable);
        }
        String query = request.getQueryString();
        int broken = query == null ? -1 : QuerySyntax.brokenEscape(query);
        int unescaped = query == null ? -1 : QuerySyntax.illegal(query, false);
        if (broken >= 0 || unescaped >= 0) {
            if (api(request)) {
                write(
                        response,
                        400,
                        broken >= 0 && (unescaped < 0 || broken < unescaped)
                                ? "the query string cannot be read: the '%' at position " + (broken + 1)
                                        + " does not start an escape of two hexadecimal digits (write a '%' itself as"
                                        + " %25)"
                                : QuerySyntax.unescaped(query, unescaped, false));
                return;
            }
            request = new QuerySyntax.Repaired(request, QuerySyntax.repaired(query));
        }
        String coding = request.getHeader("Content-Encoding");
        if (coding != null) {
            java.util.Optional<String> unsupported = BodyCoding.unsupported(coding);
            if (api(request) && (unsupported.isPresent() || BodyCoding.several(coding))) {
                write(
                        response,
                        415,
                        "received Content-Encoding: " + quoted(unsupported.orElse(coding))
                                + ", which this server does not decode; send the body as is, or with gzip (once)");
                return;
            }
            java.util.Optional<String> decoded = BodyCoding.single(coding);
            if (unsupported.isEmpty() && decoded.isPresent()) {
                request = new BodyCoding.Decoded(request, decoded.get());
            }
        }
        String contentType = request.getHeader(CONTENT_TYPE);
        boolean typeUnreadable = contentType != null && !HeaderSyntax.mediaType(contentType);
        if (typeUnreadable && api(request)) {
            unsupported(request, response, contentType);
            return;
        }
        if (contentType != null
                && !typeUnreadable
                && HeaderSyntax.foreignCharset(contentType)
                && api(request)
                && !snapshot(request)) {
            notUtf8(response, contentType);
            return;
        }
        String sentAccept = request.getHeader(ACCEPT);
        String sentLanguages = request.getHeader(ACCEPT_LANGUAGE);
        String accept = readable(request, ACCEPT, sentAccept, true);
        if (accept != null && HeaderSyntax.hasZeroWeight(accept) && api(request)) {
            String path =
                    request.getRequestURI().substring(request.getContextPath().length());
            Set<String> produced = EndpointTypes.produced(request.getMethod(), path);
            if (!produced.isEmpty()) { // else JAX-RS answers the 404 or 405 it finds
                accept = AcceptWeights.acceptable(accept, produced);
                if (accept == null) {
                    notAcceptable(request, response, String.join(", ", Collections.list(request.getHeaders(ACCEPT))));
                    return;
                }
            }
        }
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

    /**
     * The headers of every answer of the API, which may name a person: no cache keeps it, no client reads it as another
     * type (the decisions' fast path, JAX-RS and this filter's own refusals alike; until 2026-12-07 only the 401 said
     * no-store, tester AO's F10). Set again by whoever resets a response.
     */
    public static void guard(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
    }

    private static boolean api(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        return path.equals("/api/v1") || path.startsWith("/api/v1/");
    }

    /**
     * A suppression source's snapshot: its upload's reading of a declared charset is decided with the snapshot's own
     * reading of its bytes, not here.
     */
    private static boolean snapshot(HttpServletRequest request) {
        return request.getRequestURI().endsWith("/snapshot");
    }

    /** The 415 the API's other type refusals give ({@link HttpExceptionMapper}), for a type that is not a type. */
    private static void unsupported(HttpServletRequest request, HttpServletResponse response, String sent)
            throws IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Set<String> accepted = EndpointTypes.consumed(request.getMethod(), path);
        String detail = "received Content-Type: " + quoted(sent) + ", which is not a media type; this endpoint accepts "
                + (accepted.isEmpty() ? "no request body" : String.join(", ", accepted));
        write(response, 415, detail);
    }

    /** The 415 for a body declared in another charset than UTF-8, which would otherwise be read as UTF-8. */
    private static void notUtf8(HttpServletResponse response, String sent) throws IOException {
        write(
                response,
                415,
                "received Content-Type: " + quoted(sent)
                        + "; this API reads UTF-8 text only: send the body in UTF-8, with charset=utf-8 or no charset");
    }

    /** The 406 JAX-RS's own refusals give ({@link HttpExceptionMapper}), for an Accept that weighs every type 0. */
    private static void notAcceptable(HttpServletRequest request, HttpServletResponse response, String sent)
            throws IOException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        write(
                response,
                406,
                HttpExceptionMapper.notAcceptable(quoted(sent), EndpointTypes.produced(request.getMethod(), path)));
    }

    private static String quoted(String sent) {
        return sent.length() > QUOTED ? sent.substring(0, QUOTED) + "…" : sent;
    }

    private static void write(HttpServletResponse response, int status, String detail) throws IOException {
        byte[] body = Problem.ofStatus(status, detail).json().getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
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
