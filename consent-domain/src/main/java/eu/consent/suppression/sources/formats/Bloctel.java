package eu.consent.suppression.sources.formats;

import eu.consent.contact.PhoneNumbers;

/**
 * The Bloctel file: one French number per line, national ({@code 06 12 34 56 78}, {@code 0612345678}) or
 * international ({@code +33612345678}, {@code 33612345678}); every number is on the do-not-call registry. The national
 * form covers the overseas departments too ({@code 0692 …} is Réunion's {@code +262 692 …}: until 2026-12-06 each was
 * read as {@code +33 692 …}, no number, and refused, so that the person on the registry stayed callable). A line may
 * come from a spreadsheet: quoted, ended by a separator, its groups set apart by no-break spaces or slashes.
 */
final class Bloctel {

    private Bloctel() {}

    static String line(String raw) {
        String digits = raw.strip()
                .replaceAll("[\\s\\u00a0\\u2007\\u202f.\\-()/\"']", "")
                .replaceAll("[;,]+$", "");
        String international;
        if (digits.startsWith("+")) {
            international = digits;
        } else if (digits.startsWith("00")) {
            // 0033 6…, 00262 692…: the international form with its prefix for dialling out
            international = "+" + digits.substring(2);
        } else if (!digits.startsWith("0") && digits.length() >= 11 && digits.length() <= 15) {
            // 33 6…, 262 692…: the international form without its +
            international = "+" + digits;
        } else if (digits.startsWith("0") && digits.length() == 10) {
            String e164 = PhoneNumbers.frenchNationalToE164(digits);
            international = e164 != null ? e164 : "+33" + digits.substring(1);
        } else {
            international = digits;
        }
        return SnapshotFormats.line(international, "DNC_REGISTRY", null);
    }

    /**
     * A number as Bloctel files write it: national, ten digits, for a number of the French plan (overseas departments
     * included); international otherwise.
     */
    static String write(String e164) {
        String national = PhoneNumbers.frenchNational(e164);
        return national != null ? national : e164;
    }
}
