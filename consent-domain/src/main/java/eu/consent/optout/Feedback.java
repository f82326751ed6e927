package eu.consent.optout;

/** The optional reason and comment given when unsubscribing. */
public record Feedback(FeedbackReason reason, String comment) {

    public static final Feedback NONE = new Feedback(null, null);

    public Feedback {
        if (comment != null) {
            comment = comment.strip();
            comment = comment.isEmpty() ? null : comment.substring(0, Math.min(comment.length(), 2000));
        }
    }

    public boolean isGiven() {
        return reason != null || comment != null;
    }
}
