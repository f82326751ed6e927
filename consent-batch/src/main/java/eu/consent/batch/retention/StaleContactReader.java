package eu.consent.batch.retention;

import eu.consent.retention.RetentionService;
import eu.consent.retention.policy.RetentionPolicy;
import jakarta.batch.api.BatchProperty;
import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.time.Clock;
import java.util.List;

/** Contacts inactive (or, never active, created) before now minus the retention period. */
@Named
@Dependent
public class StaleContactReader extends IdReader {

    @Inject
    RetentionService retention;

    @Inject
    RetentionPolicy policy;

    @Inject
    Clock clock;

    @Inject
    @BatchProperty
    String retentionMonths;

    @Override
    Position start() {
        int months = retentionMonths == null || retentionMonths.isBlank()
                ? policy.retentionMonths()
                : Integer.parseInt(retentionMonths);
        return new Position(RetentionPolicy.monthsBefore(clock.instant(), months), null, "");
    }

    @Override
    List<String> next(Position position, String afterId, int limit) {
        return retention.staleAfter(position.cutoff(), afterId, limit);
    }
}
