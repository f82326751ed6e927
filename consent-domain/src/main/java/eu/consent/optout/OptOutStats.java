package eu.consent.optout;

import eu.consent.shared.InvalidInputException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Opt-out counts for charts, grouped by day (UTC), feedback reason, purpose or channel. */
@ApplicationScoped
public class OptOutStats {

    /** One bar of a chart. */
    public record Bucket(String key, long count) {}

    /** Groupings and the portable SQL expression of each (the server runs in UTC, so a DATE is a UTC day). */
    public enum By {
        DAY("CAST(occurred_at AS DATE)"),
        REASON("COALESCE(feedback_reason, 'NONE')"),
        PURPOSE("COALESCE(purpose_key, '*')"),
        CHANNEL("channel");

        final String expression;

        By(String expression) {
            this.expression = expression;
        }

        public static By of(String raw) {
            for (By by : values()) {
                if (by.name().equalsIgnoreCase(raw)) {
                    return by;
                }
            }
            throw new InvalidInputException("by", "must be one of day, reason, purpose, channel");
        }
    }

    @PersistenceContext(unitName = "consent")
    EntityManager em;

    /** Counts opt-outs in {@code [from, to)}. */
    public List<Bucket> count(Instant from, Instant to, By by) {
        if (!from.isBefore(to)) {
            throw new InvalidInputException("to", "must be after from");
        }
        @SuppressWarnings("unchecked")
        List<Object[]> rows = em.createNativeQuery("SELECT " + by.expression + ", COUNT(*) FROM opt_out"
                        + " WHERE occurred_at >= ? AND occurred_at < ? GROUP BY " + by.expression + " ORDER BY 1")
                .setParameter(1, Timestamp.from(from))
                .setParameter(2, Timestamp.from(to))
                .getResultList();
        List<Bucket> buckets = new ArrayList<>();
        for (Object[] row : rows) {
            buckets.add(new Bucket(String.valueOf(row[0]), ((Number) row[1]).longValue()));
        }
        return buckets;
    }
}
