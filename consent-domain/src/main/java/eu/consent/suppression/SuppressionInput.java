package eu.consent.suppression;

import eu.consent.contact.PostalAddress;

/**
 * A suppression as a client adds it: one identifier (email, phone in international form, or postal address), channel,
 * reason.
 */
public record SuppressionInput(
        String email,
        String phone,
        PostalAddress postalAddress,
        String channel,
        String purpose,
        String reason,
        String source) {}
