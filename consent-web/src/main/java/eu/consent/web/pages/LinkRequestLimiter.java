package eu.consent.web.pages;

import eu.consent.preference.LinkRequestCounters;
import eu.consent.preference.LinkRequestCounters.Budget;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Limits "send me my preference link" requests per address and per client, with counters in the database (shared by
 * every server, nothing kept in memory). The client is the one {@link ReverseProxies#client} names.
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

    @Inject
    ReverseProxies proxies;

    private Budget addressBudget;
    private Budget clientBudget;

    @PostConstruct
    void check() {
        try {
            addressBudget = new Budget(perAddress, addressWindow);
            clientBudget = new Budget(perClient, clientWindow);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("consent.pages.link-requests.* limits must be positive", e);
        }
    }

    /** Counts one request; true when neither the address nor the client went over its limit. */
    public boolean allow(String normalizedEmail, HttpServletRequest request) {
        return counters.allow(normalizedEmail, proxies.client(request), clientBudget, addressBudget);
    }
}
