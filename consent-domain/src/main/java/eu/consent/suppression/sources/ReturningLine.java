package eu.consent.suppression.sources;

import java.time.Duration;
import java.time.Instant;

/**
 * An undated line of a list that a recent snapshot left out and the next one lists again (a provider's export a few
 * lines short one night, under the guard) says nothing new: its entry holds from the moment the removed entry held
 * from, not from the resync that sees it again, so the person's own opt-in given in between still outweighs it (tester
 * AW's F9; until 2026-12-07 it was dated from the resync and closed that opt-in again). A line that returns after
 * {@link #REMEMBERED} is new: held from the resync, as any undated line.
 */
final class ReturningLine {

    /** How long a list's removed entry is remembered for a line that comes back. */
    static final Duration REMEMBERED = Duration.ofDays(30);

    private ReturningLine() {}

    /**
     * The moment an undated line's entry holds from: {@code heldFrom}, the removed entry's own, when it was removed
     * within {@link #REMEMBERED} before {@code now} (and is no later than {@code now}); else {@code now}.
     */
    static Instant holdsFrom(Instant heldFrom, Instant removedAt, Instant now) {
        if (heldFrom == null || removedAt == null || removedAt.isBefore(now.minus(REMEMBERED))) {
            return now;
        }
        return heldFrom.isAfter(now) ? now : heldFrom;
    }
}
