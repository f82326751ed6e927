package eu.consent.optout;

import eu.consent.shared.PlainText;

/** The optional reason and comment given when unsubscribing. */
public record Feedback(FeedbackReason reason, String comment) {

    public static final Feedback NONE = new Feedback(null, null);

    /**
     * The longest comment kept, in UTF-16 units as Derby's {@code VARCHAR(2000)} counts them; a character of two units
     * at the cut is left out whole, never cut in two.
     */
    public static final int MAX_COMMENT = 2000;

    public Feedback {
        if (comment != null) {
            // Its words without control characters but tab and line breaks, cut to the column (until 2026-12-07 they
            // were kept as typed, and a cut could split a character, tester AO's F3).
            comment = PlainText.cut(PlainText.withoutControls(comment, true).strip(), MAX_COMMENT);
            comment = comment.isEmpty() ? null : comment;
        }
    }

    public boolean isGiven() {
        return reason != null || comment != null;
    }
}
