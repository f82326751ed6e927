package eu.consent.optout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** A comment is kept as text: no control character but tab and line breaks, never half a character (AO-F3). */
class FeedbackTest {

    @Test
    void controlCharactersAreLeftOutAndLineBreaksKept() {
        assertEquals(
                "aonul esc\r\nnew\tline\u202Ebidi",
                new Feedback(null, "ao\u0000nul\u001B esc\r\nnew\tline\u007F\u0085\u202Ebidi").comment());
        assertEquals("half  gone", new Feedback(null, "half \ud800 gone").comment());
        assertNull(new Feedback(null, "\u0000\u0001 ").comment(), "nothing left: no comment");
    }

    @Test
    void aLongCommentIsCutOnAWholeCharacter() {
        String emoji = "\ud83d\ude00";
        // 1,999 units then a character of two: it does not fit whole in the column's 2,000 units, and is left out.
        assertEquals("a".repeat(1999), new Feedback(null, "a".repeat(1999) + emoji.repeat(3)).comment());
        assertEquals("a".repeat(1998) + emoji, new Feedback(null, "a".repeat(1998) + emoji.repeat(3)).comment());
        assertEquals("b".repeat(2000), new Feedback(null, "b".repeat(2500)).comment());
    }
}
