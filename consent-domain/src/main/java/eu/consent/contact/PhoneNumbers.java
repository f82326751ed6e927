package eu.consent.contact;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.PhoneNumberUtil.PhoneNumberFormat;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import eu.consent.shared.Violations;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Parses phone numbers with libphonenumber into E.164, the one form in which a number is stored and compared. */
public final class PhoneNumbers {

    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final String UNKNOWN_REGION = "ZZ";

    /** Why a number written with letters is refused. */
    public static final String LETTERS =
            "must be written in digits: letters (a keypad spelling, an extension) are not read";

    /** Why a number with an extension is refused: the extension would be dropped. */
    public static final String EXTENSION = "has an extension, which is not stored: give the number without it";

    private PhoneNumbers() {}

    /**
     * The E.164 form of {@code raw}, read in the national format of {@code country} when it has no leading {@code +};
     * null with a violation recorded on {@code field} when it is not a valid number. Every reading of a number in the
     * service comes through here (contacts, look-ups, decisions, suppressions, imports, text), so that one spelling
     * names one person everywhere.
     */
    public static String toE164(String raw, String country, String field, Violations violations) {
        if (raw == null || raw.isBlank()) {
            violations.add(field, "must not be empty");
            return null;
        }
        String text = spaced(raw).strip();
        if (hasLetters(text)) {
            violations.add(field, LETTERS);
            return null;
        }
        String region = country == null ? UNKNOWN_REGION : country;
        String french = "FR".equals(region) ? readFrenchNational(text) : null;
        if (french != null) {
            return french;
        }
        try {
            PhoneNumber number = UTIL.parse(text, region);
            if (number.hasExtension()) {
                violations.add(field, EXTENSION);
                return null;
            }
            if (!UTIL.isValidNumber(number) && !overseasBlock(number)) {
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
     * Any space separator (U+202F narrow no-break space of French typography, U+2009 thin space, U+2007 figure space,
     * U+3000 …) and tab read as a plain space: libphonenumber takes a plain and a no-break space between digits, not
     * those, and until 2026-12-07 a number grouped with them was refused by every endpoint (tester AZ's F5).
     */
    // Line breaks (a form's textarea wraps) and middle dots (06·12·34·56·78) are read as spaces too (tester BA's F7).
    private static final Pattern SPACES = Pattern.compile("[\\p{Zs}\\t\\r\\n\\u00B7\\u2022\\u2027\\u2219]");

    /** The separators a French national number is written with, dropped to read its ten digits. */
    private static final Pattern FRENCH_SEPARATORS = Pattern.compile("[ .()/\\u2010\\u2011-]");

    /** The scheme of a {@code tel:} URI, the one word a number may carry. */
    private static final Pattern TEL = Pattern.compile("^(?i:tel:)");

    /**
     * A number written in the French national form for a contact of France: an overseas department's under its own
     * calling code, as the Bloctel reader reads it ({@code 0692 12 03 94} is Réunion's {@code +262 692 12 03 94});
     * libphonenumber reads every {@code 0…} of region FR under +33, where {@code +33 692 …} is no number, and until
     * 2026-12-07 such a contact of country FR was refused (tester AZ's F3). Null for any other text.
     */
    private static String readFrenchNational(String text) {
        String digits = FRENCH_SEPARATORS.matcher(text).replaceAll("");
        return NATIONAL_DIGITS.matcher(digits).matches() ? frenchNationalToE164(digits) : null;
    }

    private static final Pattern NATIONAL_DIGITS = Pattern.compile("0[0-9]{9}");

    /** The text of a number with every space separator a plain space. */
    static String spaced(String raw) {
        return SPACES.matcher(raw).replaceAll(" ");
    }

    /**
     * Whether a number is written with letters (beyond a {@code tel:} scheme). libphonenumber reads three letters or more
     * as a keypad spelling (1-800-FLOWERS) and an {@code ext}, {@code x} or {@code poste} as an extension: until
     * 2026-12-07 a garbled {@code 06 1A BC DE FG} was stored as {@code +33612223334}, a stranger's number (tester AZ's
     * F1). A number is given in digits here, and its extension is not stored.
     */
    static boolean hasLetters(String text) {
        return TEL.matcher(text).replaceFirst("").codePoints().anyMatch(Character::isLetter);
    }

    /**
     * The E.164 form of {@code raw} for an endpoint that takes no country (a look-up, a suppression): a number without
     * its international prefix cannot be read, and the message says so without suggesting a country to send.
     */
    public static String toE164International(String raw, String field, Violations violations) {
        Violations own = new Violations();
        String e164 = toE164(raw, null, field, own);
        if (e164 == null && !own.isEmpty()) {
            String why = own.errors().get(0).message();
            violations.add(
                    field,
                    why.equals(LETTERS) || why.equals(EXTENSION)
                            ? why
                            : raw == null || raw.isBlank()
                                    ? "must not be empty"
                                    : raw.strip().startsWith("+")
                                            ? "is not a valid phone number"
                                            : "must be in international form: + and the calling code, e.g. +33612345678");
        }
        return e164;
    }

    /**
     * Why {@code raw} is no number when the reason is how it is written — letters ({@link #LETTERS}) or an extension
     * ({@link #EXTENSION}) — for an endpoint whose own message ("international form") would mislead; null otherwise.
     */
    public static String writtenAmiss(String raw) {
        Violations own = new Violations();
        if (raw == null || toE164(raw, null, "phone", own) != null || own.isEmpty()) {
            return null;
        }
        String why = own.errors().get(0).message();
        return why.equals(LETTERS) || why.equals(EXTENSION) ? why : null;
    }

    /**
     * The regions whose numbers France's national plan writes with a leading 0: metropolitan France, the overseas
     * departments and the collectivities that share their codes. A registry of French numbers (Bloctel) writes them all
     * in that national form.
     */
    private static final List<String> FRENCH_PLAN = List.of("FR", "RE", "YT", "GP", "MQ", "GF", "BL", "MF", "PM");

    /**
     * The overseas departments' blocks of the French national plan (ARCEP), by their first four digits, and the calling
     * code each is dialled under from abroad. libphonenumber alone cannot tell: it holds {@code 0696 74 …} valid both in
     * Guadeloupe and in Martinique.
     */
    private static final Map<String, String> OVERSEAS = Map.ofEntries(
            Map.entry("0262", "262"),
            Map.entry("0263", "262"),
            Map.entry("0692", "262"),
            Map.entry("0693", "262"),
            Map.entry("0269", "262"),
            Map.entry("0639", "262"),
            Map.entry("0590", "590"),
            Map.entry("0690", "590"),
            Map.entry("0691", "590"),
            Map.entry("0594", "594"),
            Map.entry("0694", "594"),
            Map.entry("0596", "596"),
            Map.entry("0696", "596"),
            Map.entry("0697", "596"));

    /**
     * The E.164 form of a number written in the French national form ({@code 0} and nine digits): an overseas
     * department's under its own calling code ({@code 0692 …} is Réunion's {@code +262 692 …}), any other under +33;
     * null when the result is no valid number.
     */
    public static String frenchNationalToE164(String national) {
        if (national.length() != 10 || national.charAt(0) != '0') {
            return null;
        }
        String code = OVERSEAS.getOrDefault(national.substring(0, 4), "33");
        String e164 = "+" + code + national.substring(1);
        try {
            PhoneNumber number = UTIL.parse(e164, UNKNOWN_REGION);
            // An overseas block is the department's whatever libphonenumber's ranges hold: read under +33, 0596 12 …
            // was stored as +33 5 96 …, a number nobody holds (tester BA's F5); a number of the right length is kept.
            return UTIL.isValidNumber(number) || overseasBlock(number) ? e164 : null;
        } catch (NumberParseException e) {
            return null;
        }
    }

    /**
     * Whether a number is one of an overseas department's blocks under that department's code, of the right length,
     * where libphonenumber holds no number yet ({@code +596 596 12 93 37}): read so from the national form (tester BA's
     * F5), it reads back so in the international form too.
     */
    private static boolean overseasBlock(PhoneNumber number) {
        String national = "0" + number.getNationalNumber();
        if (national.length() != 10) {
            return false;
        }
        String code = OVERSEAS.get(national.substring(0, 4));
        return code != null && code.equals(String.valueOf(number.getCountryCode())) && UTIL.isPossibleNumber(number);
    }

    /**
     * A number of the French plan as that plan writes it nationally ({@code 0692792320} for {@code +262692792320}), or
     * null for a number of another plan.
     */
    public static String frenchNational(String e164) {
        try {
            PhoneNumber number = UTIL.parse(e164, UNKNOWN_REGION);
            String region = UTIL.getRegionCodeForNumber(number);
            if (region == null || !FRENCH_PLAN.contains(region)) {
                return null;
            }
            String national = UTIL.getNationalSignificantNumber(number);
            return national.length() == 9 ? "0" + national : null;
        } catch (NumberParseException e) {
            return null;
        }
    }

    /** The E.164 form of a number, or null when it is not one; for look-ups, where a bad number simply matches no one. */
    public static String toE164OrNull(String raw, String country) {
        Violations ignored = new Violations();
        return toE164(raw, country, "phone", ignored);
    }
}
