package eu.consent.suppression.sources.formats;

/**
 * The Bloctel file: one French number per line, national ({@code 06 12 34 56 78}, {@code 0612345678}) or
 * international ({@code +33612345678}, {@code 33612345678}); every number is on the do-not-call registry.
 */
final class Bloctel {

    private Bloctel() {}

    static String line(String raw) {
        String digits = raw.strip().replaceAll("[\\s.\\-()]", "");
        String international;
        if (digits.startsWith("+")) {
            international = digits;
        } else if (digits.startsWith("0033")) {
            international = "+" + digits.substring(2);
        } else if (digits.startsWith("33") && digits.length() == 11) {
            international = "+" + digits;
        } else if (digits.startsWith("0") && digits.length() == 10) {
            international = "+33" + digits.substring(1);
        } else {
            international = digits;
        }
        return SnapshotFormats.line(international, "DNC_REGISTRY", null);
    }

    /** A number as Bloctel files write it: national, ten digits, for a French number; international otherwise. */
    static String write(String e164) {
        return e164.startsWith("+33") && e164.length() == 12 ? "0" + e164.substring(3) : e164;
    }
}
