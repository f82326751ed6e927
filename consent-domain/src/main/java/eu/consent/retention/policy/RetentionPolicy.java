package eu.consent.retention.policy;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.ZoneOffset;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The retention periods, in months from the last active interaction (or creation, if never active): the CNIL's three
 * years before purge, and a re-permission window that opens six months before.
 */
@ApplicationScoped
public class RetentionPolicy {

    @Inject
    @ConfigProperty(name = "consent.retention.months", defaultValue = "36")
    int retentionMonths;

    @Inject
    @ConfigProperty(name = "consent.reactivation.months", defaultValue = "30")
    int reactivationMonths;

    @Inject
    @ConfigProperty(name = "consent.pending.expiry-days", defaultValue = "7")
    int pendingExpiryDays;

    public int retentionMonths() {
        return retentionMonths;
    }

    public int reactivationMonths() {
        return reactivationMonths;
    }

    public int pendingExpiryDays() {
        return pendingExpiryDays;
    }

    /**
     * The instant before which a last act means the contact is past retention: the purge erases such a contact and,
     * until it runs, decisions refuse to prospect them (one date for both).
     */
    public Instant cutoff(Instant now) {
        return monthsBefore(now, retentionMonths);
    }

    /**
     * Whether a contact last active at {@code lastActiveAt} (null if never), created at {@code createdAt}, is past
     * retention at {@code cutoff}: the clock runs from the last act, or from creation for someone never active.
     */
    public static boolean isExpired(Instant lastActiveAt, Instant createdAt, Instant cutoff) {
        Instant last = lastActiveAt == null ? createdAt : lastActiveAt;
        return last != null && last.isBefore(cutoff);
    }

    /**
     * From when a contact last active at {@code last} is past retention ({@link #cutoff}'s inverse), as the re-permission
     * list says it: {@code last} plus the months, or, where that day does not exist in the month reached (a 29
     * February, a 31st), the start of the next day — the cut-off of a day before it lands on the month's last day, which
     * is still before {@code last}'s (until 2026-12-07 a person last active on 29 February 2024 was listed as purged
     * after 28 February 2027 at that hour, and dropped from the list while still mailable and unpurged until 1 March:
     * tester AY's F2).
     */
    public Instant expiresAt(Instant last) {
        Instant at = last.atOffset(ZoneOffset.UTC).plusMonths(retentionMonths).toInstant();
        return monthsBefore(at, retentionMonths).isBefore(last)
                ? at.atOffset(ZoneOffset.UTC)
                        .toLocalDate()
                        .plusDays(1)
                        .atStartOfDay(ZoneOffset.UTC)
                        .toInstant()
                : at;
    }

    /** The instant before which a last activity means purge, {@code months} calendar months before {@code now}. */
    public static Instant monthsBefore(Instant now, int months) {
        return now.atOffset(ZoneOffset.UTC).minusMonths(months).toInstant();
    }
}
