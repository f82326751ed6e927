package eu.consent.web.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class QuerySyntaxTest {

    @Test
    void aPercentThatStartsNoEscapeIsFound() {
        assertEquals(-1, QuerySyntax.brokenEscape("email=a%40b.fr&lang=de"));
        assertEquals(-1, QuerySyntax.brokenEscape("x=%e9%C3%A9"));
        assertEquals(6, QuerySyntax.brokenEscape("limit=%ZZ"));
        assertEquals(10, QuerySyntax.brokenEscape("contactId=%"));
        assertEquals(2, QuerySyntax.brokenEscape("x=%4"));
        assertEquals(2, QuerySyntax.brokenEscape("zz%ZZ=1"));
        assertEquals(2, QuerySyntax.brokenEscape("x=%\u0661\u0662"), "Arabic-Indic digits are no hexadecimal digits");
    }

    @Test
    void theRepairWritesEachBrokenPercentAsItsOwnEscape() {
        assertEquals("lang=%25ZZ&x=%41", QuerySyntax.repaired("lang=%ZZ&x=%41"));
        assertEquals("a=%25", QuerySyntax.repaired("a=%"));
        assertEquals("a=b", QuerySyntax.repaired("a=b"));
    }
}
