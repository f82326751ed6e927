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

    /** Why the start-up work failed for good after the database came back, or null. */
    private volatile String failure;

    /**
     * A database that does not answer does not fail the start: the server starts, not ready (the schema gate answers
     * 503 to everything but health and metrics), and does the work every {@link #RETRY_SECONDS} s until the database
     * answers. Until 2026-12-07 it failed the application's start, and the server, up but without its application,
     * answered 404 for good once the database was back while its liveness said UP (tester AS's F3). Any other
     * failure — a migration that cannot apply — still fails the start.
     */
    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) throws SQLException {
        try {
            startUp();
        } catch (SQLException | RuntimeException e) {
            if (!SqlStates.isUnreachable(e)) {
                throw e;
            }
            LOG.warning(() -> "the database does not answer (" + e.getMessage() + "): the server is not ready, and"
                    + " tries again every " + RETRY_SECONDS + " s");
            scheduler.schedule(this::retry, RETRY_SECONDS, TimeUnit.SECONDS);
        }
    }

    private void retry() {
        try {
            startUp();
            LOG.info("the database answers: the server is ready");
        } catch (SQLException | RuntimeException e) {
            if (SqlStates.isUnreachable(e)) {
                LOG.fine(() -> "the database still does not answer: " + e.getMessage());
                scheduler.schedule(this::retry, RETRY_SECONDS, TimeUnit.SECONDS);
            } else {
                failure = String.valueOf(e.getMessage());
                LOG.log(Level.SEVERE, "the start-up work failed once the database answered; the server is not live", e);
            }
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
        migrated = true;
        int sealed = webhooks.resealSecrets();
        if (sealed > 0) {
            LOG.info(() -> "webhook secrets of " + sealed + " subscription(s) sealed under the first key of the ring");
        }
        webhookRelay.start();
        metrics.start();
        LOG.info(() -> "schema up to date (" + applied + " migration(s) applied now)");
        migratedEvent.fire(new SchemaMigrated(applied));
    }

    public boolean isMigrated() {
        return migrated;
    }

    /** Why the start-up work failed for good (the server is then not live), or empty. */
    public java.util.Optional<String> failure() {
        return java.util.Optional.ofNullable(failure);
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
