package eu.consent.purpose;

import java.util.Objects;

/**
 * The command to publish the next version of a purpose's notice in one locale: a normalized language tag and the
 * wording shown to the person. Typed and checked by the web layer's request; whether the purpose exists is the
 * service's check.
 */
public record PublishNotice(String locale, String text) {

    static final int MAX_TEXT_LENGTH = 32_000;

    /** The text's rule, as its field error says it. */
    public static final String TEXT_RULE = "must be 1 to " + MAX_TEXT_LENGTH + " characters";

    public PublishNotice {
        Objects.requireNonNull(locale, "locale");
        if (!isWellFormedText(text)) {
            throw new IllegalArgumentException("text " + TEXT_RULE);
        }
    }

    /** Whether {@code text} may be a notice's wording: not blank, not longer than the column holds. */
    public static boolean isWellFormedText(String text) {
        return text != null && !text.isBlank() && text.length() <= MAX_TEXT_LENGTH;
    }
}
