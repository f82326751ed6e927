package eu.consent.web.contact;

import eu.consent.contact.Contact;
import eu.consent.contact.PostalAddress;
import eu.consent.shared.Jsons;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.time.Instant;
import java.util.UUID;

/** A contact as the API shows it. */
public record ContactView(
        UUID id,
        String email,
        String phone,
        PostalAddress postalAddress,
        String locale,
        String country,
        String audience,
        boolean customer,
        String externalId,
        JsonObject attributes,
        Instant createdAt,
        Instant updatedAt,
        Instant lastActiveAt) {

    public static ContactView of(Contact c) {
        return new ContactView(
                c.id(),
                c.email(),
                c.phone(),
                c.postalAddress(),
                c.locale(),
                c.country(),
                c.audience().name(),
                c.isCustomer(),
                c.externalId(),
                attributes(c.attributesJson()),
                c.createdAt(),
                c.updatedAt(),
                c.lastActiveAt());
    }

    /** A contact's own attributes as the API shows them: the JSON object they were stored as. */
    static JsonObject attributes(String json) {
        return json == null ? null : Jsons.createReader(new StringReader(json)).readObject();
    }
}
