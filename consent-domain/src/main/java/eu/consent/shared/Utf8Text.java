package eu.consent.shared;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Decodes an upload's bytes as they pass, refusing what is not UTF-8 text with a 422 on {@code file}: a NUL byte (a
 * binary file), or an invalid sequence, named by the number of its first byte. The one check of every text upload
 * (an import file, a suppression snapshot), so that both refuse the same files with the same words ({@link Utf8}
 * decodes a request body held whole, in the same words).
 */
public final class Utf8Text {

    private final CharsetDecoder utf8 = StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private final ByteBuffer pending = ByteBuffer.allocate((1 << 16) + 8);
    private final CharBuffer chars = CharBuffer.allocate(1 << 16);
    private final Consumer<CharBuffer> decoded;
    private long size;

    /** {@code decoded} is given the characters of each piece (a buffer to read from, valid during the call). */
    public Utf8Text(Consumer<CharBuffer> decoded) {
        this.decoded = decoded;
    }

    /** Checks and decodes {@code n} more bytes. */
    public void take(byte[] bytes, int offset, int n) {
        for (int i = offset; i < offset + n; i++) {
            if (bytes[i] == 0) {
                throw new InvalidInputException("file", "is a binary file, not UTF-8 text");
            }
        }
        size += n;
        for (int off = offset; off < offset + n; ) {
            int len = Math.min(pending.remaining(), offset + n - off);
            pending.put(bytes, off, len);
            off += len;
            decode(false);
        }
    }

    /** The end of the bytes: a sequence cut short is refused too. */
    public void finish() {
        decode(true);
    }

    private void decode(boolean end) {
        pending.flip();
        while (true) {
            CoderResult result = utf8.decode(pending, chars, end);
            if (result.isError()) {
                throw new InvalidInputException("file", Utf8.words(size - pending.remaining()));
            }
            chars.flip();
            decoded.accept(chars);
            chars.clear();
            if (result.isUnderflow()) {
                break;
            }
        }
        pending.compact();
    }

    /** A reader of {@code in} as UTF-8 text that throws the same 422s as it meets what is not. */
    public static Reader reader(InputStream in) {
        return new Checked(in);
    }

    private static final class Checked extends Reader {
        private final InputStream in;
        private final byte[] bytes = new byte[1 << 16];
        private final StringBuilder ready = new StringBuilder();
        private final Utf8Text check = new Utf8Text(this::keep);
        private int position;
        private boolean ended;

        Checked(InputStream in) {
            this.in = in;
        }

        private void keep(CharBuffer chars) {
            ready.append(chars);
        }

        @Override
        public int read(char[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            while (position == ready.length()) {
                if (ended) {
                    return -1;
                }
                ready.setLength(0);
                position = 0;
                int n = in.read(bytes);
                if (n < 0) {
                    ended = true;
                    check.finish();
                } else {
                    check.take(bytes, 0, n);
                }
            }
            int n = Math.min(length, ready.length() - position);
            ready.getChars(position, position + n, buffer, offset);
            position += n;
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
