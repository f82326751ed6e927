package eu.consent.web.contact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.consent.contact.Audience;
import eu.consent.contact.ContactDetails;
import eu.consent.contact.PostalAddress;
import eu.consent.shared.FieldError;
import eu.consent.shared.InvalidInputException;
import jakarta.json.Json;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The contact body read by the domain's rules into typed details, every broken rule at once. */
class ContactRequestTest {

    private static final ContactRequest VALID = new ContactRequest(
            " A@Example.FR",
            "06 12 34 56 78",
            new PostalAddress(List.of(" 1 rue X "), "75001", "Paris", "fr"),
            "fr_FR",
            "fr",
            "B2B",
            true,
            "crm-9",
            Json.createObjectBuilder().add("tier", "gold").build());

    @Test
    void normalizesAValidContact() {
        ContactDetails d = VALID.toDetails();
        assertEquals("a@example.fr", d.email());
        assertEquals("+33612345678", d.phone());
        assertEquals("FR", d.country());
        assertEquals("fr-FR", d.locale());
        assertEquals(Audience.B2B, d.audience());
        assertEquals(List.of("1 rue X"), d.postalAddress().lines());
        assertEquals("FR", d.postalAddress().country());
        assertEquals("{\"tier\":\"gold\"}", d.attributesJson());
    }

    @Test
    void reportsEveryBrokenRuleAtOnce() {
        InvalidInputException e = assertThrows(
                InvalidInputException.class,
                () -> new ContactRequest(null, null, null, null, null, null, null, null, null).toDetails());
        Set<String> fields = e.errors().stream().map(FieldError::field).collect(Collectors.toSet());
        assertEquals(Set.of("email", "country", "locale", "audience", "customer"), fields);
    }

    @Test
    void checksThePostalAddressFieldByField() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> new ContactRequest(
                        null,
                        null,
                        new PostalAddress(List.of(), null, "Paris", "ZZ"),
                        "fr",
                        "FR",
                        "B2C",
                        false,
                        null,
                        null)
                .toDetails());
        Set<String> fields = e.errors().stream().map(FieldError::field).collect(Collectors.toSet());
        assertEquals(Set.of("postalAddress.lines", "postalAddress.postcode", "postalAddress.country"), fields);
    }

    @Test
    void refusesUnknownEnumsCountriesAndHugeAttributes() {
        var huge = Json.createObjectBuilder().add("x", "y".repeat(8000)).build();
        InvalidInputException e = assertThrows(
                InvalidInputException.class,
                () -> new ContactRequest("a@b.fr", null, null, "french!", "XX", "B2G", false, " ", huge).toDetails());
        Set<String> fields = e.errors().stream().map(FieldError::field).collect(Collectors.toSet());
        assertTrue(
                fields.containsAll(Set.of("locale", "country", "audience", "externalId", "attributes")),
                fields.toString());
    }

    @Test
    void aContactReadsBackAsTheDetailsItWasWrittenFrom() {
        // the base of a merge patch: an unpatched contact must come out of the rules unchanged
        ContactDetails d = VALID.toDetails();
        assertEquals(d, ContactRequest.of(d).toDetails());
    }
}
