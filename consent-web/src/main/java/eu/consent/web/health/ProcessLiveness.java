package eu.consent.web.health;

import eu.consent.web.schema.SchemaStartup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Live while the application answers at all; a restart would not fix a database outage, so it is not checked here. Not
 * live when the start-up work failed for another reason than a database that does not answer (a migration that cannot
 * apply) or the nightly schedule could not be set: a restart, with the operator's fix, is then what it needs. The
 * cause is in the log under an incident id, never on this unauthenticated answer.
 */
@Liveness
@ApplicationScoped
public class ProcessLiveness implements HealthCheck {

    @Inject
    SchemaStartup schema;

    @Override
    public HealthCheckResponse call() {
        return schema.failure()
                .map(incident -> HealthCheckResponse.named("application")
                        .down()
                        .withData("startup", "the start-up work failed; see the server log, incident " + incident)
                        .build())
                .orElseGet(() -> HealthCheckResponse.up("application"));
    }
}
