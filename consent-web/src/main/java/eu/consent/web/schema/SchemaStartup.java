package eu.consent.web.schema;

import eu.consent.consent.ConsentLedger;
import eu.consent.operations.ServiceMetrics;
import eu.consent.privacy.PrivacyService;
import eu.consent.schema.SchemaMigrator;
import eu.consent.shared.SqlStates;
import eu.consent.webhook.WebhookRelay;
import eu.consent.webhook.Webhooks;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Migrates the schema while the application starts, before it takes any request (a failed migration fails the start
 * rather than serving from a half-built schema), folds again the consent states a migration marked (before a decision
 * reads them), then starts the webhook relay and the metrics, and announces {@link SchemaMigrated} to what else needs
 * the tables (the mail relay).
 */
@ApplicationScoped
public class SchemaStartup {

    private static final Logger LOG = Logger.getLogger(SchemaStartup.class.getName());

    @Resource(lookup = "jdbc/consent")
    DataSource dataSource;

    @Inject
    Event<SchemaMigrated> migratedEvent;

    @Inject
    WebhookRelay webhookRelay;

    @Inject
    Webhooks webhooks;

    @Inject
    ServiceMetrics metrics;

    @Inject
    ConsentLedger ledger;

    @Inject
    PrivacyService privacy;

    @Resource(lookup = "java:comp/DefaultManagedScheduledExecutorService")
    ManagedScheduledExecutorService scheduler;

    /** How long a server that started while its database did not answer waits before it tries again. */
    static final int RETRY_SECONDS = 10;

    private volatile boolean migrated;

    /** The incident under which the start-up work failed for good (logged with its cause), or null. */
    private volatile String failure;

    /** How long, in seconds, the start-up work has waited for the database so far. */
    private int waited;

    /**
     * A database that does not answer does not fail the start: the server starts, not ready (the {@link StartingGate}
     * answers 503), and does the work every {@link #RETRY_SECONDS} s until the database answers. Until 2026-12-07 it
     * failed the application's start, and the server, up but without its application, answered 404 for good once the
     * database was back while its liveness said UP (tester AS's F3). Any other failure — a migration that cannot apply
     * — leaves the gate closed for good and the server not live, with the cause in the log (review 42: it failed the
     * application's start, the same 404 and live UP).
     */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) {
        // First, and once: its counters take no database, and the decisions count into them from the first one.
        metrics.start();
        attempt(true);
    }

    private void attempt(boolean first) {
        try {
            startUp();
            if (!first) {
                LOG.info("the database answers: the server is ready");
            }
        } catch (SQLException | RuntimeException e) {
            if (!SqlStates.isUnreachable(e)) {
                String incident = UUID.randomUUID().toString();
                failure = incident;
                LOG.log(
                        Level.SEVERE,
                        "the start-up work failed (incident " + incident + "): the server stays not"
                                + " ready and not live until it is restarted with the cause mended",
                        e);
                return;
            }
            waited += RETRY_SECONDS;
            if (first || waited % 300 == 0) {
                LOG.warning(() -> "the database does not answer (" + e.getMessage() + "): the server is not ready,"
                        + " and tries again every " + RETRY_SECONDS + " s"
                        + (first ? "" : " (" + waited / 60 + " min so far)"));
            }
            scheduler.schedule(() -> attempt(false), RETRY_SECONDS, TimeUnit.SECONDS);
        }
    }

    private void startUp() throws SQLException {
        int applied = new SchemaMigrator(dataSource).migrate();
        long rederived = everyPage(ledger::rederiveMarked);
        if (rederived > 0) {
            long folded = rederived;
            LOG.info(() -> folded + " consent state(s) folded again under the current derivation");
        }
        long marked = everyPage(privacy::markPostForEarlierErasures);
        if (marked > 0) {
            long given = marked;
            LOG.info(() -> given + " identifier(s) of people erased earlier given their ERASED mark on post");
        }
        int sealed = webhooks.resealSecrets();
        if (sealed > 0) {
            LOG.info(() -> "webhook secrets of " + sealed + " subscription(s) sealed under the first key of the ring");
        }
        webhookRelay.start();
        LOG.info(() -> "schema up to date (" + applied + " migration(s) applied now)");
        migratedEvent.fire(new SchemaMigrated(applied));
        // Last: the gate opens once everything the requests rely on is done (review 42).
        migrated = true;
    }

    public boolean isMigrated() {
        return migrated;
    }

    /**
     * The incident under which the start-up work, or the nightly schedule's check, failed for good (the server is then
     * not live), or empty.
     */
    public Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    /** The nightly schedule could not be set, for another reason than a database that does not answer. */
    public void failed(String incident) {
        failure = incident;
    }

    /** Runs a paged piece of start-up work (each call one transaction) until a page does nothing; how much it did. */
    private static long everyPage(java.util.function.IntSupplier page) {
        long done = 0;
        for (int n; (n = page.getAsInt()) > 0; ) {
            done += n;
        }
        return done;
    }
}
