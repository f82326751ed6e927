package eu.consent.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CursorTest {

    @Test
    void roundTripsKeys() {
        assertEquals("fr|3", Cursor.decode(Cursor.encode("fr|3")));
        assertEquals(42L, Cursor.decodeLong(Cursor.encode("42"), 0));
        assertNull(Cursor.decode(null));
        assertEquals(7L, Cursor.decodeLong("", 7));
    }

    @Test
    void refusesCursorsItDidNotMake() {
        assertThrows(InvalidInputException.class, () -> Cursor.decode("!!!"));
        assertThrows(InvalidInputException.class, () -> Cursor.decode("aGVsbG8"));
        assertThrows(InvalidInputException.class, () -> Cursor.decodeLong(Cursor.encode("x"), 0));
    }

    @Test
    void roundTripsTimeAndIdPlaces() {
        Cursor.TimeAndId place = new Cursor.TimeAndId(Instant.ofEpochMilli(1_700_000_000_123L), "b|c");
        assertEquals(place, Cursor.decodeTimeAndId(Cursor.encode(place.key())));
        assertEquals(Cursor.TimeAndId.START, Cursor.decodeTimeAndId(null));
        assertThrows(InvalidInputException.class, () -> Cursor.decodeTimeAndId(Cursor.encode("no-bar")));
        assertThrows(InvalidInputException.class, () -> Cursor.decodeTimeAndId(Cursor.encode("soon|id")));
    }

    @Test
    void pagesTellWhetherMoreFollow() {
        Page<String> last = Page.of(List.of("a", "b"), 2, s -> s);
        assertNull(last.next());
        Page<String> more = Page.of(List.of("a", "b", "c"), 2, s -> s);
        assertEquals(List.of("a", "b"), more.items());
        assertEquals("b", Cursor.decode(more.next()));
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
