package eu.consent.web.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** What reads as a media type, an Accept list or an Accept-Language list, and what is disregarded or refused. */
class HeaderSyntaxTest {

    @Test
    void aContentTypeIsOneMediaTypeWithParameters() {
        for (String ok : new String[] {
            "application/json",
            "application/json; charset=UTF-8",
            "application/merge-patch+json;charset=utf-8",
            "multipart/form-data; boundary=----WebKitFormBoundary7MA4YWxkTrZu0gW",
            "multipart/form-data; boundary=abc=def/ghi",
            "multipart/form-data; boundary=\"a;b, c\"",
            "text/csv;",
            " text/plain ",
            "application/json; q=0.5"
        }) {
            assertTrue(HeaderSyntax.mediaType(ok), ok);
        }
        for (String broken : new String[] {
            "garbage",
            "application/json, text/plain",
            "application/json; q=abc",
            "application/json; charset",
            "application/json; charset=",
            "application/",
            "/json",
            "application/json; x=\"unterminated",
            "application/json garbage",
            "",
            "application/*",
            "*/*",
            "*/json",
            "application/*; charset=utf-8"
        }) {
            assertFalse(HeaderSyntax.mediaType(broken), broken);
        }
    }

    @Test
    void aCharsetOtherThanUtf8IsForeign() {
        for (String utf8 : new String[] {
            "application/json",
            "application/json; charset=utf-8",
            "application/json;charset=UTF-8",
            "application/json; charset=\"utf-8\"",
            "application/json; charset=us-ascii",
            "text/csv; header=present",
            "multipart/form-data; boundary=charset=latin1"
        }) {
            assertFalse(HeaderSyntax.foreignCharset(utf8), utf8);
        }
        for (String foreign : new String[] {
            "application/json; charset=ISO-8859-1",
            "application/json;charset=windows-1252",
            "application/json; charset=bogus",
            "application/json; charset=\"latin1\"",
            "application/json; charset=UTF8",
            "text/csv; header=present; CHARSET=utf-16"
        }) {
            assertTrue(HeaderSyntax.foreignCharset(foreign), foreign);
        }
    }

    @Test
    void aWeightOfZeroIsFoundInAnyOfItsSpellings() {
        for (String zero : new String[] {
            "application/json;q=0", "text/html;q=0.9, */*;q=0", "application/json; Q=0.000, text/csv", "text/csv;q=0.0"
        }) {
            assertTrue(HeaderSyntax.hasZeroWeight(zero), zero);
        }
        for (String weighed : new String[] {
            "*/*", "application/json", "application/json;q=0.5", "text/csv;q=0.05, */*;q=0.001", "text/html;level=0"
        }) {
            assertFalse(HeaderSyntax.hasZeroWeight(weighed), weighed);
        }
    }

    @Test
    void aReadableAcceptIsKeptAsItIs() {
        for (String ok : new String[] {
            "*/*",
            "application/json",
            "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8",
            "application/problem+json",
            "text/*;q=0.3, text/html;q=0.7, text/html;level=1, text/html;level=2;q=0.4, */*;q=0.5",
            "application/json;q=1.000",
            "text/html;x=\"quoted; value\""
        }) {
            assertSame(ok, HeaderSyntax.accept(ok), ok);
        }
    }

    @Test
    void anAcceptThatCannotBeReadIsDisregarded() {
        for (String broken : new String[] {
            "garbage!!",
            "text/html;q=abc",
            "application/json;q=abc",
            "application/json;q=2",
            "application/json;q=0.5555",
            "*/json",
            "application/json;x=\"a,b\"",
            "text/html;charset",
            ",",
            " "
        }) {
            assertNull(HeaderSyntax.accept(broken), broken);
        }
    }

    @Test
    void emptyListElementsAreSkipped() {
        assertEquals("text/html", HeaderSyntax.accept("text/html, "));
        assertEquals("application/json, text/html", HeaderSyntax.accept(",application/json,,text/html"));
        assertEquals("fr", HeaderSyntax.acceptLanguage("fr,"));
    }

    @Test
    void anAcceptLanguageIsReadAsLanguageRanges() {
        for (String ok : new String[] {"fr-FR,fr;q=0.9,en;q=0.8,*;q=0.1", "de", "zh-Hant-TW", "en-US;q=1"}) {
            assertSame(ok, HeaderSyntax.acceptLanguage(ok), ok);
        }
        for (String broken : new String[] {";;;q=abc", "fr;q=abc", "en_US", "fr-", "verylonglanguage"}) {
            assertNull(HeaderSyntax.acceptLanguage(broken), broken);
        }
    }
}
