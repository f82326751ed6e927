package eu.consent.contact;

import eu.consent.shared.Violations;
import jakarta.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
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

    /** A contact written through the API is reached somehow: the rule's message, on {@code email}. */
    public static final String ONE_IDENTIFIER = "at least one of email, phone or postalAddress is required";

    static final int MAX_ATTRIBUTES_LENGTH = 8000;
    private static final int MAX_TEXT = 200;
    private static final int MAX_ADDRESS_LINES = 5;
    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    /**
     * The typed, normalized details a contact is written from: built by the web layer's request from a client's body,
     * reading each field with the rules below, so that the domain never parses what a request carried. The columns
     * the table requires are required here too.
     */
    public ContactDetails {
        Objects.requireNonNull(country, "country");
        Objects.requireNonNull(locale, "locale");
        Objects.requireNonNull(audience, "audience");
    }

    /** The details of a contact as it stands: the base a change is applied to. */
    public static ContactDetails of(Contact c) {
        return new ContactDetails(
                c.email(),
                c.phone(),
                c.postalAddress(),
                c.locale(),
                c.country(),
                c.audience(),
                c.isCustomer(),
                c.externalId(),
                c.attributesJson());
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

    /** A free text of 1 to 200 characters, stripped; a violation (and null) for anything else. */
    public static String text(String raw, String field, Violations v) {
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

    /** The client's own attributes as JSON text, bounded; a violation (and null) when too long. */
    public static String attributes(JsonObject attributes, Violations v) {
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
