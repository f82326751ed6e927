package eu.consent.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CsvTest {

    @Test
    void aFormulaAndAnApostropheAreWrittenBehindAnApostropheAndSeparatorsQuoted() {
        assertEquals("'=SUM(A1)", Csv.cell("=SUM(A1)"));
        assertEquals("'-o@example.org", Csv.cell("-o@example.org"));
        assertEquals("''-o@example.org", Csv.cell("'-o@example.org"), "not to be read back as -o@example.org");
        assertEquals("''abc", Csv.cell("'abc"));
        assertEquals("\"a;b\"", Csv.cell("a;b"));
        assertEquals("\"'=a,b\"\"c\"", Csv.cell("=a,b\"c"));
        assertEquals("", Csv.cell(null));
        assertEquals("plain", Csv.cell("plain"));
    }

    @Test
    void anIdentifierIsWrittenAsItIsAndQuotedOnlyWhereASeparatorNeedsIt() {
        assertEquals("+33612345678", Csv.identifier("+33612345678"));
        assertEquals("-o@example.org", Csv.identifier("-o@example.org"));
        assertEquals("=cmd|'/ccalc'!a0+o@example.org", Csv.identifier("=cmd|'/ccalc'!a0+o@example.org"));
        assertEquals("@o@example.org", Csv.identifier("@o@example.org"));
        assertEquals("'o@example.org", Csv.identifier("'o@example.org"), "an apostrophe of the address is its own");
        assertEquals("\"\"\"a,b\"\"@example.org\"", Csv.identifier("\"a,b\"@example.org"));
        assertEquals("", Csv.identifier(null));
    }
}
