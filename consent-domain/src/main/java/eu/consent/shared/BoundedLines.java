package eu.consent.shared;

import java.io.IOException;
import java.io.Reader;

/**
 * Reads text line by line (LF, CRLF or CR) with a cap on the length of a line: a longer line is skipped to its end
 * without being kept, and reported as too long, so that one 800 MB line costs no more memory than a short one.
 */
public final class BoundedLines {

    private final Reader in;
    private final int maxChars;
    private final char[] buffer = new char[1 << 16];
    private final StringBuilder line = new StringBuilder();
    private int position;
    private int limit;
    private boolean skipLineFeed;
    private boolean tooLong;
    private long number;

    public BoundedLines(Reader in, int maxChars) {
        if (maxChars < 1) {
            throw new IllegalArgumentException("maxChars must be positive");
        }
        this.in = in;
        this.maxChars = maxChars;
    }

    /** Moves to the next line; false at the end of the text. */
    public boolean next() throws IOException {
        line.setLength(0);
        tooLong = false;
        boolean any = false;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer, 0, buffer.length);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    if (any) {
                        number++;
                    }
                    return any;
                }
            }
            char c = buffer[position++];
            if (skipLineFeed) {
                skipLineFeed = false;
                if (c == '\n') {
                    continue;
                }
            }
            if (c == '\n' || c == '\r') {
                skipLineFeed = c == '\r';
                number++;
                return true;
            }
            any = true;
            if (line.length() < maxChars) {
                line.append(c);
            } else {
                tooLong = true;
            }
        }
    }

    /** The current line without its end; for a line that was too long, only its first {@code maxChars} characters. */
    public String text() {
        return line.toString();
    }

    /** Whether the current line passed the cap (its text is then cut and must not be used as the line). */
    public boolean tooLong() {
        return tooLong;
    }

    /** The number of the current line, from 1. */
    public long number() {
        return number;
    }

    public int maxChars() {
        return maxChars;
    }
}
