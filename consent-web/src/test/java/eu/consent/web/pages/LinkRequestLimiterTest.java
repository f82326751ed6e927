package eu.consent.web.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Whose budget a request counts against: a forwarding header counts only when a trusted proxy sent it. */
class LinkRequestLimiterTest {

    private static final List<String> PROXIES = List.of("10.0.0.1", "10.0.0.2");

    @Test
    void thePeerIsTheClientUnlessItIsATrustedProxy() {
        assertEquals("198.51.100.7", LinkRequestLimiter.client("198.51.100.7", null, PROXIES));
        assertEquals(
                "198.51.100.7",
                LinkRequestLimiter.client("198.51.100.7", "203.0.113.1", PROXIES),
                "anyone else's header is ignored: nobody picks their own budget");
        assertEquals("203.0.113.1", LinkRequestLimiter.client("10.0.0.1", "203.0.113.1", PROXIES));
    }

    @Test
    void theLastHopThatIsNoTrustedProxyIsTheClient() {
        assertEquals(
                "203.0.113.9",
                LinkRequestLimiter.client("10.0.0.1", "1.2.3.4, 203.0.113.9, 10.0.0.2", PROXIES),
                "a client cannot hide behind a spoofed first hop");
        assertEquals("10.0.0.1", LinkRequestLimiter.client("10.0.0.1", " ", PROXIES));
        assertEquals("10.0.0.1", LinkRequestLimiter.client("10.0.0.1", "10.0.0.2", PROXIES));
    }
}
