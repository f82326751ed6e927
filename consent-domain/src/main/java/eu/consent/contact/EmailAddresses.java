package eu.consent.contact;

import eu.consent.shared.Violations;
import java.net.IDN;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Validates and normalizes email addresses: trimmed, lower-cased, the domain in its ASCII (punycode) form, so that
 * one mailbox has one spelling and uniqueness and suppression hashes hold.
 */
public final class EmailAddresses {

    static final int MAX_LENGTH = 254;
    private static final int MAX_LOCAL_LENGTH = 64;
    private static final Pattern LOCAL_PART =
            Pattern.compile("[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?");
    private static final Pattern NUMERIC = Pattern.compile("[0-9]+");
    /** A domain already in ASCII needs no IDN conversion (the common case, and IDN.toASCII is not cheap). */
    private static final Pattern ASCII_DOMAIN = Pattern.compile("[A-Za-z0-9.-]+");

    private EmailAddresses() {}

    /** The normalized address, or null with a violation recorded on {@code field}. */
    public static String normalize(String raw, String field, Violations violations) {
        String error = problem(raw);
        if (error != null) {
            violations.add(field, error);
            return null;
        }
        return normalizeValid(raw);
    }

    /** The normalized address of a value already known to be valid, or null when it is not an address. */
    public static String normalizeOrNull(String raw) {
        return problem(raw) == null ? normalizeValid(raw) : null;
    }

    private static String normalizeValid(String raw) {
        String trimmed = raw.strip();
        int at = trimmed.lastIndexOf('@');
        return trimmed.substring(0, at).toLowerCase(Locale.ROOT) + "@" + asciiDomain(trimmed.substring(at + 1));
    }

    private static String problem(String raw) {
        if (raw == null || raw.isBlank()) {
            return "must not be empty";
        }
        String trimmed = raw.strip();
        if (trimmed.length() > MAX_LENGTH * 2) {
            return "is longer than " + MAX_LENGTH + " characters";
        }
        int at = trimmed.lastIndexOf('@');
        if (at < 0 || trimmed.indexOf('@') != at) {
            return "must contain exactly one @";
        }
        String local = trimmed.substring(0, at).toLowerCase(Locale.ROOT);
        if (local.isEmpty()
                || local.length() > MAX_LOCAL_LENGTH
                || !LOCAL_PART.matcher(local).matches()) {
            return "has an invalid part before the @";
        }
        String domain = asciiDomain(trimmed.substring(at + 1));
        if (domain == null || !validDomain(domain)) {
            return "has an invalid domain";
        }
        if (local.length() + 1 + domain.length() > MAX_LENGTH) {
            return "is longer than " + MAX_LENGTH + " characters";
        }
        return null;
    }

    private static String asciiDomain(String domain) {
        if (domain.isEmpty() || domain.endsWith(".")) {
            return null;
        }
        if (ASCII_DOMAIN.matcher(domain).matches()) {
            return domain.toLowerCase(Locale.ROOT);
        }
        try {
            return IDN.toASCII(domain, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static boolean validDomain(String domain) {
        if (domain.length() > 253) {
            return false;
        }
        String[] labels = domain.split("\\.", -1);
        if (labels.length < 2) {
            return false;
        }
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                return false;
            }
        }
        return !NUMERIC.matcher(labels[labels.length - 1]).matches();
    }
}
