package eu.consent.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8TextTest {

    private static String read(byte[] bytes) throws IOException {
        try (Reader in = Utf8Text.reader(new ByteArrayInputStream(bytes))) {
            StringWriter out = new StringWriter();
            in.transferTo(out);
            return out.toString();
        }
    }

    @Test
    void utf8TextReadsAsItIs() throws IOException {
        String text = "\uFEFFcafé,UNSUBSCRIBED\n☎ +33612345678\n";
        assertEquals(text, read(text.getBytes(StandardCharsets.UTF_8)));
        // A piece longer than one buffer, cut inside a character at the buffer's end.
        String long1 = "é".repeat(70_000);
        assertEquals(long1, read(long1.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aNulByteIsABinaryFile() {
        InvalidInputException refused =
                assertThrows(InvalidInputException.class, () -> read(new byte[] {'a', ',', 0, 'b'}));
        assertEquals("file", refused.errors().get(0).field());
        assertEquals("is a binary file, not UTF-8 text", refused.errors().get(0).message());
    }

    @Test
    void latin1IsRefusedNamingTheByteItsSequenceStartsAt() {
        byte[] latin1 = "x@example.com,UNSUBSCRIBED\ncafé@example.com\n".getBytes(StandardCharsets.ISO_8859_1);
        InvalidInputException refused = assertThrows(InvalidInputException.class, () -> read(latin1));
        assertEquals(
                "is not UTF-8 text (byte 30 starts an invalid sequence)",
                refused.errors().get(0).message());
        byte[] cut = {'a', (byte) 0xC3};
        assertEquals(
                "is not UTF-8 text (byte 1 starts an invalid sequence)",
                assertThrows(InvalidInputException.class, () -> read(cut))
                        .errors()
                        .get(0)
                        .message());
    }
}
