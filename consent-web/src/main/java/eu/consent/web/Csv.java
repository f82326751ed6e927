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
        // A semicolon too: French, German and Italian spreadsheets split CSV on it.
        if (v.contains(",") || v.contains(";") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
            v = "\"" + v.replace("\"", "\"\"") + "\"";
        }
        return v;
    }
}
