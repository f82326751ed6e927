package eu.consent.web.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.consent.shared.TokenSigner;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
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

    @Test
    void aPostThatOnlyClosesTakesItsPagesTokenAtAnyAge() {
        String ring = "k1:0123456789abcdef0123";
        String token = guard(T0, ring).issue("/unsubscribe/t");
        FormGuard tomorrow = guard(T0.plus(Duration.ofHours(30)), ring);
        assertTrue(tomorrow.refuses(request(), token, "/unsubscribe/t"), "a form that can open expires");
        assertFalse(tomorrow.refusesClosing(request(), token, "/unsubscribe/t"));
        assertFalse(tomorrow.refusesClosing(request(), null, "/unsubscribe/t"), "no token, no cross-site signal");
        assertTrue(tomorrow.refusesClosing(request(), token, "/unsubscribe/u"), "another page's");
        assertTrue(
                tomorrow.refusesClosing(request(), token.substring(0, token.length() - 2) + "AA", "/unsubscribe/t"),
                "forged");
        assertTrue(tomorrow.refusesClosing(request("Sec-Fetch-Site", "cross-site"), token, "/unsubscribe/t"));
    }

    /**
     * When a token's page was shown: to the millisecond, with the page's number when it gave one, or what a refused
     * post's page keeps; a token issued before 2026-12-07 says the end of its second (the second alone) or its
     * millisecond without a number; another page's, a forged one, none: nothing.
     */
    @Test
    void tellsWhenItsPageWasShown() {
        String ring = "k1:0123456789abcdef0123";
        Instant at = T0.plusMillis(1_234);
        FormGuard later = guard(T0.plusSeconds(90), ring);
        String token = guard(at, ring).issue("/preferences/abc");
        assertEquals(Optional.of(new FormGuard.Shown(at, null)), later.shown(token, "/preferences/abc"));
        FormGuard.Shown numbered = new FormGuard.Shown(at, 42L);
        String withNumber = guard(at, ring).issue("/preferences/abc", numbered);
        assertEquals(Optional.of(numbered), later.shown(withNumber, "/preferences/abc"));
        String again = later.issue("/preferences/abc", numbered);
        assertEquals(Optional.of(numbered), later.shown(again, "/preferences/abc"), "a refused post's page");
        TokenSigner signer = TokenSigner.fromKeyRing(ring);
        String page = FormGuard.scopeHash("/preferences/abc");
        String legacy = signer.sign("form|" + page + "|" + T0.getEpochSecond());
        assertEquals(
                Optional.of(new FormGuard.Shown(T0.plusMillis(999), null)), later.shown(legacy, "/preferences/abc"));
        String millis = signer.sign("form|" + page + "|" + at.getEpochSecond() + "|" + at.toEpochMilli());
        assertEquals(Optional.of(new FormGuard.Shown(at, null)), later.shown(millis, "/preferences/abc"));
        String notANumber = signer.sign("form|" + page + "|" + at.getEpochSecond() + "|" + at.toEpochMilli() + "|x");
        assertEquals(Optional.empty(), later.shown(notANumber, "/preferences/abc"), "signed, but not ours");
        assertEquals(Optional.empty(), later.shown(withNumber, "/preferences/abd"), "another page's");
        assertEquals(
                Optional.empty(),
                later.shown(withNumber.substring(0, withNumber.length() - 2) + "AA", "/preferences/abc"),
                "forged");
        assertEquals(Optional.empty(), later.shown(null, "/preferences/abc"));
    }

    /** A request carrying only the given headers (name, value, ...). */
    private static HttpServletRequest request(String... headers) {
        Map<String, String> h = new HashMap<>();
        for (int i = 0; i + 1 < headers.length; i += 2) {
            h.put(headers[i], headers[i + 1]);
        }
        return (HttpServletRequest) Proxy.newProxyInstance(
                FormGuardTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class},
                (proxy, method, args) -> method.getName().equals("getHeader") ? h.get((String) args[0]) : null);
    }

    @Test
    void refusesWhatTheBrowserSaysCameFromElsewhere() {
        FormGuard g = guard(T0, "k1:0123456789abcdef0123");
        assertTrue(g.fromOurSite(request()), "a mail client or a script: the token decides");
        assertTrue(g.fromOurSite(request("Sec-Fetch-Site", "same-origin", "Origin", "null")));
        assertTrue(g.fromOurSite(request("Sec-Fetch-Site", "none")));
        assertFalse(g.fromOurSite(request("Sec-Fetch-Site", "cross-site", "Origin", "https://prefs.example.com")));
        assertFalse(g.fromOurSite(request("Sec-Fetch-Site", "same-site")));
        assertTrue(g.fromOurSite(request("Origin", "http://localhost:9080", "Host", "localhost:9080")));
        assertTrue(
                g.fromOurSite(request("Origin", "https://prefs.example.com", "Host", "10.0.0.5:9080")),
                "behind a proxy: the public address");
        assertFalse(g.fromOurSite(request("Origin", "https://evil.example", "Host", "localhost:9080")));
        assertFalse(g.fromOurSite(request("Origin", "null", "Host", "localhost:9080")));
    }
}
