package eu.consent.contact;

import com.ibm.icu.text.IDNA;
import eu.consent.shared.Violations;
import java.util.Locale;

/**
 * Validates and normalizes email addresses: trimmed, lower-cased, the domain in its ASCII (punycode) form, so that
 * one mailbox has one spelling and uniqueness and suppression hashes hold.
 */
public final class EmailAddresses {

    static final int MAX_LENGTH = 254;
    private static final int MAX_LOCAL_LENGTH = 64;
    private static final int MAX_LABEL_LENGTH = 63;
    /**
     * Unicode domains to ASCII as browsers and registries do today (UTS #46, non-transitional: IDNA2008): {@code ß},
     * final sigma and the joiners stay themselves, so {@code straße.de} is {@code xn--strae-oqa.de}, the same domain
     * as its punycode spelling. The JDK's IDNA2003 turned it into {@code strasse.de}, another registrant's domain.
     */
    private static final IDNA UTS46 = IDNA.getUTS46Instance(IDNA.USE_STD3_RULES
            | IDNA.CHECK_BIDI
            | IDNA.CHECK_CONTEXTJ
            | IDNA.NONTRANSITIONAL_TO_ASCII
            | IDNA.NONTRANSITIONAL_TO_UNICODE);
    /** The characters of a local part besides letters, digits and dots (RFC 5322's atext). */
    private static final String LOCAL_SYMBOLS = "!#$%&'*+/=?^_`{|}~-";

    private EmailAddresses() {}

    /** The normalized address, or null with a violation recorded on {@code field}. */
    public static String normalize(String raw, String field, Violations violations) {
        Checked checked = check(raw);
        if (checked.problem() != null) {
            violations.add(field, checked.problem());
            return null;
        }
        return checked.address();
    }

    /** The normalized address, or null when it is not an address. */
    public static String normalizeOrNull(String raw) {
        return check(raw).address();
    }

    /** An address checked: normalized, or why it is not one. */
    private record Checked(String address, String problem) {
        static Checked problem(String why) {
            return new Checked(null, why);
        }
    }

    /**
     * Checks and normalizes in one pass, by hand rather than with regular expressions: a bulk decision checks every
     * line of its list, and the expressions were a sixth of its time.
     */
    private static Checked check(String raw) {
        if (raw == null || raw.isBlank()) {
            return Checked.problem("must not be empty");
        }
        String trimmed = trimmed(raw);
        if (trimmed.isEmpty()) {
            return Checked.problem("must not be empty");
        }
        if (trimmed.length() > MAX_LENGTH * 2) {
            return Checked.problem("is longer than " + MAX_LENGTH + " characters");
        }
        int at = trimmed.lastIndexOf('@');
        if (at < 0 || trimmed.indexOf('@') != at) {
            return Checked.problem("must contain exactly one @");
        }
        String local = trimmed.substring(0, at).toLowerCase(Locale.ROOT);
        if (local.isEmpty() || local.length() > MAX_LOCAL_LENGTH || !validLocal(local)) {
            return Checked.problem("has an invalid part before the @");
        }
        String domain = asciiDomain(trimmed.substring(at + 1));
        if (domain == null || !validDomain(domain)) {
            return Checked.problem("has an invalid domain");
        }
        if (local.length() + 1 + domain.length() > MAX_LENGTH) {
            return Checked.problem("is longer than " + MAX_LENGTH + " characters");
        }
        return new Checked(local + "@" + domain, null);
    }

    /**
     * The address without what surrounds it unseen: white space, and the spaces Java does not call white — a no-break
     * space (U+00A0, U+2007, U+202F), which a copy from a web page or a word processor leaves after an address —, a
     * zero-width space or a byte-order mark. Until 2026-12-07 a no-break space made the address a 422 everywhere, and
     * a provider list's line with one was refused (tester BB's F3).
     */
    static String trimmed(String raw) {
        int start = 0;
        int end = raw.length();
        while (start < end && unseen(raw.charAt(start))) {
            start++;
        }
        while (end > start && unseen(raw.charAt(end - 1))) {
            end--;
        }
        return raw.substring(start, end);
    }

    private static boolean unseen(char ch) {
        return Character.isWhitespace(ch) || Character.isSpaceChar(ch) || ch == '\u200B' || ch == '\uFEFF';
    }

    /** Dot-separated runs of atext: no dot first, last or next to another; letters already lower-cased. */
    private static boolean validLocal(String local) {
        boolean afterDot = true;
        for (int i = 0; i < local.length(); i++) {
            char ch = local.charAt(i);
            if (ch == '.') {
                if (afterDot) {
                    return false;
                }
                afterDot = true;
            } else if (lowerAlnum(ch) || LOCAL_SYMBOLS.indexOf(ch) >= 0) {
                afterDot = false;
            } else {
                return false;
            }
        }
        return !afterDot;
    }

    private static boolean lowerAlnum(char ch) {
        return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9');
    }

    private static String asciiDomain(String domain) {
        if (domain.isEmpty() || domain.endsWith(".")) {
            return null;
        }
        // A domain already in ASCII needs no IDN conversion (the common case, and the conversion is not cheap).
        if (asciiLdh(domain)) {
            return domain.toLowerCase(Locale.ROOT);
        }
        return idnToAscii(domain);
    }

    /** A Unicode domain in its ASCII form (UTS #46, non-transitional), lower-cased; null if it is not a domain. */
    static String idnToAscii(String domain) {
        StringBuilder ascii = new StringBuilder(domain.length() + 16);
        IDNA.Info info = new IDNA.Info();
        UTS46.nameToASCII(domain, ascii, info);
        return info.hasErrors() ? null : ascii.toString().toLowerCase(Locale.ROOT);
    }

    /** Only ASCII letters, digits, dots and hyphens. */
    private static boolean asciiLdh(String domain) {
        for (int i = 0; i < domain.length(); i++) {
            char ch = domain.charAt(i);
            if (!((ch >= 'a' && ch <= 'z')
                    || (ch >= 'A' && ch <= 'Z')
                    || (ch >= '0' && ch <= '9')
                    || ch == '.'
                    || ch == '-')) {
                return false;
            }
        }
        return true;
    }

    /**
     * At least two labels of 1 to 63 lower-case letters, digits and inner hyphens, the last one not all digits; 253
     * characters at most.
     */
    private static boolean validDomain(String domain) {
        if (domain.length() > 253) {
            return false;
        }
        int labels = 0;
        int start = 0;
        boolean lastNumeric = false;
        while (true) {
            int end = domain.indexOf('.', start);
            int stop = end < 0 ? domain.length() : end;
            if (!validLabel(domain, start, stop)) {
                return false;
            }
            labels++;
            if (end < 0) {
                lastNumeric = numeric(domain, start, stop);
                break;
            }
            start = end + 1;
        }
        return labels >= 2 && !lastNumeric;
    }

    private static boolean validLabel(String domain, int start, int stop) {
        int length = stop - start;
        if (length < 1 || length > MAX_LABEL_LENGTH) {
            return false;
        }
        if (!lowerAlnum(domain.charAt(start)) || !lowerAlnum(domain.charAt(stop - 1))) {
            return false;
        }
        for (int i = start + 1; i < stop - 1; i++) {
            char ch = domain.charAt(i);
            if (!lowerAlnum(ch) && ch != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean numeric(String domain, int start, int stop) {
        for (int i = start; i < stop; i++) {
            char ch = domain.charAt(i);
            if (ch < '0' || ch > '9') {
                return false;
            }
        }
        return stop > start;
    }
}
