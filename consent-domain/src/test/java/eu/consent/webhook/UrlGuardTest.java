package eu.consent.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.consent.shared.InvalidInputException;
import org.junit.jupiter.api.Test;

class UrlGuardTest {

    private final UrlGuard production = new UrlGuard("hooks.example.com, *.crm.example.net");

    @Test
    void acceptsOnlyListedHostsOverHttpOrHttps() {
        assertEquals(
                "hooks.example.com",
                production.check("https://hooks.example.com/in").getHost());
        assertEquals(
                "eu.crm.example.net",
                production.check("http://eu.crm.example.net:8080/x").getHost());
        for (String refused : new String[] {
            "https://crm.example.net/", // the wildcard names sub-domains only
            "https://evilcrm.example.net/",
            "https://hooks.example.com.evil.org/",
            "http://localhost/",
            "http://169.254.169.254/",
            "ftp://hooks.example.com/",
            "https://user:pw@hooks.example.com/",
            "https:///nohost",
            "https://hooks.example.com:99999/",
            "https://hooks.example.com:0/",
            "::::"
        }) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> production.check(refused));
            assertEquals("url", e.errors().get(0).field(), refused);
        }
    }

    @Test
    void theDevelopmentDefaultAllowsLoopbackOnly() {
        UrlGuard dev = new UrlGuard("localhost,127.0.0.1,[::1]");
        assertTrue(dev.isAllowed("127.0.0.1"));
        assertTrue(dev.isAllowed("[::1]"));
        assertFalse(dev.isAllowed("10.0.0.1"));
    }
}
