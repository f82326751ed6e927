package eu.consent.web;

/** CSV cells: quoted when needed, and neutralized when a spreadsheet would read them as a formula. */
public final class Csv {

    private Csv() {}

    public static String cell(String value) {
        if (value == null) {
            return "";
        }
        String v = value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        // A semicolon too: French, German and Italian spreadsheets split CSV on it.
        if (v.contains(",") || v.contains(";") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            v = "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
