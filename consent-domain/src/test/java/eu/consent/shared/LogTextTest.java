package eu.consent.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A client's text in the log stays on its line and is bounded (tester AO's F1). */
class LogTextTest {

    @Test
    void controlCharactersAreWrittenAsEscapesAndTheTextIsCut() {
        assertEquals("ao\\u000a[12/7/26] forged\\u000d\\u0000", LogText.of("ao\n[12/7/26] forged\r\u0000"));
        assertEquals("é ü ok", LogText.of("é ü ok"));
        assertEquals("x".repeat(LogText.MAX) + "…", LogText.of("x".repeat(500)));
        assertEquals("null", LogText.of(null));
        assertEquals("admin\\u202e nimda", LogText.of("admin\u202e nimda"), "no bidi override");
        assertEquals("x".repeat(LogText.MAX - 1) + "…", LogText.of("x".repeat(LogText.MAX - 1) + "\ud83d\ude00"));
    }
}
