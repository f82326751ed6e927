package eu.consent.contact;

import jakarta.json.JsonObject;

/**
 * A contact as a client writes it (POST, or the result of a merge patch): raw values, validated by
 * {@link ContactDetails#of}. Enum-valued fields stay strings so that an unknown value is a field error, not a parse
 * error.
 */
public record ContactInput(
        String email,
        String phone,
        PostalAddress postalAddress,
        String locale,
        String country,
        String audience,
        Boolean customer,
        String externalId,
        JsonObject attributes) {}
