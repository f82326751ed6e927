package eu.consent.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class TokenSignerTest {

    private final TokenSigner signer =
            TokenSigner.fromKeyRing("k2:second-secret-0123456789,k1:first-secret-0123456789");

    @Test
    void roundTripsAndIsUrlSafe() {
        String token = signer.sign("unsubscribe|abc|all");
        assertEquals(Optional.of("unsubscribe|abc|all"), signer.verify(token));
        assertTrue(token.matches("[A-Za-z0-9_.-]+"), token);
    }

    @Test
    void everyAlteredCharacterIsRefused() {
        String token = signer.sign("confirm|0b4c|1999999999");
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            char other = c == 'A' ? 'B' : 'A';
            String tampered = token.substring(0, i) + other + token.substring(i + 1);
            assertEquals(Optional.empty(), signer.verify(tampered), "position " + i);
        }
    }

    /** Base64 leaves the low bits of a last character unused: only the canonical spelling of a token is accepted. */
    @Test
    void onlyTheCanonicalSpellingIsAccepted() {
        String token = signer.sign("prefs|0b4c|1999999999");
        String mac = token.substring(token.lastIndexOf('.') + 1);
        char last = mac.charAt(mac.length() - 1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        int value = alphabet.indexOf(last);
        for (int unused = 1; unused < 4; unused++) {
            char variant = alphabet.charAt(value ^ unused);
            String other = token.substring(0, token.length() - 1) + variant;
            assertEquals(Optional.empty(), signer.verify(other), "variant " + variant + " of " + last);
        }
        assertEquals(Optional.of("prefs|0b4c|1999999999"), signer.verify(token));
    }

    @Test
    void truncatedOrExtendedTokensAreRefused() {
        String token = signer.sign("payload");
        for (int cut = 1; cut < token.length(); cut++) {
            assertEquals(Optional.empty(), signer.verify(token.substring(0, cut)), "cut at " + cut);
        }
        assertEquals(Optional.empty(), signer.verify(token + "A"));
        assertEquals(Optional.empty(), signer.verify(""));
        assertEquals(Optional.empty(), signer.verify(null));
        assertEquals(Optional.empty(), signer.verify("a.b.c.d"));
    }

    @Test
    void rotationKeepsOldLinksValidAndSignsWithTheNewKey() {
        TokenSigner before = TokenSigner.fromKeyRing("k1:first-secret-0123456789");
        String old = before.sign("old link");
        assertEquals(Optional.of("old link"), signer.verify(old), "a rotated-in key keeps the old one accepted");
        String fresh = signer.sign("new link");
        assertTrue(fresh.contains(".k2."), "the first key of the ring signs");
        assertEquals(Optional.empty(), before.verify(fresh), "a server without the new key cannot read it");
    }

    @Test
    void aTokenOfAnotherKeyWithTheSameIdIsRefused() {
        TokenSigner impostor = TokenSigner.fromKeyRing("k2:someone-elses-secret-000");
        String forged = impostor.sign("unsubscribe|victim|all");
        assertEquals(Optional.empty(), signer.verify(forged));
        assertNotEquals(signer.sign("x"), impostor.sign("x"));
    }

    @Test
    void refusesWeakOrMalformedKeys() {
        assertThrows(IllegalArgumentException.class, () -> TokenSigner.fromKeyRing("k1:short"));
        assertThrows(IllegalArgumentException.class, () -> TokenSigner.fromKeyRing("no-colon-here-0123456789"));
        assertThrows(IllegalArgumentException.class, () -> TokenSigner.fromKeyRing("bad id:0123456789abcdef0"));
    }

    @Test
    void keyedHashesAreStableAndKeyed() {
        KeyedHash a = new KeyedHash("secret-a-0123456789");
        KeyedHash b = new KeyedHash("secret-b-0123456789");
        assertEquals(a.of("x@example.com"), a.of("x@example.com"));
        assertNotEquals(a.of("x@example.com"), b.of("x@example.com"));
        assertEquals(64, a.of("+33612345678").length());
    }
}
