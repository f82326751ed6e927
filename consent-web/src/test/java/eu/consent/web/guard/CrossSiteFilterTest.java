package eu.consent.web.guard;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.Test;

class CrossSiteFilterTest {

    private static final URI SELF = URI.create("https://consent.example.com/api/v1/jobs/retention-purge");

    @Test
    void onlyTheServersOwnHostAndPortAreItsOrigin() {
        assertTrue(CrossSiteFilter.sameOrigin("https://consent.example.com", SELF));
        assertTrue(CrossSiteFilter.sameOrigin("https://CONSENT.example.com:443", SELF));
        assertTrue(
                CrossSiteFilter.sameOrigin(
                        "https://consent.example.com", URI.create("http://consent.example.com/api/v1/x")),
                "TLS ended by a proxy in front of the server");
        assertFalse(CrossSiteFilter.sameOrigin("https://evil.example", SELF));
        assertFalse(CrossSiteFilter.sameOrigin("https://consent.example.com.evil.example", SELF));
        assertFalse(CrossSiteFilter.sameOrigin("https://consent.example.com:8443", SELF));
        assertFalse(CrossSiteFilter.sameOrigin("null", SELF), "a sandboxed or file page");
        assertFalse(CrossSiteFilter.sameOrigin("not a url", SELF));
    }
}
