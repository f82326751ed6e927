package eu.consent.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class Utf8Test {

    @Test
    void utf8TextIsDecodedAsItIs() {
        assertEquals("café", Utf8.decode("café".getBytes(StandardCharsets.UTF_8)));
        assertEquals("a\uFFFDb", Utf8.decode("a\uFFFDb".getBytes(StandardCharsets.UTF_8)), "a sent U+FFFD is text");
        assertEquals("", Utf8.decode(new byte[0]));
    }

    @Test
    void bytesThatAreNotUtf8AreRefusedByTheOffsetOfTheFirst() {
        Utf8.InvalidException latin1 = assertThrows(
                Utf8.InvalidException.class,
                () -> Utf8.decode("{\"text\":\"café\"}".getBytes(StandardCharsets.ISO_8859_1)));
        assertEquals(12, latin1.offset());
        assertEquals("is not UTF-8 text (byte 12 starts an invalid sequence)", latin1.getMessage());
        assertEquals(
                1,
                assertThrows(Utf8.InvalidException.class, () -> Utf8.decode(new byte[] {'a', (byte) 0xC3}))
                        .offset(),
                "a sequence cut off at the end");
        assertEquals(
                0,
                assertThrows(
                                Utf8.InvalidException.class,
                                () -> Utf8.decode(new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80}))
                        .offset(),
                "an encoded surrogate");
    }
}
