package eu.consent.operations;

import eu.consent.audit.AuditEntry;
import eu.consent.audit.Audited;
import eu.consent.eligibility.Rule;
import eu.consent.eligibility.Verdict;
import eu.consent.shared.Jsons;
import eu.consent.webhook.WebhookMessage;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * The service's own metrics, published at {@code /metrics} in Prometheus form. Decision counters are made once per
 * rule at start, so the hot path only increments; opt-outs and import rows are counted from the audit entries their
 * transactions write; backlogs are read from the database when scraped, each table once within 1.5 s (NaN when it cannot).
 */
@ApplicationScoped
public class ServiceMetrics {

    /** How long a scrape waits for the backlogs, from the start of their reading. */
    private static final long BACKLOG_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(1_500);

    private static final String[] IMPORT_OUTCOMES = {"imported", "updated", "rejected"};

    @Inject
    MetricRegistry registry;

    @Inject
    Backlogs backlogs;

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ManagedExecutorService readers;

    /** One reading of a table's backlogs: when it started, and its counts to come. */
    private record Reading<T>(long startedNanos, CompletableFuture<T> counts) {}

    /** The last reading started of each table: at most one per table waits for the database at a time. */
    private final AtomicReference<Reading<Backlogs.Mail>> mail = new AtomicReference<>();

    private final AtomicReference<Reading<Map<WebhookMessage.Status, Long>>> webhooks = new AtomicReference<>();

    private final Map<Rule, Counter> decisionsByRule = new EnumMap<>(Rule.class);
    private final Map<String, Counter> byTag = new ConcurrentHashMap<>();
    private Timer decisionTime;
    private Counter bulkAddresses;
    private Counter failedClosed;

    /** Registers every metric, so that all are published (at zero) from the start. */
    public void start() {
        for (Rule rule : Rule.values()) {
            decisionsByRule.put(
                    rule,
                    registry.counter(
                            meta("consent.decisions", "Decisions made, by the rule that decided"),
                            new Tag("rule", rule.name())));
        }
        decisionTime = registry.timer(Metadata.builder()
                .withName("consent.decision.duration")
                .withDescription("Time to answer one \"may I send?\" (single decisions)")
                .withUnit(MetricUnits.SECONDS)
                .build());
        bulkAddresses = registry.counter(meta("consent.bulk.addresses", "Addresses decided in bulk requests"));
        failedClosed = registry.counter(
                meta("consent.decisions.unavailable", "Decisions refused because the database could not answer"));
        for (String outcome : IMPORT_OUTCOMES) {
            importRows(outcome);
        }
        registry.gauge(
                meta("consent.mail.outbox.waiting", "Messages in the mail outbox not sent yet"),
                () -> backlog(mail, backlogs::mail, Backlogs.Mail::waiting));
        registry.gauge(
                meta("consent.mail.outbox.failing", "Unsent messages whose last attempt failed"),
                () -> backlog(mail, backlogs::mail, Backlogs.Mail::failing));
        for (WebhookMessage.Status status : WebhookMessage.Status.values()) {
            registry.gauge(
                    meta("consent.webhook.messages", "Webhook messages by status (PENDING is the backlog)"),
                    () -> backlog(webhooks, backlogs::webhooks, counts -> counts.get(status)),
                    new Tag("status", status.name()));
        }
    }

    /**
     * One backlog, read from the database and waited for until {@link #BACKLOG_WAIT_NANOS} after its reading started,
     * else NaN: the scrape must answer within Prometheus's timeout whatever the database does — a database that does
     * not answer is when the fail-closed counter matters. While a table's reading still waits for the database, its
     * gauges share it instead of starting another, so a scrape waits 1.5 s at most for each table, however slowly it
     * answers, and reads never pile up on the pool; a table that does not answer leaves the other's gauges as they are.
     * Until 2026-12-07 each gauge waited for a connection in turn, and a scrape during an outage took 50 s, so none
     * succeeded and the fail-closed alert could not fire (tester AS's F2); then each gauge waited 1.5 s on its own,
     * 7.5 s a scrape against a slow database, and two scrapes at once could both start reads (reviews 42 and 43).
     */
    private <T> double backlog(AtomicReference<Reading<T>> slot, Supplier<T> read, ToLongFunction<T> gauge) {
        Reading<T> current = slot.get();
        long now = System.nanoTime();
        if (current == null || current.counts().isDone()) {
            Reading<T> next = new Reading<>(now, new CompletableFuture<>());
            if (slot.compareAndSet(current, next)) {
                start(next, read);
                current = next;
            } else {
                current = slot.get();
            }
        }
        try {
            long left = current.startedNanos() + BACKLOG_WAIT_NANOS - now;
            return gauge.applyAsLong(current.counts().get(Math.max(0, left), TimeUnit.NANOSECONDS));
        } catch (TimeoutException | ExecutionException | RuntimeException e) {
            return Double.NaN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Double.NaN;
        }
    }

