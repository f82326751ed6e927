package eu.consent.web.pages;

import eu.consent.preference.LinkRequestCounters;
import eu.consent.preference.LinkRequestCounters.Budget;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Limits "send me my preference link" requests per address and per client, with counters in the database (shared by
 * every server, nothing kept in memory). The client is the peer's address, or, when the peer is one of the configured
 * trusted proxies, the last address its forwarding header names that is not itself a trusted proxy: a header from
 * anyone else is ignored, so nobody picks their own client address.
 */
@ApplicationScoped
public class LinkRequestLimiter {

    @Inject
    LinkRequestCounters counters;

    @Inject
    @ConfigProperty(name = "consent.pages.link-requests.per-address", defaultValue = "3")
    int perAddress;

    @Inject
    @ConfigProperty(name = "consent.pages.link-requests.address-window", defaultValue = "PT1H")
    Duration addressWindow;

    @Inject
    @ConfigProperty(name = "consent.pages.link-requests.per-client", defaultValue = "20")
    int perClient;

    @Inject
    @ConfigProperty(name = "consent.pages.link-requests.client-window", defaultValue = "PT1H")
    Duration clientWindow;

    /** Addresses of the reverse proxies in front of the server, comma-separated (none: the peer is the client). */
    @Inject
    @ConfigProperty(name = "consent.pages.trusted-proxies", defaultValue = " ")
    String trustedProxies;

    /** The header those proxies name the client in. */
    @Inject
    @ConfigProperty(name = "consent.pages.client-address-header", defaultValue = "X-Forwarded-For")
    String clientHeader;

    private Budget addressBudget;
    private Budget clientBudget;
    private List<String> proxies;

    @PostConstruct
    void check() {
        try {
            addressBudget = new Budget(perAddress, addressWindow);
            clientBudget = new Budget(perClient, clientWindow);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("consent.pages.link-requests.* limits must be positive", e);
        }
        proxies = Arrays.stream(trustedProxies.split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .map(s -> s.toLowerCase(Locale.ROOT))
                .toList();
    }

    /** Counts one request; true when neither the address nor the client went over its limit. */
    public boolean allow(String normalizedEmail, HttpServletRequest request) {
        return counters.allow(normalizedEmail, client(request), clientBudget, addressBudget);
    }

    String client(HttpServletRequest request) {
        return client(Visitor.address(request), request.getHeader(clientHeader), proxies);
    }

    /** The client's address: the peer, or what a trusted proxy says the client is. */
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
