package eu.consent.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import org.junit.jupiter.api.Test;

/** Lines of any ending, numbered; a line past the cap is reported and skipped without being kept. */
class BoundedLinesTest {

    @Test
    void readsEveryKindOfLineEnd() throws IOException {
        BoundedLines lines = new BoundedLines(new StringReader("a\nb\r\nc\rd"), 10);
        for (String expected : new String[] {"a", "b", "c", "d"}) {
            assertTrue(lines.next());
            assertEquals(expected, lines.text());
            assertFalse(lines.tooLong());
        }
        assertEquals(4, lines.number());
        assertFalse(lines.next());
    }

    @Test
    void keepsEmptyLinesAndNoPhantomLastLine() throws IOException {
        BoundedLines lines = new BoundedLines(new StringReader("\n\nx\n"), 10);
        assertTrue(lines.next());
        assertEquals("", lines.text());
        assertTrue(lines.next());
        assertTrue(lines.next());
        assertEquals("x", lines.text());
        assertFalse(lines.next());
    }

    /** A line of 50 million characters is read through with at most the cap in memory, and the next line follows. */
    @Test
    void skipsAnEndlessLineWithoutKeepingIt() throws IOException {
        long huge = 50_000_000;
        Reader endless = new Reader() {
            private long left = huge;
            private boolean ended;

            @Override
            public int read(char[] buffer, int offset, int length) {
                if (left > 0) {
                    int n = (int) Math.min(length, left);
                    java.util.Arrays.fill(buffer, offset, offset + n, 'x');
                    left -= n;
                    return n;
                }
                if (!ended) {
                    ended = true;
                    "\nnext\n".getChars(0, 6, buffer, offset);
                    return 6;
                }
                return -1;
            }

            @Override
            public void close() {}
        };
        BoundedLines lines = new BoundedLines(endless, 100);
        assertTrue(lines.next());
        assertTrue(lines.tooLong());
        assertEquals(100, lines.text().length());
        assertTrue(lines.next());
        assertFalse(lines.tooLong());
        assertEquals("next", lines.text());
        assertEquals(2, lines.number());
    }
}
