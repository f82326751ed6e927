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
        String comment = new Feedback(null, "a".repeat(1999) + emoji.repeat(3)).comment();
        assertEquals(Feedback.MAX_COMMENT, comment.codePointCount(0, comment.length()));
        assertEquals("a".repeat(1999) + emoji, comment);
    }
}
