package eu.consent.web.mail;

import eu.consent.mail.OutboxRelay;
import eu.consent.web.schema.SchemaMigrated;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

/** Starts relaying the mail outbox once its table exists (the schema migrated at start). */
@ApplicationScoped
public class OutboxRelayStartup {

    @Inject
    OutboxRelay relay;

    void onSchemaMigrated(@Observes SchemaMigrated migrated) {
        relay.start();
    }
}
