package eu.consent.eligibility;

import eu.consent.contact.EmailAddresses;
import eu.consent.contact.PhoneNumbers;
import java.util.regex.Pattern;

/** Who a decision is about: by contact id, normalized email or E.164 phone; {@code given} is what the caller wrote. */
public record Recipient(Kind kind, String value, String given) {

    /** How the recipient is named. */
    public enum Kind {
        CONTACT_ID("contactId", "id"),
        EMAIL("email", "email"),
        PHONE("phone", "phone");

        /** The field name in requests and answers. */
        public final String field;

        final String column;

        Kind(String field, String column) {
            this.field = field;
            this.column = column;
        }

        /** The kind whose request field is {@code field}, or null. */
        public static Kind of(String field) {
            for (Kind k : values()) {
                if (k.field.equals(field)) {
                    return k;
                }
            }
            return null;
        }
    }

    private static final Pattern UUID_FORM =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    /** Reads one identifier of a known kind; null when it is not valid (an unknown recipient can't be one). */
    public static Recipient of(Kind kind, String raw) {
        if (raw == null) {
            return null;
        }
        String value =
                switch (kind) {
                    case CONTACT_ID ->
                        UUID_FORM.matcher(raw.strip()).matches()
                                ? raw.strip().toLowerCase(java.util.Locale.ROOT)
                                : null;
                    case EMAIL -> EmailAddresses.normalizeOrNull(raw);
                    // The contacts' own reading (no country: international form only), so that every spelling it
                    // takes — tel:+33…, a full-width ＋, a no-break space copied from a page — names the same person
                    // here (until 2026-12-06 those were a 422 on decisions only).
                    case PHONE -> PhoneNumbers.toE164OrNull(raw, null);
                };
        return value == null ? null : new Recipient(kind, value, raw);
    }

    /** Guesses the kind of a bare identifier (a CSV cell): an @ is an email, a UUID an id, a + or digits a phone. */
    public static Recipient guess(String raw) {
        String s = cell(raw);
        if (s.indexOf('@') >= 0) {
            return of(Kind.EMAIL, s);
        }
        if (UUID_FORM.matcher(s).matches()) {
            return of(Kind.CONTACT_ID, s);
        }
        return of(Kind.PHONE, s);
    }

    /** A CSV line holding one cell: its value, without the spaces around it or the quotes a spreadsheet may add. */
    public static String cell(String line) {
        String s = line.strip();
        if (s.length() > 1 && s.startsWith("\"") && s.endsWith("\"")) {
            s = s.substring(1, s.length() - 1).strip();
        }
        return s;
    }
}
