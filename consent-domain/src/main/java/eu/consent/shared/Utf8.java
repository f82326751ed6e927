package eu.consent.shared;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Text that clients must send as UTF-8 (API.md: "JSON (application/json), UTF-8"), decoded strictly: Java's
 * {@code new String(bytes, UTF_8)} puts U+FFFD in place of bytes that are not UTF-8, so a Latin-1 "café" was stored as
 * "caf\uFFFD", and a suppression posted in Latin-1 never matched the contact it was meant to block.
 */
public final class Utf8 {

    private Utf8() {}

    /** Bytes that are not UTF-8, with the offset (from 0) of the first byte that starts an invalid sequence. */
    public static final class InvalidException extends IllegalArgumentException {

        private static final long serialVersionUID = 1L;

        private final long offset;

        public InvalidException(long offset) {
            super(words(offset));
            this.offset = offset;
        }

        public long offset() {
            return offset;
        }
    }

    /** How a refusal puts it, here and for an import's file. */
    public static String words(long offset) {
        return "is not UTF-8 text (byte " + offset + " starts an invalid sequence)";
    }

    /**
     * The text of {@code bytes}, refused when they are not UTF-8. Valid text (nearly all) costs one JDK decode and a
     * search for U+FFFD; only text holding one is decoded again, strictly, to tell a sent U+FFFD from a replaced byte.
     *
     * @throws InvalidException naming the first byte that is not UTF-8
     */
    public static String decode(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        if (text.indexOf('\uFFFD') < 0) {
            return text;
        }
        CharsetDecoder strict = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CoderResult result = strict.decode(in, CharBuffer.allocate(text.length()), true);
        if (result.isError()) {
            throw new InvalidException(in.position());
        }
        return text;
    }
}
