package eu.consent.suppression.sources;

import java.time.Instant;
import java.util.Optional;

/**
 * SES keeps no "unsubscribed": our {@code ses} outbound file writes an unsubscribe as {@code COMPLAINT}, and SES's list
 * hands it back so the next night. Such a line is our own opt-out coming back, not a complaint the person made: it is
 * read as the unsubscribe it was, dated as ours, so that the person's own later opt-in still outweighs it (tester AW's
 * F5; until 2026-12-07 it became a complaint, which nothing lifts).
 */
final class SesEcho {

    private SesEcho() {}

    /**
     * The date a {@code COMPLAINT} line of an SES list is read from as an unsubscribe, or empty when it stays a
     * complaint. {@code ourUnsubscribe}: the latest of the address's unsubscribes from all mail that the SES file
     * carries (ours, or another list's), null if none, or if a complaint of the address is held outside this list
     * (then the line says what we hold). A line SES dates before that unsubscribe was on its list before we wrote it:
     * a complaint SES received, which stays one.
     */
    static Optional<Instant> unsubscribeEchoed(Instant lineDate, Instant ourUnsubscribe) {
        if (ourUnsubscribe == null || (lineDate != null && lineDate.isBefore(ourUnsubscribe))) {
            return Optional.empty();
        }
        return Optional.of(ourUnsubscribe);
    }
}
