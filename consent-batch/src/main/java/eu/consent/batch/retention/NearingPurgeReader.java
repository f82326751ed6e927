package eu.consent.batch.retention;

import eu.consent.retention.RetentionService;
import eu.consent.retention.policy.RetentionPolicy;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

/** Contacts inside the re-permission window: last active between the purge cut-off and the flag cut-off. */
@Named
@Dependent
public class NearingPurgeReader extends IdReader {

    @Inject
    RetentionService retention;

    @Inject
    RetentionPolicy policy;

    @Inject
    Clock clock;

    @Override
    Position start() {
        Instant now = clock.instant();
        return new Position(
                RetentionPolicy.monthsBefore(now, policy.retentionMonths()),
                RetentionPolicy.monthsBefore(now, policy.reactivationMonths()),
                "");
    }

    @Override
    List<String> next(Position position, String afterId, int limit) {
        return retention.nearingPurgeAfter(position.cutoff(), position.secondCutoff(), afterId, limit);
    }
}
