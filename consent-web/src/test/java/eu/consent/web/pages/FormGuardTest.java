package eu.consent.web.pages;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.consent.shared.TokenSigner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Form tokens: accepted for their page within their lifetime, refused when forged, moved or stale. */
class FormGuardTest {

    private static final Instant T0 = Instant.parse("2026-11-23T10:00:00Z");

    private static FormGuard guard(Instant now, String ring) {
        FormGuard g = new FormGuard();
        g.signer = TokenSigner.fromKeyRing(ring);
        g.clock = Clock.fixed(now, ZoneOffset.UTC);
        g.ttl = Duration.ofHours(4);
        g.baseUrl = "https://prefs.example.com";
        return g;
    }

    @Test
    void acceptsItsOwnTokenForThatPageOnly() {
        String token = guard(T0, "k1:0123456789abcdef0123").issue("/preferences/abc");
        assertTrue(guard(T0.plusSeconds(60), "k1:0123456789abcdef0123").accepts(token, "/preferences/abc"));
        assertFalse(guard(T0, "k1:0123456789abcdef0123").accepts(token, "/preferences/abd"), "another page");
        assertFalse(guard(T0, "k1:0123456789abcdef0123").accepts(null, "/preferences/abc"));
        assertFalse(guard(T0, "k1:0123456789abcdef0123").accepts("", "/preferences/abc"));
        assertFalse(
                guard(T0, "k1:0123456789abcdef0123")
                        .accepts(token.substring(0, token.length() - 2) + "AA", "/preferences/abc"),
                "forged");
        assertFalse(guard(T0, "k1:another-secret-of-16+").accepts(token, "/preferences/abc"), "another key");
    }

    @Test
    void expires() {
        String token = guard(T0, "k1:0123456789abcdef0123").issue("/p");
        assertTrue(
                guard(T0.plus(Duration.ofHours(4)), "k1:0123456789abcdef0123").accepts(token, "/p"));
        assertFalse(guard(T0.plus(Duration.ofHours(4)).plusSeconds(1), "k1:0123456789abcdef0123")
                .accepts(token, "/p"));
        assertFalse(
                guard(T0.minus(Duration.ofMinutes(5)), "k1:0123456789abcdef0123")
                        .accepts(token, "/p"),
                "issued in the future");
    }
}
