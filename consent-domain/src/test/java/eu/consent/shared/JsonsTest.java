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

    @Test
    void anEscapedHalfOfASurrogatePairIsNoTextAndIsRefusedWithItsReason() {
        for (String text : new String[] {
            "{\"text\":\"I agree \\ud800 to mails\"}",
            "{\"text\":\"\\udc00\"}",
            "[\"ok\",\"end \\ud83d\"]",
            "{\"\\ud800\":1}",
            "\"\\ud83d\\ud83d\""
        }) {
            JsonParsingException refused = assertThrows(JsonParsingException.class, () -> Jsons.readStrict(text), text);
            assertEquals(Optional.of(Jsons.NOT_UNICODE), Jsons.refusal(refused), text);
        }
        assertEquals(
                "I agree \ud83d\ude00",
                Jsons.readStrict("{\"text\":\"I agree \\ud83d\\ude00\"}")
                        .asJsonObject()
                        .getString("text"),
                "a whole pair is a character");
    }

    /** A NUL is no text, and PostgreSQL cannot store it: refused wherever it stands (tester AO's F3). */
    @Test
    void aNulInAStringIsRefusedWithItsReason() {
        for (String text : new String[] {"{\"externalId\":\"a\\u0000b\"}", "{\"\\u0000\":1}", "[\"\\u0000\"]"}) {
            JsonParsingException refused = assertThrows(JsonParsingException.class, () -> Jsons.readStrict(text), text);
            assertEquals(Optional.of(Jsons.NUL_CHARACTER), Jsons.refusal(refused), text);
        }
        assertEquals(
                "a\tb",
                ((jakarta.json.JsonString) Jsons.readStrict("\"a\\tb\"")).getString(),
                "another control character is text");
    }

    @Test
    void aNumberTooLongOrTooLargeIsAParsingErrorWithItsReasonNotTheParsersOwnFailure() {
        String digits = "1".repeat(1_101);
        for (String text : new String[] {
            "{\"contactId\":" + digits + "}",
            "[" + "9".repeat(Jsons.MAX_NUMBER_CHARS + 1) + "]",
            "{\"n\":1e" + "9".repeat(1_101) + "}",
            "{\"n\":1e999999999}",
            "{\"n\":-1e1001}",
            "{\"n\":1e-999999999}",
            "{\"n\":1e99999999999}"
        }) {
            JsonParsingException refused = assertThrows(JsonParsingException.class, () -> Jsons.readStrict(text), text);
            assertEquals(Optional.of(Jsons.NUMBER_TOO_LONG), Jsons.refusal(refused), text);
        }
        String longest = "1".repeat(Jsons.MAX_NUMBER_CHARS);
        assertEquals(
                longest,
                Jsons.readStrict("[" + longest + "]").asJsonArray().get(0).toString());
        assertEquals(
                "1E+1000", Jsons.readStrict("[1e1000]").asJsonArray().get(0).toString());
        assertEquals(
                "-0.25",
                Jsons.readStrict("{\"n\":-0.25}").asJsonObject().get("n").toString());
    }
}
