package eu.consent.web.contact;

import eu.consent.contact.Audience;
import eu.consent.contact.ContactDetails;
import eu.consent.contact.EmailAddresses;
import eu.consent.contact.PhoneNumbers;
import eu.consent.contact.PostalAddress;
import eu.consent.shared.LanguageTags;
import eu.consent.shared.Violations;
import jakarta.json.JsonObject;

/**
 * A contact as a client writes it (the {@code ContactInput} of the API: a POST body, or a contact after a merge patch):
 * raw values, so that an unknown audience is an error on its field. Its answer lists the errors in the order of its
 * rules, not of the body (the country first, since the phone is read in it; the missing identifier after the
 * identifiers), so these checks are written out here rather than declared for Bean Validation, which would order them
 * by field; each reads its field with the domain's own rule ({@link ContactDetails}, {@link EmailAddresses},
 * {@link PhoneNumbers}, {@link LanguageTags}).
 */
public record ContactRequest(
        String email,
        String phone,
        PostalAddress postalAddress,
        String locale,
        String country,
        String audience,
        Boolean customer,
        String externalId,
        JsonObject attributes) {

    /** The contact as a client would have written it: the base a merge patch applies to. */
    static ContactRequest of(ContactDetails d) {
        return new ContactRequest(
                d.email(),
                d.phone(),
                d.postalAddress(),
                d.locale(),
                d.country(),
                d.audience().name(),
                d.customer(),
                d.externalId(),
                ContactView.attributes(d.attributesJson()));
    }

    /** The typed details, or every error at once. */
    public ContactDetails toDetails() {
        Violations v = new Violations();
        String countryCode = ContactDetails.country(country, "country", v);
        v.require("country", country);
        String address = email == null ? null : EmailAddresses.normalize(email, "email", v);
        String number = phone == null ? null : PhoneNumbers.toE164(phone, countryCode, "phone", v);
        PostalAddress postal = postalAddress == null ? null : ContactDetails.postal(postalAddress, v);
        if (email == null && phone == null && postalAddress == null) {
            v.add("email", ContactDetails.ONE_IDENTIFIER);
        }
        String tag = v.require("locale", locale) == null ? null : LanguageTags.normalize(locale, "locale", v);
        Audience kind = v.enumValue("audience", v.require("audience", audience), Audience.class);
        Boolean isCustomer = v.require("customer", customer);
        String external = ContactDetails.text(externalId, "externalId", v);
        String attributesJson = ContactDetails.attributes(attributes, v);
        v.throwIfAny();
        return new ContactDetails(
                address, number, postal, tag, countryCode, kind, isCustomer, external, attributesJson);
    }
}
