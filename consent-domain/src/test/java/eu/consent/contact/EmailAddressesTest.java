package eu.consent.contact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.consent.shared.Violations;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressesTest {

    @ParameterizedTest
    @CsvSource({
        "jeanne@example.fr, jeanne@example.fr",
        "'  Jeanne.Martin@Example.FR ', jeanne.martin@example.fr",
        "jeanne+news@sub.example.co.uk, jeanne+news@sub.example.co.uk",
        "jeanne@exämple.fr, jeanne@xn--exmple-cua.fr",
        "JEANNE@MÜNCHEN.DE, jeanne@xn--mnchen-3ya.de",
        // IDNA2008 (UTS #46 non-transitional): ß and the final sigma stay, as in the punycode spelling of the domain
        "anna@Straße.de, anna@xn--strae-oqa.de",
        "anna@xn--strae-oqa.de, anna@xn--strae-oqa.de",
        "anna@strasse.de, anna@strasse.de",
        "nikos@ς.gr, nikos@xn--3xa.gr",
        "nikos@σ.gr, nikos@xn--4xa.gr",
        "jeanne@bücher。de, jeanne@xn--bcher-kva.de",
        "o'brien@example.ie, o'brien@example.ie",
        // what a copy from a page leaves around an address (tester BB's F3)
        "'\u00a0jeanne@example.fr\u00a0', jeanne@example.fr",
        "'jeanne@example.fr\u202f\u2007', jeanne@example.fr",
        "'\ufeffjeanne@example.fr\u200b', jeanne@example.fr"
    })
    void normalizes(String raw, String expected) {
        Violations v = new Violations();
        assertEquals(expected, EmailAddresses.normalize(raw, "email", v));
        assertTrue(v.isEmpty());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " ",
                "a@",
                "@b.fr",
                "a@b",
                "a",
                "a@@b.fr",
                "a@b@c.fr",
                "a b@c.fr",
                ".a@b.fr",
                "a.@b.fr",
                "a..b@c.fr",
                "a@b..fr",
                "a@-b.fr",
                "a@b-.fr",
                "a@b.123",
                "a@b.fr.",
                "a@[127.0.0.1]",
                "a@b_c.fr"
            })
    void refuses(String raw) {
        Violations v = new Violations();
        assertNull(EmailAddresses.normalize(raw, "email", v));
        assertFalse(v.isEmpty());
    }

    @org.junit.jupiter.api.Test
    void refusesOverlongAddressesAndParts() {
        String longLocal = "a".repeat(65) + "@example.fr";
        assertNull(EmailAddresses.normalizeOrNull(longLocal));
        String longLabel = "a@" + "b".repeat(64) + ".fr";
        assertNull(EmailAddresses.normalizeOrNull(longLabel));
        String total = "a".repeat(64) + "@" + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(63) + ".fr";
        assertTrue(total.length() > EmailAddresses.MAX_LENGTH);
        assertNull(EmailAddresses.normalizeOrNull(total));
        assertNull(EmailAddresses.normalizeOrNull("x".repeat(300)));
    }
}
