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
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Metadata;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.MetricUnits;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

/**
 * The service's own metrics, published at {@code /metrics} in Prometheus form. Decision counters are made once per
 * rule at start, so the hot path only increments; opt-outs and import rows are counted from the audit entries their
 * transactions write; backlogs are read from the database when scraped, each within 1.5 s (NaN when it cannot).
 */
@ApplicationScoped
public class ServiceMetrics {

    @Inject
    MetricRegistry registry;

    @Inject
    Backlogs backlogs;

    @Resource(lookup = "java:comp/DefaultManagedExecutorService")
    ManagedExecutorService readers;

    /** How long a scrape waits for one backlog's count. */
    private static final long BACKLOG_WAIT_MILLIS = 1_500;

    /** A backlog read that outlived its wait, still waiting for the database. */
    private volatile Future<?> hanging;

    private static final String[] IMPORT_OUTCOMES = {"imported", "updated", "rejected"};

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
                () -> bounded(backlogs::mailWaiting));
        registry.gauge(
                meta("consent.mail.outbox.failing", "Unsent messages whose last attempt failed"),
                () -> bounded(backlogs::mailFailing));
        for (WebhookMessage.Status status : WebhookMessage.Status.values()) {
            registry.gauge(
                    meta("consent.webhook.messages", "Webhook messages by status (PENDING is the backlog)"),
                    () -> bounded(() -> backlogs.webhooks(status)),
                    new Tag("status", status.name()));
        }
    }

    /**
     * A backlog read from the database within {@link #BACKLOG_WAIT_MILLIS}, else NaN at once (the five gauges take
     * 7.5 s at most, however slowly the database answers): the scrape must answer
     * within Prometheus's timeout whatever the database does — a database that does not answer is when the
     * fail-closed counter matters. Until 2026-12-07 each gauge waited for a connection in turn, and a scrape during
     * an outage took 50 s, so none succeeded and the fail-closed alert could not fire (tester AS's F2). While a read
     * still waits for the database, the next ones do not queue behind it.
     */
    private double bounded(Callable<Long> read) {
        Future<?> waiting = hanging;
        if (waiting != null && !waiting.isDone()) {
            return Double.NaN;
        }
        Future<Long> reading = readers.submit(read);
        try {
            return reading.get(BACKLOG_WAIT_MILLIS, TimeUnit.MILLISECONDS).doubleValue();
        } catch (TimeoutException e) {
            hanging = reading;
            return Double.NaN;
        } catch (ExecutionException | RuntimeException e) {
            return Double.NaN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Double.NaN;
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
