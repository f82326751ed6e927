package eu.consent.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;

/** Token parsing, the first thing a public link's visitor reaches: any payload round-trips, any other text fails. */
class TokenSignerPropertyTest {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private final TokenSigner signer = TokenSigner.fromKeyRing("k2:second-secret-0123456789,k1:first-secret-0123");

    /** Every payload comes back as its UTF-8 text, while the token stays within the 1024 characters we read. */
    @Property
    void everyPayloadRoundTrips(@ForAll @StringLength(max = 300) String payload) {
        String token = signer.sign(payload);
        String carried = new String(payload.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        assertEquals(token.length() <= 1024 ? Optional.of(carried) : Optional.empty(), signer.verify(token));
    }

    /**
     * The MAC (32 bytes) ends in a character of which base64 uses 4 bits: the 3 other spellings of that character
     * decode to the same bytes and must still be refused, so that a token has one spelling only.
     */
    @Property
    void onlyTheCanonicalSpellingOfTheMacIsAccepted(
            @ForAll @StringLength(max = 100) String payload, @ForAll @IntRange(min = 1, max = 3) int lowBits) {
        String token = signer.sign(payload);
        char last = token.charAt(token.length() - 1);
        char other = ALPHABET.charAt(ALPHABET.indexOf(last) ^ lowBits);
        String respelled = token.substring(0, token.length() - 1) + other;
        assertEquals(Optional.empty(), signer.verify(respelled), respelled);
    }

    @Property
    void anyOtherTextIsRefusedWithoutAnException(@ForAll @StringLength(max = 1100) String text) {
        assertTrue(signer.verify(text).isEmpty());
    }

    @Property
    void changingAnyCharacterBreaksTheToken(
            @ForAll @StringLength(max = 60) String payload, @ForAll @IntRange(min = 0, max = 10_000) int where) {
        String token = signer.sign(payload);
        int i = where % token.length();
        char c = token.charAt(i);
        char replacement = c == 'x' ? 'y' : 'x';
        assertEquals(Optional.empty(), signer.verify(token.substring(0, i) + replacement + token.substring(i + 1)));
    }
}
