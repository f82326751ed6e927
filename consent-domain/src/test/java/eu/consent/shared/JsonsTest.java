package eu.consent.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import jakarta.json.stream.JsonParsingException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JsonsTest {

    private static String nested(int depth, String open, String close) {
        return open.repeat(depth) + close.repeat(depth);
    }

    @Test
    void aDocumentNestedDeeperThanTheBoundIsAParsingErrorWithItsReason() {
        assertEquals(
                Jsons.MAX_DEPTH,
                Jsons.readStrict(nested(Jsons.MAX_DEPTH, "[", "]")).toString().length() / 2);
        for (int depth : new int[] {Jsons.MAX_DEPTH + 1, 1_000, 100_000}) {
            JsonParsingException refused =
                    assertThrows(JsonParsingException.class, () -> Jsons.readStrict(nested(depth, "[", "]")));
            assertEquals(Optional.of(Jsons.DEEP), Jsons.refusal(refused));
        }
        String objects = "{\"a\":".repeat(Jsons.MAX_DEPTH + 1) + "1" + "}".repeat(Jsons.MAX_DEPTH + 1);
        JsonParsingException refused = assertThrows(JsonParsingException.class, () -> Jsons.readStrict(objects));
        assertEquals(Optional.of(Jsons.DEEP), Jsons.refusal(refused));
    }
}
