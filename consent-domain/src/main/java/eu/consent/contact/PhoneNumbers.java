package eu.consent.contact;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import eu.consent.shared.Violations;

/** Parses phone numbers with libphonenumber into E.164, the one form in which a number is stored and compared. */
public final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final String UNKNOWN_REGION = "ZZ";

    private PhoneNumbers() {}

    /**
     * The E.164 form of {@code raw}, read in the national format of {@code country} when it has no leading {@code +};
     * null with a violation recorded on {@code field} when it is not a valid number.
     */
    public static String toE164(String raw, String country, String field, Violations violations) {
        if (raw == null || raw.isBlank()) {
            violations.add(field, "must not be empty");
            return null;
        }
        String region = country == null ? UNKNOWN_REGION : country;
        try {
            PhoneNumber number = UTIL.parse(raw.strip(), region);
            if (!UTIL.isValidNumber(number)) {
                violations.add(field, "is not a valid phone number");
                return null;
            }
            return UTIL.format(number, PhoneNumberFormat.E164);
        } catch (NumberParseException e) {
            violations.add(
                    field,
                    e.getErrorType() == NumberParseException.ErrorType.INVALID_COUNTRY_CODE
                            ? "needs an international prefix (+) or a country to read it in"
                            : "is not a phone number");
            return null;
        }
    }

    /**
     * The E.164 form of {@code raw} for an endpoint that takes no country (a look-up, a suppression): a number without
     * its international prefix cannot be read, and the message says so without suggesting a country to send.
     */
    public static String toE164International(String raw, String field, Violations violations) {
        Violations own = new Violations();
        String e164 = toE164(raw, null, field, own);
        if (e164 == null && !own.isEmpty()) {
            violations.add(
                    field,
                    raw == null || raw.isBlank()
                            ? "must not be empty"
                            : raw.strip().startsWith("+")
                                    ? "is not a valid phone number"
                                    : "must be in international form: + and the calling code, e.g. +33612345678");
        }
        return e164;
    }

    /** The E.164 form of a number, or null when it is not one; for look-ups, where a bad number simply matches no one. */
    public static String toE164OrNull(String raw, String country) {
        Violations ignored = new Violations();
        return toE164(raw, country, "phone", ignored);
    }
}
