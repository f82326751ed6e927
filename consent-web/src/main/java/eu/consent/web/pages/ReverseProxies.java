package eu.consent.web.pages;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
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
