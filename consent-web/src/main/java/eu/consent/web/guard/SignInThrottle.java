package eu.consent.web.guard;

import eu.consent.web.pages.ReverseProxies;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Slows password guessing at the console: after {@code consent.signin.max-failures} refused sign-ins of one user name
 * from one client within {@code consent.signin.window}, that client's next sign-ins as that user are refused (429)
 * until the window ends, the right password included, so a guess that happens to be right tells the guesser nothing.
 * Counted per client and user name, so a stranger cannot lock an operator out from elsewhere; per server, in memory (a
 * cluster of n servers allows n times as many guesses; no database write at each wrong password). Until 2026-12-07
 * about a hundred guesses a second went through (tester AO's F7). The API is left to the registry's own lockout (an
 * LDAP password policy): a system that retries with a stale password would otherwise lock out the right one, and its
 * answers are the contract's 401 and 200, never a 429.
 */
@ApplicationScoped
public class SignInThrottle {

    /** The most pairs kept; past it, pairs that refuse nothing yet are forgotten first. */
    static final int MAX_TRACKED = 10_000;

    @Inject
    @ConfigProperty(name = "consent.signin.max-failures", defaultValue = "5")
    int maxFailures;

    @Inject
    @ConfigProperty(name = "consent.signin.window", defaultValue = "PT15M")
    Duration window;

    @Inject
    ReverseProxies proxies;

    @Inject
    Clock clock;

    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    /** Refused sign-ins of one pair within a window that began at the first of them. */
    private record Failures(int count, long since) {}

    @PostConstruct
    void check() {
        if (maxFailures < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalStateException("consent.signin.max-failures and consent.signin.window must be positive");
        }
    }

    /** The seconds until this client may try this user name again, or 0 when it may now. */
    public long refusedFor(HttpServletRequest request, String user) {
        if (failures.isEmpty()) {
            return 0; // every request of a server nobody guesses on: one read of an empty map
        }
        Failures f = failures.get(key(request, user));
        long now = clock.millis();
        if (f == null || f.count() < maxFailures || now - f.since() >= window.toMillis()) {
            return 0;
        }
        return Math.max(1, (f.since() + window.toMillis() - now + 999) / 1000);
    }

    /** Counts a refused sign-in of {@code user} from this request's client. */
    public void failed(HttpServletRequest request, String user) {
        long now = clock.millis();
        if (failures.size() >= MAX_TRACKED) {
            failures.values().removeIf(f -> f.count() < maxFailures || now - f.since() >= window.toMillis());
        }
        failures.merge(
                key(request, user),
                new Failures(1, now),
                (old, one) ->
                        now - old.since() >= window.toMillis() ? one : new Failures(old.count() + 1, old.since()));
    }

    private String key(HttpServletRequest request, String user) {
        return proxies.client(request) + "\n" + String.valueOf(user).strip().toLowerCase(Locale.ROOT);
    }
}
