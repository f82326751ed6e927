package eu.consent.web.health;

import eu.consent.mail.OutboxRelay;
import eu.consent.operations.ServiceMetrics;
import eu.consent.schema.SchemaMigrator;
import eu.consent.webhook.WebhookRelay;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.Initialized;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.SQLException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Migrates the schema while the application starts, before it takes any request (a failed migration fails the start
 * rather than serving from a half-built schema), then starts relaying the mail and webhook outboxes.
 */
@ApplicationScoped
public class SchemaStartup {

    private static final Logger LOG = Logger.getLogger(SchemaStartup.class.getName());

    @Resource(lookup = "jdbc/consent")
    DataSource dataSource;

    @Inject
    OutboxRelay relay;

    @Inject
    WebhookRelay webhookRelay;

    @Inject
    ServiceMetrics metrics;

    private volatile boolean migrated;

    void onStart(@Observes @Initialized(ApplicationScoped.class) Object event) throws SQLException {
        int applied = new SchemaMigrator(dataSource).migrate();
        migrated = true;
        relay.start();
        webhookRelay.start();
        metrics.start();
        LOG.info(() -> "schema up to date (" + applied + " migration(s) applied now)");
    }

    boolean isMigrated() {
        return migrated;
    }
}
