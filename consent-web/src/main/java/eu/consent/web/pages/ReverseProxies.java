package eu.consent.web.pages;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * What the reverse proxies in front of the server say about a request, believed only when the peer is one of them
 * ({@code consent.pages.trusted-proxies}): a header from anyone else is ignored, so nobody picks their own client
 * address, and nobody but a proxy that ended TLS says the browser spoke HTTPS.
 */
@ApplicationScoped
public class ReverseProxies {

    /** Addresses of the reverse proxies in front of the server, comma-separated (none: the peer is the client). */
    @Inject
    @ConfigProperty(name = "consent.pages.trusted-proxies", defaultValue = "none")
    String trustedProxies;

    /** The header those proxies name the client in. */
    @Inject
    @ConfigProperty(name = "consent.pages.client-address-header", defaultValue = "X-Forwarded-For")
    String clientHeader;

    /** The header those proxies name the browser's scheme in (the de facto standard's name, not configurable). */
    static final String PROTO_HEADER = "X-Forwarded-Proto";

    private List<String> proxies;

    @PostConstruct
    void read() {
        proxies = list(trustedProxies);
    }

    private static final Pattern IPV4 =
            Pattern.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6_FULL = Pattern.compile("([0-9a-fA-F]{1,4}:){7}[0-9a-fA-F]{1,4}");

    /**
     * Why the server must not start with this {@code consent.pages.trusted-proxies}, if it must not. The setting is read
     * twice — by this class, comparing the peer's address as text, and by Liberty's {@code httpDispatcher} (its
     * {@code trustedHeaderOrigin}: whose X-Forwarded-Proto and plug-in headers the container believes) — and only
     * {@code none} or literal addresses mean the same to both: a host name, a wildcard or {@code *} Liberty matches and
     * this class never does (every visitor would share the proxy's link-request budget; {@code *} makes Liberty
     * believe anyone again), a shortened IPv6 address Liberty refuses, and an empty value Liberty may read as "anyone".
     */
    public static Optional<String> refusal(String configured) {
        String value = configured == null ? "" : configured.strip();
        if (value.equalsIgnoreCase("none")) {
            return Optional.empty();
        }
        List<String> bad = Arrays.stream(value.split(",", -1))
                .map(String::strip)
                .filter(entry -> !IPV4.matcher(entry).matches()
                        && !IPV6_FULL.matcher(entry).matches())
                .map(entry -> entry.isEmpty() ? "(an empty entry)" : entry)
                .toList();
        return bad.isEmpty()
                ? Optional.empty()
                : Optional.of(
                        "consent.pages.trusted-proxies must be none or the proxies' IP addresses"
                                + " (IPv4, or IPv6 written in full, 0:0:0:0:0:0:0:1): " + String.join(", ", bad)
                                + " is not; set CONSENT_PAGES_TRUSTED_PROXIES (or -Dliberty.var.consent.pages.trusted-proxies)");
    }

    static List<String> list(String configured) {
        return Arrays.stream(configured.split(","))
                .map(String::strip)
                .map(s -> s.toLowerCase(Locale.ROOT))
                // "none": the server's own word for no proxy (Liberty's, the same setting serving both).
                .filter(s -> !s.isEmpty() && !s.equals("none"))
                .toList();
    }

    /** The client's address: the peer, or what a trusted proxy says the client is. */
    public String client(HttpServletRequest request) {
        return client(Visitor.address(request), request.getHeader(clientHeader), proxies);
    }

    /**
     * Whether the browser reached us over HTTPS: the request itself is, or a trusted proxy that ended TLS says so in
     * {@code X-Forwarded-Proto} (the last value, the one the nearest proxy set).
     */
    public boolean https(HttpServletRequest request) {
        return request.isSecure() || https(Visitor.address(request), request.getHeader(PROTO_HEADER), proxies);
    }

    static boolean https(String peer, String forwardedProto, List<String> proxies) {
        if (peer == null || !proxies.contains(peer.toLowerCase(Locale.ROOT)) || forwardedProto == null) {
            return false;
        }
        String[] hops = forwardedProto.split(",");
        return hops[hops.length - 1].strip().equalsIgnoreCase("https");
    }

    static String client(String peer, String forwarded, List<String> proxies) {
        if (peer == null || !proxies.contains(peer.toLowerCase(Locale.ROOT))) {
            return String.valueOf(peer);
        }
        if (forwarded == null || forwarded.isBlank()) {
            return peer;
        }
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip().toLowerCase(Locale.ROOT);
            if (!hop.isEmpty() && !proxies.contains(hop)) {
                return hop.length() > 100 ? hop.substring(0, 100) : hop;
            }
        }
        return peer;
    }
}
