package eu.consent.contact;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The canonical form of a postal address, the one its keyed hash is taken of: the same envelope written with other
 * case, accents, punctuation or spacing ("12, rue de l'Église" and "12 RUE DE L EGLISE") is one address, so that an
 * objection to postal prospecting holds however the address is typed next time.
 */
public final class PostalAddresses {

    private PostalAddresses() {}

    /** The canonical text of a validated address (prefixed, so that it never equals an email or a phone). */
    public static String normalize(PostalAddress address) {
        String lines = address.lines().stream()
                .map(PostalAddresses::canonical)
                .filter(line -> !line.isEmpty())
                .collect(Collectors.joining("|"));
        return "postal:" + lines + "|" + canonical(address.postcode()).replace(" ", "") + "|"
                + canonical(address.city()) + "|" + canonical(address.country());
    }

    /**
     * The address as a contact's columns hold it (its lines joined by line breaks), or null when it has none: the one
     * reading of those columns, so that whatever reads them (the entity, the export) hashes the same address.
     */
    public static PostalAddress stored(String lines, String postcode, String city, String country) {
        return lines == null ? null : new PostalAddress(Arrays.asList(lines.split("\n")), postcode, city, country);
    }

    private static String canonical(String text) {
        if (text == null) {
            return "";
        }
        String plain = Normalizer.normalize(text, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        return plain.toUpperCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N}]+", " ")
                .strip();
    }
}
