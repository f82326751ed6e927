package eu.consent.web.pages;

import eu.consent.shared.Hashing;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Limits "send me my preference link" requests per address and per client, in fixed windows. In memory and per
 * server (a cluster of N servers lets N times as many through): enough against a mail bomb or a slow enumeration, and
 * it needs no table. Addresses are kept only as hashes; the table is bounded and a full table refuses (fails closed).
 */
@ApplicationScoped
public class LinkRequestLimiter {

    static final int MAX_ENTRIES = 100_000;

    @Inject
    Clock clock;

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

    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    /** A count of requests since {@code start}. */
    private record Window(Instant start, int count) {}

    @PostConstruct
    void check() {
        if (perAddress < 1 || perClient < 1 || addressWindow.isNegative() || clientWindow.isNegative()) {
            throw new IllegalStateException("consent.pages.link-requests.* limits must be positive");
        }
    }

    /** Counts one request; true when neither the address nor the client went over its limit. */
    public boolean allow(String normalizedEmail, String clientAddress) {
        Instant now = clock.instant();
        if (windows.size() >= MAX_ENTRIES) {
            windows.values().removeIf(w -> w.start().isBefore(now.minus(longest())));
            if (windows.size() >= MAX_ENTRIES) {
                return false;
            }
        }
        boolean client = count("c:" + clientAddress, now, clientWindow) <= perClient;
        boolean address = count("a:" + Hashing.sha256Hex(normalizedEmail), now, addressWindow) <= perAddress;
        return client && address;
    }

    private int count(String key, Instant now, Duration window) {
        return windows.compute(
                        key,
                        (k, w) -> w == null || !now.isBefore(w.start().plus(window))
                                ? new Window(now, 1)
                                : new Window(w.start(), w.count() + 1))
                .count();
    }

    private Duration longest() {
        return addressWindow.compareTo(clientWindow) >= 0 ? addressWindow : clientWindow;
    }
}
