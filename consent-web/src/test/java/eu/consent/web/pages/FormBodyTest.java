package eu.consent.web.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.core.MultivaluedMap;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The one-click body in both encodings RFC 8058 allows, a form with feedback, and what is refused or ignored. */
class FormBodyTest {

    private static MultivaluedMap<String, String> read(String type, String body) {
        return FormBody.read(type, new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsTheOneClickUrlEncodedOrWithoutAType() {
        assertEquals(
                "One-Click",
                read("application/x-www-form-urlencoded", "List-Unsubscribe=One-Click")
                        .getFirst("List-Unsubscribe"));
        assertEquals("One-Click", read(null, "List-Unsubscribe=One-Click\r\n").getFirst("List-Unsubscribe"));
    }

    @Test
    void readsTheOneClickAsMultipartWhateverTheLineEndsAndQuotes() {
        String crlf =
                "--XyZ\r\nContent-Disposition: form-data; name=\"List-Unsubscribe\"\r\n\r\nOne-Click\r\n--XyZ--\r\n";
        assertEquals(
                "One-Click", read("multipart/form-data; boundary=XyZ", crlf).getFirst("List-Unsubscribe"));
        String lf = "preamble\n--b\ncontent-disposition: form-data; name=List-Unsubscribe\n\nOne-Click\n--b--";
        assertEquals(
                "One-Click",
                read("Multipart/Form-Data; charset=utf-8; boundary=\"b\"", lf).getFirst("List-Unsubscribe"));
    }

    @Test
    void readsReasonAndCommentInBothEncodingsInUtf8() {
        MultivaluedMap<String, String> url =
                read("application/x-www-form-urlencoded", "reason=TOO_FREQUENT&comment=trop+souvent+%C3%A9t%C3%A9");
        assertEquals("TOO_FREQUENT", url.getFirst("reason"));
        assertEquals("trop souvent été", url.getFirst("comment"));
        String multipart = "--B\r\nContent-Disposition: form-data; name=\"reason\"\r\n\r\nOTHER\r\n"
                + "--B\r\nContent-Disposition: form-data; name=\"comment\"\r\nContent-Type: text/plain; charset=UTF-8"
                + "\r\n\r\nZu oft, à bientôt\r\nzwei Zeilen\r\n"
                + "--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"x.txt\"\r\n\r\nignored\r\n--B--\r\n";
        MultivaluedMap<String, String> parts = read("multipart/form-data; boundary=B", multipart);
        assertEquals("OTHER", parts.getFirst("reason"));
        assertEquals("Zu oft, à bientôt\r\nzwei Zeilen", parts.getFirst("comment"));
        assertNull(parts.getFirst("file"), "file parts are not fields");
    }

    @Test
    void brokenPiecesAreLeftOutNotFatal() {
        assertTrue(read("multipart/form-data", "--B\r\n\r\nx").isEmpty(), "no boundary");
        assertTrue(
                read("multipart/form-data; boundary=B", "--B\r\nname=\"a\"\r\n\r\nx")
                        .isEmpty(),
                "truncated");
        MultivaluedMap<String, String> url = read("application/x-www-form-urlencoded", "a=%zz&b=1&&=2");
        assertNull(url.getFirst("a"));
        assertEquals("1", url.getFirst("b"));
    }

    @Test
    void aBodyOverTheLimitIsRefused() {
        String big = "comment=" + "x".repeat(FormBody.MAX_BYTES);
        assertThrows(FormBody.TooLarge.class, () -> read("application/x-www-form-urlencoded", big));
        assertEquals(
                1,
                read("application/x-www-form-urlencoded", "c=" + "x".repeat(FormBody.MAX_BYTES - 2))
                        .size());
    }

    private static MultivaluedMap<String, String> readForm(String type, String body) {
        return FormBody.readForm(type, new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aPagesFormIsUrlEncodedMultipartOrNoBodyAndNothingElse() {
        assertEquals(
                "a@example.com",
                readForm("application/x-www-form-urlencoded; charset=UTF-8", "email=a%40example.com")
                        .getFirst("email"));
        assertEquals(
                "leave",
                readForm(
                                "Multipart/Form-Data; boundary=b",
                                "--b\r\nContent-Disposition: form-data; name=\"action\"\r\n\r\n" + "leave\r\n--b--\r\n")
                        .getFirst("action"));
        assertTrue(readForm(null, "").isEmpty(), "a plain POST is a form with no field set");
        assertTrue(readForm(" ", "").isEmpty());
        for (String type : new String[] {"application/json", "text/plain", "application/xml;charset=UTF-8"}) {
            assertThrows(jakarta.ws.rs.NotSupportedException.class, () -> readForm(type, "{}"), type);
        }
        assertThrows(
                eu.consent.web.problem.BodyTooLargeException.class,
                () -> readForm(null, "c=" + "x".repeat(FormBody.MAX_BYTES)));
    }
}
