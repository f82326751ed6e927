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
}
