package eu.consent.contact;

import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Email addresses and phone numbers written in free text: a comment, a line of an upload that could not be read. Such
 * text is kept for people to read, and an erasure finds a person by their identifiers' keyed hashes, never by searching
 * text: what cannot be found must not be kept.
 */
public final class IdentifiersInText {

    /** The {@code @} of an address as people write it: spaced, full-width, written out, or escaped as in a URL. */
    private static final String AT = "(?:\\s*[@\uFF20\uFE6B]\\s*|\\s*[(\\[{<]\\s*(?i:at|arobase)\\s*[)\\]}>]\\s*"
            + "|\\s+(?i:at|arobase)\\s+|%40|&#0*64;|&#[xX]0*40;|&commat;)";

    /** The dot of a domain as people write it: plain, written out, or escaped as in a URL. */
    private static final String DOT = "(?:\\.|\\s*[(\\[{<]\\s*(?i:dot|point)\\s*[)\\]}>]\\s*|\\s+(?i:dot)\\s+|%2[eE])";

    /**
     * An email address in text, as people type it into a comment too: spaces around its {@code @} ("jane @ example.com"),
     * the {@code @} written out ("jane (at) example.com", "jane [at] example.com", "jane at example dot com"), full-width
     * ({@code ＠}) or escaped ({@code %40}, {@code &#64;}), its dots written out ("example (dot) com"). Until 2026-12-06
     * only the plain spelling was masked, and until 2026-12-07 the written-out dots and the escapes were not, and were
     * shown to auditors as typed (tester BE's F2).
     */
    static final Pattern EMAIL =
            Pattern.compile("(?<![\\p{L}\\p{N}._%+-])[\\p{L}\\p{N}._%+-]+" + AT + "[\\p{L}\\p{N}-]+(?:" + DOT
                    + "[\\p{L}\\p{N}-]+)*" + DOT + "\\p{L}[\\p{L}\\p{N}-]*\\p{L}(?![\\p{L}\\p{N}])");

    /**
     * Characters that show nothing and may stand inside an address or a number (a soft hyphen a word processor puts in a
     * long word, a zero-width space, a word joiner, a byte-order mark): read as absent (BE's F1).
     */
    private static final Pattern INVISIBLE = Pattern.compile("[\\u00AD\\u200B\\u2060\\uFEFF]");

    /**
     * A phone number in text: nine digits or more, with the spaces, dots, dashes, slashes and brackets people put
     * between them, standing alone (a date of eight digits, a reference inside a word or an id, stays) and not running
     * into a time of day: {@code 2026-12-01 10:00:00Z} is a date and a time, which a rejected line must keep showing
     * (until 2026-12-06 it read {@code [phone]:00:00Z}). At most twenty digits, the longest number E.164 and its
     * prefixes allow: an unbounded repetition overflowed the stack on a run of 1,500 digits, and a comment holding one
     * failed every read of the comments feed (a 500). Between two digits up to three of: any space (the narrow no-break
     * space of French typography, a thin or figure space), a dot, a bracket, a slash, an underscore or any dash; until
     * 2026-12-07 only two of a plain or no-break space, a dot, a bracket or a hyphen, and {@code 01/42/68/53/00},
     * {@code 04 - 78 - 12 - 34 - 56} or {@code 06 98 76 54 32} grouped with U+202F were shown as typed (tester AZ's F4).
     */
    static final Pattern PHONE = Pattern.compile(
            "(?<![\\p{L}\\p{N}_-])[+(]?\\p{N}(?:[\\p{Zs}\\t\\r\\n.()/_\\p{Pd}\\u00B7\\u2022\\u2027\\u2219]{0,3}\\p{N}){8,19}"
                    + "(?![\\p{L}\\p{N}_]|\\p{Pd}[\\p{L}\\p{N}]|:\\p{N})");

