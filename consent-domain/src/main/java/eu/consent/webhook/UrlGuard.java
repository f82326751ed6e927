package eu.consent.webhook;

import eu.consent.shared.InvalidInputException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Keeps webhooks from becoming a way to make the server call its own network (SSRF): only http and https, no
 * credentials in the URL, and only hosts on the allow-list ({@code name}, {@code *.domain} or {@code *}). Redirects are
 * never followed by the relay, so an allowed host cannot bounce a delivery elsewhere.
 */
public final class UrlGuard {

    private static final int MAX_LENGTH = 2000;

    private final List<String> allowed;

    /** @param allowList comma-separated host patterns */
    public UrlGuard(String allowList) {
        this.allowed = Arrays.stream(allowList.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .map(s -> s.toLowerCase(Locale.ROOT))
                .toList();
    }

    /** The URL if it may receive webhooks; a 422 naming the field {@code url} otherwise. */
    public URI check(String url) {
        if (url == null || url.isBlank()) {
            throw new InvalidInputException("url", "is required");
        }
        if (url.length() > MAX_LENGTH) {
            throw new InvalidInputException("url", "is longer than " + MAX_LENGTH + " characters");
        }
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw new InvalidInputException("url", "is not a valid URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new InvalidInputException("url", "must use http or https");
        }
        if (uri.getRawUserInfo() != null) {
            throw new InvalidInputException("url", "must not carry credentials; the signature authenticates us");
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new InvalidInputException("url", "has no host");
        }
        if (uri.getPort() == 0 || uri.getPort() > 65535) {
            // java.net.URI reads any digits as a port; the HTTP client then refused each delivery before it was an
            // attempt, and nothing showed why (until 2026-12-06).
            throw new InvalidInputException("url", "has port " + uri.getPort() + ", not one of 1-65535");
        }
        if (!isAllowed(host.toLowerCase(Locale.ROOT))) {
            throw new InvalidInputException(
                    "url", "host " + host + " is not on the allow-list (consent.webhooks.allowed-hosts)");
        }
        return uri;
    }

    boolean isAllowed(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        for (String pattern : allowed) {
            String p = pattern.startsWith("[") && pattern.endsWith("]")
                    ? pattern.substring(1, pattern.length() - 1)
                    : pattern;
            if (p.equals("*") || p.equals(bare)) {
                return true;
            }
            if (p.startsWith("*.") && bare.endsWith(p.substring(1)) && bare.length() > p.length() - 1) {
                return true;
            }
        }
        return false;
    }
}
