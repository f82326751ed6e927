package eu.consent.contact;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.consent.shared.FieldError;
import eu.consent.shared.InvalidInputException;
import jakarta.json.Json;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ContactDetailsTest {

    @Test
    void normalizesAValidContact() {
        ContactDetails d = ContactDetails.of(new ContactInput(
                " A@Example.FR",
                "06 12 34 56 78",
                new PostalAddress(List.of(" 1 rue X "), "75001", "Paris", "fr"),
                "fr_FR",
                "fr",
                "B2B",
                true,
                "crm-9",
                Json.createObjectBuilder().add("tier", "gold").build()));
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
                () -> ContactDetails.of(new ContactInput(null, null, null, null, null, null, null, null, null)));
        Set<String> fields = e.errors().stream().map(FieldError::field).collect(Collectors.toSet());
        assertEquals(Set.of("email", "country", "locale", "audience", "customer"), fields);
    }

    @Test
    void checksThePostalAddressFieldByField() {
        InvalidInputException e = assertThrows(
                InvalidInputException.class,
                () -> ContactDetails.of(new ContactInput(
                        null,
                        null,
                        new PostalAddress(List.of(), null, "Paris", "ZZ"),
                        "fr",
                        "FR",
                        "B2C",
                        false,
                        null,
                        null)));
        Set<String> fields = e.errors().stream().map(FieldError::field).collect(Collectors.toSet());
        assertEquals(Set.of("postalAddress.lines", "postalAddress.postcode", "postalAddress.country"), fields);
    }

    @Test
    void refusesUnknownEnumsCountriesAndHugeAttributes() {
        var huge = Json.createObjectBuilder()
                .add("x", "y".repeat(ContactDetails.MAX_ATTRIBUTES_LENGTH))
                .build();
        InvalidInputException e = assertThrows(
                InvalidInputException.class,
                () -> ContactDetails.of(
                        new ContactInput("a@b.fr", null, null, "french!", "XX", "B2G", false, " ", huge)));
        Set<String> fields = e.errors().stream().map(FieldError::field).collect(Collectors.toSet());
        assertTrue(
                fields.containsAll(Set.of("locale", "country", "audience", "externalId", "attributes")),
                fields.toString());
    }
}