    private <T> void start(Reading<T> reading, Supplier<T> read) {
        try {
            readers.execute(() -> {
                try {
                    reading.counts().complete(read.get());
                } catch (RuntimeException e) {
                    reading.counts().completeExceptionally(e);
                }
            });
        } catch (RuntimeException e) {
            reading.counts().completeExceptionally(e);
        }
    }

    /** One single decision and the time it took. */
    public void decided(Verdict verdict, long nanos) {
        decisionsByRule.get(verdict.decision().rule()).inc();
        decisionTime.update(Duration.ofNanos(nanos));
    }

    /** The verdicts of one batch of a bulk request (null: a malformed line). */
    public void decidedInBulk(List<Verdict> verdicts) {
        long decided = 0;
        for (Verdict verdict : verdicts) {
            if (verdict != null) {
                decisionsByRule.get(verdict.decision().rule()).inc();
                decided++;
            }
        }
        bulkAddresses.inc(decided);
    }

    /** A decision that failed closed (database unavailable). */
    public void failedClosed() {
        failedClosed.inc();
    }

    /** A batch job run ended. */
    public void jobEnded(String job, String status, Duration took) {
        tagged("consent.job.runs", "Batch job runs by job and final status", "job", job, "status", status)
                .inc();
        registry.timer(
                        Metadata.builder()
                                .withName("consent.job.duration")
                                .withDescription("Duration of batch job runs")
                                .withUnit(MetricUnits.SECONDS)
                                .build(),
                        new Tag("job", job))
                .update(took);
    }

    /** Counted once the change committed: a rolled-back opt-out is no opt-out. */
    void onAudited(@Observes(during = TransactionPhase.AFTER_SUCCESS) Audited audited) {
        AuditEntry entry = audited.entry();
        switch (entry.action()) {
            case "OPT_OUT" ->
                tagged(
                                "consent.optouts",
                                "Opt-outs recorded, by source",
                                "source",
                                details(entry).getString("source", "UNKNOWN"))
                        // an import's entry lists the chunk's people who opted out alike: one each
                        .inc(audited.subjects().size());
            case "CONTACTS_IMPORTED" -> {
                JsonObject counts = details(entry);
                for (String outcome : IMPORT_OUTCOMES) {
                    importRows(outcome).inc(counts.getInt(outcome, 0));
                }
            }
            default -> {
                // other changes are not counted here
            }
        }
    }

    private Counter importRows(String outcome) {
        return tagged("consent.import.rows", "Import rows, by outcome", "outcome", outcome);
    }

    private Counter tagged(String name, String description, String... tags) {
        String key = name + String.join("|", tags);
        return byTag.computeIfAbsent(key, k -> {
            Tag[] t = new Tag[tags.length / 2];
            for (int i = 0; i < t.length; i++) {
                t[i] = new Tag(tags[2 * i], tags[2 * i + 1]);
            }
            return registry.counter(meta(name, description), t);
        });
    }

    private static Metadata meta(String name, String description) {
        return Metadata.builder().withName(name).withDescription(description).build();
    }

    private static JsonObject details(AuditEntry entry) {
        if (entry.details() == null) {
            return JsonObject.EMPTY_JSON_OBJECT;
        }
        try (var reader = Jsons.createReader(new StringReader(entry.details()))) {
            return reader.readObject();
        }
    }
}
