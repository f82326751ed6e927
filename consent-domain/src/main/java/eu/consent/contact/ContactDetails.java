package eu.consent.contact;

import eu.consent.shared.LanguageTags;
import eu.consent.shared.Violations;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** A contact's validated, normalized details: what a {@link Contact} is created or updated from. */
public record ContactDetails(
        String email,
        String phone,
        PostalAddress postalAddress,
        String locale,
        String country,
        Audience audience,
        boolean customer,
        String externalId,
        String attributesJson) {

    static final int MAX_ATTRIBUTES_LENGTH = 8000;
    private static final int MAX_TEXT = 200;
    private static final int MAX_ADDRESS_LINES = 5;
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    /** Validates every field of {@code in}, reporting all broken rules at once. */
    public static ContactDetails of(ContactInput in) {
        Violations v = new Violations();
        String country = country(in.country(), "country", v);
        v.require("country", in.country());
        String email = in.email() == null ? null : EmailAddresses.normalize(in.email(), "email", v);
        String phone = in.phone() == null ? null : PhoneNumbers.toE164(in.phone(), country, "phone", v);
        PostalAddress postal = in.postalAddress() == null ? null : postal(in.postalAddress(), v);
        if (in.email() == null && in.phone() == null && in.postalAddress() == null) {
            v.add("email", "at least one of email, phone or postalAddress is required");
        }
        String locale =
                v.require("locale", in.locale()) == null ? null : LanguageTags.normalize(in.locale(), "locale", v);
        Audience audience = v.enumValue("audience", v.require("audience", in.audience()), Audience.class);
        Boolean customer = v.require("customer", in.customer());
        String externalId = text(in.externalId(), "externalId", v);
        String attributes = attributes(in.attributes(), v);
        v.throwIfAny();
        return new ContactDetails(email, phone, postal, locale, country, audience, customer, externalId, attributes);
    }

    /** An ISO 3166-1 alpha-2 code, upper-cased; a violation (and null) for anything else. */
    public static String country(String raw, String field, Violations v) {
        if (raw == null) {
            return null;
        }
        String upper = raw.strip().toUpperCase(Locale.ROOT);
        if (!COUNTRIES.contains(upper)) {
            v.add(field, "must be an ISO 3166-1 alpha-2 country code");
            return null;
        }
        return upper;
    }

    private static String text(String raw, String field, Violations v) {
        if (raw == null) {
            return null;
        }
        if (raw.isBlank() || raw.length() > MAX_TEXT) {
            v.add(field, "must be 1 to " + MAX_TEXT + " characters");
            return null;
        }
        return raw.strip();
    }

    /** Validates a postal address (fields named {@code postalAddress.…}); lines and texts stripped. */
    public static PostalAddress postal(PostalAddress in, Violations v) {
        List<String> lines = new ArrayList<>();
        if (in.lines() == null || in.lines().isEmpty() || in.lines().size() > MAX_ADDRESS_LINES) {
            v.add("postalAddress.lines", "must hold 1 to " + MAX_ADDRESS_LINES + " lines");
        } else {
            for (String line : in.lines()) {
                if (line == null || line.isBlank() || line.length() > MAX_TEXT || line.contains("\n")) {
                    v.add("postalAddress.lines", "each line must be 1 to " + MAX_TEXT + " characters on one line");
                    break;
                }
                lines.add(line.strip());
            }
        }
        String postcode = text(v.require("postalAddress.postcode", in.postcode()), "postalAddress.postcode", v);
        String city = text(v.require("postalAddress.city", in.city()), "postalAddress.city", v);
        String country = country(v.require("postalAddress.country", in.country()), "postalAddress.country", v);
        return new PostalAddress(List.copyOf(lines), postcode, city, country);
    }

    private static String attributes(JsonObject attributes, Violations v) {
        if (attributes == null) {
            return null;
        }
        String json = attributes.toString();
        if (json.length() > MAX_ATTRIBUTES_LENGTH) {
            v.add("attributes", "must be at most " + MAX_ATTRIBUTES_LENGTH + " characters of JSON");
            return null;
        }
        return json;
    }
}
