package eu.consent.web.health;

import eu.consent.web.schema.SchemaStartup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Live while the application answers at all; a restart would not fix a database outage, so it is not checked here. Not
 * live when the start-up work, waiting for a database that did not answer at the start, failed for another reason
 * once it answered (a migration that cannot apply): a restart, with the operator's fix, is then what it needs.
 */
@Liveness
@ApplicationScoped
public class ProcessLiveness implements HealthCheck {

    @Inject
    SchemaStartup schema;

    @Override
    public HealthCheckResponse call() {
        return schema.failure()
                .map(why -> HealthCheckResponse.named("application")
                        .down()
                        .withData("startup", why)
                        .build())
                .orElseGet(() -> HealthCheckResponse.up("application"));
    }
}
