package eu.consent.optout;

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
            comment = text(comment).strip();
            if (comment.length() > MAX_COMMENT) {
                int end = Character.isHighSurrogate(comment.charAt(MAX_COMMENT - 1)) ? MAX_COMMENT - 1 : MAX_COMMENT;
                comment = comment.substring(0, end);
            }
            comment = comment.isEmpty() ? null : comment;
        }
    }

    /**
     * A comment as text: control characters other than tab and line breaks are left out (a NUL cannot be stored on
     * PostgreSQL, an escape sequence is no word for an auditor), and so is half a surrogate pair. Until 2026-12-07 they
     * were kept as typed, and a cut at 2,000 could split a character (tester AO's F3).
     */
    private static String text(String comment) {
        StringBuilder kept = new StringBuilder(comment.length());
        comment.codePoints()
                .filter(c -> c == '\t' || c == '\n' || c == '\r' || !Character.isISOControl(c))
                .filter(c -> c < Character.MIN_SURROGATE || c > Character.MAX_SURROGATE)
                .forEach(kept::appendCodePoint);
        return kept.toString();
    }

    public boolean isGiven() {
        return reason != null || comment != null;
    }
}
