package eu.consent.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class PersonalRecordsTest {

    @Test
    void theTokensOfLinksThatActAsThePersonAreWithheldAndTheRestStays() {
        String body = "Confirmez : https://consent.example/confirm/Y29uZnxhYmM.k1.Zm9v_-x9\n"
                + "Vos choix : https://consent.example/preferences/cHJlZnx4.k1.YmFy/receipts\n"
                + "Désinscription <https://consent.example/unsubscribe/dW5z.k2.c2ln>, garder : http://h/stay/c3Rh.k1.eA.\n"
                + "Reçu : https://consent.example/receipts/cmVj.k1.c2ln";
        assertEquals(
                "Confirmez : https://consent.example/confirm/[withheld]\n"
                        + "Vos choix : https://consent.example/preferences/[withheld]/receipts\n"
                        + "Désinscription <https://consent.example/unsubscribe/[withheld]>, garder : http://h/stay/"
                        + "[withheld].\n"
                        + "Reçu : https://consent.example/receipts/cmVj.k1.c2ln",
                PersonalRecords.withoutActingTokens(body));
        assertNull(PersonalRecords.withoutActingTokens((String) null));
    }

    @Test
    void aDeliveryNamesTheIdentifiersItsDataCarriesAndNoneElse() {
        assertEquals(
                java.util.List.of("email", "phone"),
                PersonalRecords.identifiersIn(
                        "{\"id\":\"e1\",\"type\":\"consent.changed\",\"data\":{\"contactId\":\"c\","
                                + "\"phone\":\"+33612345678\",\"email\":\"jeanne@example.fr\"}}"));
        assertEquals(
                java.util.List.of("phone"),
                PersonalRecords.identifiersIn("{\"data\":{\"contactId\":\"c\",\"phone\":\"+33612345678\"}}"));
        // an erased person's stored payloads keep their facts without identifiers; a null member is no identifier
        assertEquals(
                java.util.List.of(),
                PersonalRecords.identifiersIn("{\"data\":{\"contactId\":\"c\",\"state\":\"GRANTED\"}}"));
        assertEquals(java.util.List.of(), PersonalRecords.identifiersIn("{\"data\":{\"email\":null}}"));
        assertEquals(java.util.List.of(), PersonalRecords.identifiersIn("{\"email\":\"outside-data@example.fr\"}"));
        assertEquals(java.util.List.of(), PersonalRecords.identifiersIn(null));
    }

    @Test
    void aReceiverIsNamedToAnAuditorByItsOriginOnly() {
        assertEquals(
                "https://hooks.example.com/[withheld]",
                PersonalRecords.recipientOnly("https://hooks.example.com/services/T000/B000/XXXXSECRET"));
        assertEquals(
                "http://127.0.0.1:18431/[withheld]", PersonalRecords.recipientOnly("http://127.0.0.1:18431/hook?k=v"));
        assertEquals("http://crm.example:8080/", PersonalRecords.recipientOnly("http://crm.example:8080/"));
        assertEquals("http://crm.example/", PersonalRecords.recipientOnly("http://crm.example"));
        assertEquals("[withheld]", PersonalRecords.recipientOnly("not a url"));
        assertNull(PersonalRecords.recipientOnly(null));
    }
}
