package eu.consent.webhook;

import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/**
 * Delivers the webhook outbox: every poll interval it takes what is due, one attempt each, POSTs it with short timeouts
 * and no redirects, and records the answer. It runs on its own threads (one per subscription with something due),
 * never in a request.
 */
@ApplicationScoped
public class WebhookRelay {

    private static final Logger LOG = Logger.getLogger(WebhookRelay.class.getName());
    private static final int BATCH = 50;
    /** A worker goes on while it finds work, within this budget, rather than waiting for the next tick. */
    private static final long WORK_BUDGET_NANOS = 30_000_000_000L;

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService scheduler;

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ManagedExecutorService workers;

    @Inject
    Deliveries deliveries;

    @Inject
    WebhookSettings settings;

    private final Set<UUID> busy = ConcurrentHashMap.newKeySet();
    private long lastCleanup = System.nanoTime();
    private HttpClient client;
    private ScheduledFuture<?> task;

    public synchronized void start() {
        if (task == null) {
            client = HttpClient.newBuilder()
                    .connectTimeout(settings.connectTimeout())
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();
            long every = Math.max(50, settings.pollInterval().toMillis());
            task = scheduler.scheduleWithFixedDelay(this::relay, every, every, TimeUnit.MILLISECONDS);
        }
    }

    @PreDestroy
    synchronized void stop() {
        if (task != null) {
            task.cancel(false);
        }
    }

    /**
     * One tick: each subscription with something due and no worker yet gets one. A worker delivers its subscription's
     * messages until none is due (or its time budget is spent), so a slow receiver holds up only its own messages.
     */
    void relay() {
        try {
            if (System.nanoTime() - lastCleanup > settings.cleanupInterval().toNanos()) {
                lastCleanup = System.nanoTime();
                while (deliveries.forgetDelivered() == MessageChunks.SIZE) {
                    // a chunk per transaction, until what is left is less than one
                }
            }
            for (UUID subscription : deliveries.subscriptionsWithDue()) {
                if (busy.add(subscription)) {
                    try {
                        workers.execute(() -> work(subscription));
                    } catch (RuntimeException e) {
                        busy.remove(subscription);
                        throw e;
                    }
                }
            }
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "webhook relay pass failed; next pass in " + settings.pollInterval(), e);
        }
    }

    private void work(UUID subscription) {
        try {
            long start = System.nanoTime();
            int attempted;
            do {
                attempted = 0;
                for (WebhookMessage message : deliveries.dueFor(subscription, BATCH)) {
                    var request = deliveries.claim(message);
                    if (request.isPresent()) {
                        deliver(request.get());
                        attempted++;
                    }
                }
            } while (attempted > 0 && System.nanoTime() - start < WORK_BUDGET_NANOS);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "webhook delivery to subscription " + subscription + " failed; retried later", e);
        } finally {
            busy.remove(subscription);
        }
    }

    private void deliver(Deliveries.Request request) {
        long timestamp = Instant.now().getEpochSecond();
        List<String> secrets = request.secrets();
        String signature = secrets.stream()
                .map(secret -> Signature.sign(secret, request.webhookId(), timestamp, request.payload()))
                .collect(Collectors.joining(" "));
        HttpRequest post;
        try {
            post = HttpRequest.newBuilder(request.url())
                    .timeout(settings.timeout())
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "consent-service-webhooks")
                    .header("webhook-id", request.webhookId())
                    .header("webhook-timestamp", Long.toString(timestamp))
                    .header("webhook-signature", signature)
                    .POST(HttpRequest.BodyPublishers.ofString(request.payload()))
                    .build();
        } catch (IllegalArgumentException e) {
            // A URL the HTTP client will not send to (a port over 65535, from before the subscription's check): a
            // failed attempt like any other, shown in the deliveries and given up after the retry window, instead of
            // a warning in the log at each try for ever (until 2026-12-06).
            deliveries.failed(request.messageId(), null, 0, "the URL cannot be sent to: " + e.getMessage());
            return;
        }
        long start = System.nanoTime();
        // The whole answer within the timeout, its body too: the request's own timeout bounds the headers only, and a
        // receiver that sent "200" and a length and then nothing held the attempt, and every message of its
        // subscription behind it, for as long as it liked (minutes, until 2026-12-06).
        CompletableFuture<HttpResponse<Void>> sent = client.sendAsync(post, HttpResponse.BodyHandlers.discarding());
        try {
            HttpResponse<Void> answer = sent.get(settings.timeout().toMillis(), TimeUnit.MILLISECONDS);
            long millis = (System.nanoTime() - start) / 1_000_000;
            if (answer.statusCode() / 100 == 2) {
                deliveries.succeeded(request.messageId(), answer.statusCode(), millis);
            } else {
                deliveries.failed(request.messageId(), answer.statusCode(), millis, "HTTP " + answer.statusCode());
            }
        } catch (TimeoutException e) {
            sent.cancel(true);
            long millis = (System.nanoTime() - start) / 1_000_000;
            deliveries.failed(
                    request.messageId(),
                    null,
                    millis,
                    "no whole answer within " + settings.timeout().toMillis() + " ms");
        } catch (ExecutionException e) {
            long millis = (System.nanoTime() - start) / 1_000_000;
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof IllegalArgumentException) {
                // The client checks the port only when it sends (a port over 65535, saved before the subscription's
                // check).
                deliveries.failed(request.messageId(), null, 0, "the URL cannot be sent to: " + cause.getMessage());
            } else {
                String error = cause.getClass().getSimpleName()
                        + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
                deliveries.failed(request.messageId(), null, millis, error);
            }
        } catch (InterruptedException e) {
            sent.cancel(true);
            Thread.currentThread().interrupt();
        }
    }
}
