package eu.consent.suppression.sources;

import java.util.List;

/**
 * What an upload found: rows staged, rows refused (with the first reasons), and the diff it makes to the source's last
 * accepted snapshot, {@code current} entries (what the source holds once that one is applied). {@code renewals}: the
 * source's {@code UNSUBSCRIBED} entries that the upload dates later than they hold (the address unsubscribed again),
 * which its resync dates anew; neither an addition nor a removal, yet a change a consent given in between yields to.
 */
public record SnapshotReport(
        String source,
        long rows,
        long rejected,
        List<String> rejections,
        long additions,
        long removals,
        long renewals,
        long current) {}
