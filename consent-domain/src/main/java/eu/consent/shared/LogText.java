package eu.consent.shared;

/**
 * What a client typed, made fit for one line of the server log: control characters (a line break would start a line
 * that looks like the server's own) written as a backslash, a u and four hex digits, and at most {@link #MAX}
 * characters. Until 2026-12-07 a user name holding a line break wrote a forged line into {@code messages.log} (tester
 * AO's F1).
 */
public final class LogText {

    /** The most characters of a client's text a log line quotes. */
    public static final int MAX = 100;

    private LogText() {}

    public static String of(String typed) {
        if (typed == null) {
            return "null";
        }
        String shown = PlainText.cut(typed, MAX);
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < shown.length(); i++) {
            char c = shown.charAt(i);
            int type = Character.getType(c);
            // Format characters too: a bidi override would show the rest of the line reversed.
            if (Character.isISOControl(c)
                    || type == Character.FORMAT
                    || type == Character.LINE_SEPARATOR
                    || type == Character.PARAGRAPH_SEPARATOR) {
                line.append(String.format("\\u%04x", (int) c));
            } else {
                line.append(c);
            }
        }
        return shown.length() < typed.length() ? line.append("…").toString() : line.toString();
    }
}