    /**
     * A number run into a name's words ({@code crm-06-12-34-56-78}, {@code sms_0612345678}, {@code gw+33612345678}):
     * nine digits or more, whatever stands between them short of a letter, written as people write a number (a leading
     * {@code +}, or a {@code 0} of a national form or of {@code 00}), and not part of a longer run of letters and digits
     * (an id, a UUID), which names no one.
     */
    private static final Pattern NUMBER_IN_NAME = Pattern.compile(
            "(?:\\+|(?<![\\p{L}\\p{N}])(?=0))\\p{N}(?:[^\\p{L}\\p{N}]{0,3}\\p{N}){8,19}(?![\\p{L}\\p{N}])");

    /** What {@link #keeping} kept: the text, and the email and phone (normalized) it names, or nulls. */
    public record Kept(String text, String email, String phone) {}

    private IdentifiersInText() {}

    /** The text with every email address and phone number masked ({@code [email]}, {@code [phone]}). */
    public static String masked(String text) {
        String seen = INVISIBLE.matcher(text).replaceAll("");
        return PHONE.matcher(EMAIL.matcher(seen).replaceAll("[email]")).replaceAll("[phone]");
    }

    /**
     * Whether a name a client chose for a system (a suppression's {@code source}, an ESP event's {@code provider}) holds
     * an email address or a phone number: one {@link #masked} would mask, or a number run into the name's words
     * ({@link #NUMBER_IN_NAME}) that reads as a phone number, international or French. A name
     * goes into the audit, which no erasure changes, so it is refused where a comment would be masked; a run of digits
     * that is no number (a date and time, {@code batch-20261207-1030}) stays a name.
     */
    public static boolean holdsIdentifier(String name) {
        if (!masked(name).equals(name)) {
            return true;
        }
        Matcher m = NUMBER_IN_NAME.matcher(name);
        while (m.find()) {
            if (PhoneNumbers.toE164OrNull(m.group(), "FR") != null) {
                return true;
            }
        }
        return false;
    }

    /**
     * The text of a line whose fields were read, keeping the row's own email address and phone number ({@code email},
     * {@code phone}: normalized, null when the row has none), which the caller records by keyed hash so that an erasure
     * finds the text, and masking every other one: a number in an attribute next to an empty {@code phone} cell is
     * someone else's, or no one's (until 2026-12-07 it was taken as the row's own, kept readable and the line filed
     * under whoever held it: tester BA's F9).
     */
    public static Kept keeping(String text, String email, String phone, String country) {
        return keep(text, email, phone, country, false);
    }

    /**
     * The text of a line whose fields could not be read (a wrong number of cells, broken JSON), keeping its first email
     * address and its first phone number that can be read as such (an international number, or a national one of
     * {@code country}) as the row's own, and masking every other one.
     */
    public static Kept keepingFirst(String text, String country) {
        return keep(text, null, null, country, true);
    }

    private static Kept keep(String raw, String email, String phone, String country, boolean takeFirst) {
        String text = INVISIBLE.matcher(raw).replaceAll("");
        String[] keptEmail = {email};
        String withEmails = replace(EMAIL, text, found -> {
            String normalized = EmailAddresses.normalizeOrNull(found);
            if (normalized != null && keptEmail[0] == null && takeFirst) {
                keptEmail[0] = normalized;
            }
            return normalized != null && normalized.equals(keptEmail[0]) ? found : "[email]";
        });
        String[] keptPhone = {phone};
        String withPhones = replace(PHONE, withEmails, found -> {
            String e164 = PhoneNumbers.toE164OrNull(found, country);
            if (e164 != null && keptPhone[0] == null && takeFirst) {
                keptPhone[0] = e164;
            }
            return e164 != null && e164.equals(keptPhone[0]) ? found : "[phone]";
        });
        return new Kept(withPhones, keptEmail[0], keptPhone[0]);
    }

    private static String replace(Pattern pattern, String text, Function<String, String> replacement) {
        Matcher m = pattern.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(replacement.apply(m.group())));
        }
        m.appendTail(out);
        return out.toString();
    }
}
