package eu.consent.contact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** One envelope, one canonical text: what a postal suppression's keyed hash is taken of. */
class PostalAddressesTest {

    private static String canonical(List<String> lines, String postcode, String city, String country) {
        return PostalAddresses.normalize(new PostalAddress(lines, postcode, city, country));
    }

    @Test
    void caseAccentsPunctuationAndSpacingDoNotMakeAnotherAddress() {
        String written = canonical(List.of("12, rue de l'Église", "Bât. B"), "75011", "Paris", "FR");
        assertEquals(written, canonical(List.of("12 RUE DE L EGLISE", "BAT B"), "75 011", "PARIS", "FR"));
        assertEquals(written, canonical(List.of("  12  rue de l’église ", "bât b"), "75011", "paris", "FR"));
    }

    @Test
    void anotherStreetNumberPostcodeOrLineOrderIsAnotherAddress() {
        String written = canonical(List.of("12 rue de la Paix", "Bât. B"), "75002", "Paris", "FR");
        assertNotEquals(written, canonical(List.of("14 rue de la Paix", "Bât. B"), "75002", "Paris", "FR"));
        assertNotEquals(written, canonical(List.of("12 rue de la Paix", "Bât. B"), "75003", "Paris", "FR"));
        assertNotEquals(written, canonical(List.of("Bât. B", "12 rue de la Paix"), "75002", "Paris", "FR"));
    }

    @Test
    void neverEqualsAnEmailOrAPhone() {
        assertEquals(true, canonical(List.of("a"), "1", "b", "FR").startsWith("postal:"));
    }

    @Test
    void theColumnsOfAContactReadBackAsTheAddressTheyStoreAndNoLinesAsNone() {
        PostalAddress address = new PostalAddress(List.of("12 rue de la Paix", "Bât. B"), "75002", "Paris", "FR");
        assertEquals(
                address,
                PostalAddresses.stored(String.join("\n", address.lines()), "75002", "Paris", "FR"),
                "the export hashes the address the decisions hash");
        assertEquals(null, PostalAddresses.stored(null, null, null, null));
    }
}
