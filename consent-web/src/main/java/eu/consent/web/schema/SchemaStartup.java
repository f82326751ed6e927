package eu.consent.web.schema;

import eu.consent.consent.ConsentLedger;
import eu.consent.operations.ServiceMetrics;
import eu.consent.privacy.PrivacyService;
import eu.consent.schema.SchemaMigrator;
import eu.consent.webhook.WebhookRelay;
import eu.consent.webhook.Webhooks;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.SQLException;
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

    private volatile boolean migrated;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) throws SQLException {
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

    /** Runs a paged piece of start-up work (each call one transaction) until a page does nothing; how much it did. */
    private static long everyPage(java.util.function.IntSupplier page) {
        long done = 0;
        for (int n; (n = page.getAsInt()) > 0; ) {
            done += n;
        }
        return done;
    }
}
