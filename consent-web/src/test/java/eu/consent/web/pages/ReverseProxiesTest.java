package eu.consent.web.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What a forwarding header says counts only when a trusted proxy sent it. */
class ReverseProxiesTest {

    private static final List<String> PROXIES = List.of("10.0.0.1", "10.0.0.2");

    @Test
    void thePeerIsTheClientUnlessItIsATrustedProxy() {
        assertEquals("198.51.100.7", ReverseProxies.client("198.51.100.7", null, PROXIES));
        assertEquals(
                "198.51.100.7",
                ReverseProxies.client("198.51.100.7", "203.0.113.1", PROXIES),
                "anyone else's header is ignored: nobody picks their own budget");
        assertEquals("203.0.113.1", ReverseProxies.client("10.0.0.1", "203.0.113.1", PROXIES));
    }

    @Test
    void theLastHopThatIsNoTrustedProxyIsTheClient() {
        assertEquals(
                "203.0.113.9",
                ReverseProxies.client("10.0.0.1", "1.2.3.4, 203.0.113.9, 10.0.0.2", PROXIES),
                "a client cannot hide behind a spoofed first hop");
        assertEquals("10.0.0.1", ReverseProxies.client("10.0.0.1", " ", PROXIES));
        assertEquals("10.0.0.1", ReverseProxies.client("10.0.0.1", "10.0.0.2", PROXIES));
    }

    @Test
    void onlyATrustedProxySaysTheBrowserSpokeHttps() {
        assertTrue(ReverseProxies.https("10.0.0.1", "https", PROXIES));
        assertTrue(ReverseProxies.https("10.0.0.1", "http, HTTPS", PROXIES), "the nearest proxy's value counts");
        assertFalse(ReverseProxies.https("10.0.0.1", "https, http", PROXIES));
        assertFalse(ReverseProxies.https("10.0.0.1", null, PROXIES));
        assertFalse(ReverseProxies.https("10.0.0.1", "", PROXIES));
        assertFalse(ReverseProxies.https("198.51.100.7", "https", PROXIES), "anyone else's header is ignored");
        assertEquals(List.of("10.0.0.1", "::1"), ReverseProxies.list(" 10.0.0.1, ,::1 "));
        assertEquals(List.of(), ReverseProxies.list(" "));
        assertEquals(List.of(), ReverseProxies.list("none"), "the default, which Liberty's dispatcher reads too");
    }

    /** Only what Liberty's dispatcher and this class read alike starts a server (review 39 points 12 and 13). */
    @Test
    void aProxyListBothReadersReadAlikeIsTheOnlyOneAccepted() {
        for (String ok : List.of(
                "none",
                "NONE",
                " none ",
                "10.0.0.1",
                "10.0.0.1, 10.0.0.2",
                "0:0:0:0:0:0:0:1",
                "127.0.0.1,0:0:0:0:0:0:0:1",
                "fe80:0:0:0:0:0:0:1a")) {
            assertTrue(ReverseProxies.refusal(ok).isEmpty(), ok);
        }
        for (String bad : List.of(
                "",
                " ",
                "*",
                "proxy.example.com",
                "10.0.*.*",
                "::1",
                "none, 10.0.0.1",
                "10.0.0.1,",
                "10.0.0.256",
                "*.example.com")) {
            assertTrue(ReverseProxies.refusal(bad).isPresent(), "'" + bad + "'");
        }
        assertTrue(ReverseProxies.refusal("10.0.0.1, proxy.lan").orElseThrow().contains("proxy.lan"));
    }
}
