package eu.consent.batch.retention;

import eu.consent.retention.RetentionService;
import eu.consent.retention.policy.RetentionPolicy;
import jakarta.batch.api.BatchProperty;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** Contacts with a double opt-in pending for longer than the expiry period. */
@Named
@Dependent
public class PendingReader extends IdReader {

    @Inject
    RetentionService retention;

    @Inject
    RetentionPolicy policy;

    @Inject
    Clock clock;

    @Inject
    @BatchProperty
    String expiryDays;

    @Override
    Position start() {
        int days =
                expiryDays == null || expiryDays.isBlank() ? policy.pendingExpiryDays() : Integer.parseInt(expiryDays);
        return new Position(clock.instant().minus(Duration.ofDays(days)), null, "");
    }

    @Override
    List<String> next(Position position, String afterId, int limit) {
        return retention.pendingBefore(position.cutoff(), afterId, limit);
    }
}
