package eu.consent.web;

/** CSV cells: quoted when needed, and neutralized when a spreadsheet would read them as a formula. */
public final class Csv {

    private Csv() {}

    public static String cell(String value) {
        if (value == null) {
            return "";
        }
        String v = value;
        // And before an apostrophe, so that the import, which reads the cell without its first apostrophe, reads
        // back exactly what was written (a value starting with one is not taken for one neutralized).
        if (!v.isEmpty() && "=+-@\t\r'".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        return quoted(v);
    }

    /**
     * An identifier (an email address, a phone number) in a file for a machine that sends to it: written as it is,
     * quoted only when a separator or a quote needs it, never behind an apostrophe. An apostrophe is a legal
     * character of an address's local part, so {@code '-x@example.org} is another person, and an SMS platform reads
     * {@code '+33612345678} as no number (the outbound files, AD-F6; the re-permission list, AW-F3).
     */
    public static String identifier(String value) {
        return value == null ? "" : quoted(value);
    }

    // A semicolon too: French, German and Italian spreadsheets split CSV on it.
    private static String quoted(String v) {
        if (v.contains(",") || v.contains(";") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            return "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
