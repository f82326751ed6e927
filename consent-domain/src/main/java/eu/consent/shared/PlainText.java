package eu.consent.shared;

/**
 * Free text from outside (a comment typed on a page, a browser's name) made fit to keep: no control character (a NUL
 * cannot be stored on PostgreSQL, an escape sequence is no word) but, where asked, tab and line breaks; no half of a
 * surrogate pair; and cut to a column's width in UTF-16 units, never inside a character.
 */
public final class PlainText {

    private PlainText() {}

    /** {@code text} without control characters (tab, CR and LF kept when {@code lineBreaks}) nor lone surrogates. */
    public static String withoutControls(String text, boolean lineBreaks) {
        StringBuilder kept = new StringBuilder(text.length());
        text.codePoints()
                .filter(c -> !Character.isISOControl(c) || lineBreaks && (c == '\t' || c == '\n' || c == '\r'))
                .filter(c -> c < Character.MIN_SURROGATE || c > Character.MAX_SURROGATE)
                .forEach(kept::appendCodePoint);
        return kept.toString();
    }

    /** {@code text} cut to {@code max} UTF-16 units; a character of two units at the cut is left out whole. */
    public static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        return text.substring(0, Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max);
    }
}
