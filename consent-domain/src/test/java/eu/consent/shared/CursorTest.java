package eu.consent.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class CursorTest {

    @Test
    void roundTripsKeys() {
        assertEquals("fr|3", Cursor.decode("l", Cursor.encode("l", "fr|3")));
        assertEquals(42L, Cursor.decodeLong("l", Cursor.encode("l", "42"), 0));
        assertNull(Cursor.decode("l", null));
        assertEquals(7L, Cursor.decodeLong("l", "", 7));
    }

    @Test
    void refusesCursorsItDidNotMake() {
        assertThrows(InvalidInputException.class, () -> Cursor.decode("l", "!!!"));
        assertThrows(InvalidInputException.class, () -> Cursor.decode("l", "aGVsbG8"));
        assertThrows(InvalidInputException.class, () -> Cursor.decodeLong("l", Cursor.encode("l", "x"), 0));
    }

    @Test
    void refusesEditedOrCutCursors() {
        String cursor = Cursor.encode("l", Instant.now().toEpochMilli() + "|" + UUID.randomUUID());
        assertNotNull(Cursor.decode("l", cursor));
        for (String edited : List.of(
                cursor + "x",
                cursor + "AAAA",
                cursor.substring(0, cursor.length() - 1),
                cursor.substring(0, cursor.length() - 2),
                cursor.substring(0, cursor.length() - 6),
                cursor.substring(1),
                flip(cursor, cursor.length() / 2),
                flip(cursor, cursor.length() - 1))) {
            assertThrows(InvalidInputException.class, () -> Cursor.decode("l", edited), edited);
        }
        // The form of the cursors handed out before 2026-12-06 ("k:" and the key, no check) is refused as well.
        String unchecked =
                Base64.getUrlEncoder().withoutPadding().encodeToString("k:42".getBytes(StandardCharsets.UTF_8));
        assertThrows(InvalidInputException.class, () -> Cursor.decodeLong("l", unchecked, 0));
    }

    @Test
    void refusesAnotherListsCursor() {
        String key = Instant.now().toEpochMilli() + "|" + UUID.randomUUID();
        String webhooks = Cursor.encode("webhooks", key);
        assertEquals(key, Cursor.decode("webhooks", webhooks));
        assertThrows(InvalidInputException.class, () -> Cursor.decodeTimeAndId("suppressions", webhooks));
        String deliveries = Cursor.encode("webhooks/a/deliveries", "2616");
        assertThrows(InvalidInputException.class, () -> Cursor.decodeLong("audit", deliveries, 0));
        assertThrows(InvalidInputException.class, () -> Cursor.decodeLong("webhooks/b/deliveries", deliveries, 0));
    }

    private static String flip(String cursor, int at) {
        char c = cursor.charAt(at);
        return cursor.substring(0, at) + (c == 'A' ? 'B' : 'A') + cursor.substring(at + 1);
    }

    @Test
    void roundTripsTimeAndIdPlaces() {
        Cursor.TimeAndId place = new Cursor.TimeAndId(
                Instant.ofEpochMilli(1_700_000_000_123L), UUID.randomUUID().toString());
        assertEquals(place, Cursor.decodeTimeAndId("l", Cursor.encode("l", place.key())));
        assertEquals(Cursor.TimeAndId.START, Cursor.decodeTimeAndId("l", null));
        assertThrows(InvalidInputException.class, () -> Cursor.decodeTimeAndId("l", Cursor.encode("l", "no-bar")));
        assertThrows(InvalidInputException.class, () -> Cursor.decodeTimeAndId("l", Cursor.encode("l", "soon|id")));
        assertThrows(
                InvalidInputException.class,
                () -> Cursor.decodeTimeAndId("l", Cursor.encode("l", "1700000000123|b|c")));
    }

    @Test
    void pagesTellWhetherMoreFollow() {
        Page<String> last = Page.of("l", List.of("a", "b"), 2, s -> s);
        assertNull(last.next());
        Page<String> more = Page.of("l", List.of("a", "b", "c"), 2, s -> s);
        assertEquals(List.of("a", "b"), more.items());
        assertEquals("b", Cursor.decode("l", more.next()));
    }

    @Test
    void limitsAreBounded() {
        assertEquals(Page.DEFAULT_LIMIT, Page.limit(null));
        assertEquals(1000, Page.limit("1000"));
        assertThrows(InvalidInputException.class, () -> Page.limit("0"));
        assertThrows(InvalidInputException.class, () -> Page.limit("1001"));
        assertThrows(InvalidInputException.class, () -> Page.limit("ten"));
    }
}
