package eu.consent.web.health;

import eu.consent.web.schema.SchemaStartup;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only when the schema is migrated and the database answers now: no decision is served without it. */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements HealthCheck {

    private static final int TIMEOUT_SECONDS = 2;

    @Resource(lookup = "jdbc/consent")
    DataSource dataSource;

    @Inject
    SchemaStartup schema;

    @Override
    public HealthCheckResponse call() {
        boolean up;
        try (Connection c = dataSource.getConnection()) {
            up = schema.isMigrated() && c.isValid(TIMEOUT_SECONDS);
        } catch (SQLException e) {
            up = false;
        }
        return HealthCheckResponse.named("database").status(up).build();
    }
}
