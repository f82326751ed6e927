package eu.consent.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.consent.shared.InvalidInputException;
import eu.consent.shared.Violations;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProofTest {

    @Test
    void takesEveryTextFormOfAnAddress() {
        for (String ip : List.of(
                "203.0.113.7",
                "0.0.0.0",
                "255.255.255.255",
                "2001:db8::1",
                "::1",
                "::",
                "fe80::",
                "2001:0db8:0000:0000:0000:ff00:0042:8329",
                "2001:db8:0:0:1:0:0:1",
                "::ffff:192.0.2.128",
                "64:ff9b::192.0.2.33",
                "1:2:3:4:5:6:192.0.2.1",
                "1::2:3:4:5:6:7")) {
            assertTrue(IpLiterals.isAddress(ip), ip);
        }
    }

    @Test
    void refusesWhatLooksLikeOneButIsNot() {
        for (String ip : List.of(
                "999.1.1.1",
                "256.256.256.256",
                "1.2.3",
                "1.2.3.4.5",
                "12345678901",
                "01.2.3.4",
                "1.2.3.",
                ".1.2.3.4",
                "1",
                ":",
                ":::",
                "1:2:3:4:5:6:7:8:9",
                "1:2:3:4:5:6:7",
                "1::2::3",
                ":1:2:3:4:5:6:7",
                "1:2:3:4:5:6:7:",
                "12345::1",
                "::gggg",
                "1:2:3:4:5:6:7:192.0.2.1",
                "::ffff:999.0.2.128",
                "192.0.2.1::")) {
            assertFalse(IpLiterals.isAddress(ip), ip);
        }
    }

    @Test
    void namesTheFieldOfABadAddressOrFormUrl() {
        Violations v = new Violations();
        Proof.check(new Proof("1.2.3.4.5", null, "javascript:alert(1)", null, null), "proof.", v);
        InvalidInputException refused =
                org.junit.jupiter.api.Assertions.assertThrows(InvalidInputException.class, v::throwIfAny);
        assertEquals(
                List.of("proof.ip", "proof.formUrl"),
                refused.errors().stream().map(e -> e.field()).toList());
    }

    @Test
    void takesTheAddressOfAWebForm() {
        for (String url : List.of(
                "https://shop.example/nl",
                "http://shop.example",
                "HTTPS://shop.example:8443/a?b=c|d#e",
                "https://boutique.example/inscription?étape=2")) {
            Violations v = new Violations();
            Proof.check(new Proof("203.0.113.7", null, url, null, null), "proof.", v);
            v.throwIfAny();
        }
        for (String url : List.of("not a url", "javascript:alert(1)", "https://", "https:///x", "ftp://x.example/")) {
            Violations v = new Violations();
            Proof.check(new Proof(null, null, url, null, null), "", v);
            org.junit.jupiter.api.Assertions.assertThrows(InvalidInputException.class, v::throwIfAny, url);
        }
    }
}
