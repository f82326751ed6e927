package eu.consent.webhook;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The relay's schedule and limits, from server variables: how often it looks, how long it waits for a receiver, the
 * back-off between attempts and how long it keeps trying before it gives up and disables the subscription.
 */
@ApplicationScoped
public class WebhookSettings {

    @Inject
    @ConfigProperty(name = "consent.webhooks.allowed-hosts", defaultValue = "localhost,127.0.0.1,[::1]")
    String allowedHosts;

    @Inject
    @ConfigProperty(name = "consent.webhooks.poll-interval", defaultValue = "PT1S")
    Duration pollInterval;

    @Inject
    @ConfigProperty(name = "consent.webhooks.connect-timeout", defaultValue = "PT2S")
    Duration connectTimeout;

    @Inject
    @ConfigProperty(name = "consent.webhooks.timeout", defaultValue = "PT5S")
    Duration timeout;

    @Inject
    @ConfigProperty(name = "consent.webhooks.first-retry", defaultValue = "PT10S")
    Duration firstRetry;

    @Inject
    @ConfigProperty(name = "consent.webhooks.longest-retry", defaultValue = "PT1H")
    Duration longestRetry;

    /** At least a day by default: a receiver down over a weekend night still gets everything. */
    @Inject
    @ConfigProperty(name = "consent.webhooks.retry-window", defaultValue = "PT26H")
    Duration retryWindow;

    @Inject
    @ConfigProperty(name = "consent.webhooks.secret-overlap", defaultValue = "PT24H")
    Duration secretOverlap;

    /** How long delivered messages stay visible in {@code …/deliveries} before they are forgotten. */
    @Inject
    @ConfigProperty(name = "consent.webhooks.keep-delivered", defaultValue = "P7D")
    Duration keepDelivered;

    @Inject
    @ConfigProperty(name = "consent.webhooks.cleanup-interval", defaultValue = "PT1H")
    Duration cleanupInterval;

    public Duration cleanupInterval() {
        return cleanupInterval;
    }

    public Duration keepDelivered() {
        return keepDelivered;
    }

    public UrlGuard urlGuard() {
        return new UrlGuard(allowedHosts);
    }

    public Duration pollInterval() {
        return pollInterval;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration timeout() {
        return timeout;
    }

    public Duration retryWindow() {
        return retryWindow;
    }

    public Duration secretOverlap() {
        return secretOverlap;
    }

    /**
     * The wait before the attempt after {@code failedAttempts} failures: doubling from the first retry up to the
     * longest, plus up to a quarter more at random so that receivers coming back are not hit by every sender at once.
     */
    public Duration backoff(int failedAttempts) {
        long first = Math.max(1, firstRetry.toMillis());
        long base = Math.min(first << Math.min(Math.max(failedAttempts - 1, 0), 30), longestRetry.toMillis());
        return Duration.ofMillis(base + ThreadLocalRandom.current().nextLong(base / 4 + 1));
    }
}
