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

    @Test
    void aCharacterThatMayNotStandUnescapedIsFoundAndTheRepairEscapesIt() {
        assertEquals(-1, QuerySyntax.illegal("email=a%40b.fr&lang=de&x=[1]&y=\u00e9", false));
        assertEquals(17, QuerySyntax.illegal("utm_campaign=nl|dec", false) + 2);
        assertEquals(2, QuerySyntax.illegal("x={1}", false));
        assertEquals(2, QuerySyntax.illegal("x=\u0091", false), "a C1 control, as a UTF-8 byte read as Latin-1");
        assertEquals(2, QuerySyntax.illegal("x=\u00a0", false), "a no-break space");
        assertEquals(-1, QuerySyntax.illegal("/api/v1/contacts/\u00e9", true));
        assertEquals(18, QuerySyntax.illegal("/api/v1/contacts/a[b]", true), "brackets are no path characters");
        assertEquals(
                "utm=nl%7Cdec&x=%7B1%7D&y=%5E%60%22%3C%3E%5C", QuerySyntax.repaired("utm=nl|dec&x={1}&y=^`\"<>\\"));
        assertEquals("a=%25&b=%7C", QuerySyntax.repaired("a=%&b=|"));
        assertEquals("x=%E2%80%A8", QuerySyntax.repaired("x=\u2028"), "above Latin-1, the UTF-8 bytes");
        assertEquals("/unsubscribe/a%7Cb%5B%5D", QuerySyntax.repairedPath("/unsubscribe/a|b[]"));
        assertEquals(
                "the query string cannot be read: the character '|' (U+007C) at position 3 may not stand there"
                        + " unescaped (write it %7C)",
                QuerySyntax.unescaped("x=|", 2, false));
        assertEquals(
                "the path cannot be read: the character (U+0009) at position 2 may not stand there unescaped (write it"
                        + " %09)",
                QuerySyntax.unescaped("/\t", 1, true));
    }
}
