package eu.consent.web.mail;

import eu.consent.mail.OutboxRelay;
import eu.consent.web.schema.SchemaMigrated;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.BeforeDestroyed;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/**
 * Starts relaying the mail outbox once its table exists (the schema migrated at start), and stops it as soon as the
 * application begins to stop, before the persistence unit closes under a pass.
 */
@ApplicationScoped
public class OutboxRelayStartup {

    @Inject
    OutboxRelay relay;

    void onSchemaMigrated(@Observes SchemaMigrated migrated) {
        relay.start();
    }

    void onStopping(@Observes @BeforeDestroyed(ApplicationScoped.class) Object stopping) {
        relay.stop();
    }
}
