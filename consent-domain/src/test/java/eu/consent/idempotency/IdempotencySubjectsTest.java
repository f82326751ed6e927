package eu.consent.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;

import eu.consent.shared.Jsons;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IdempotencySubjectsTest {

    @Test
    void aBatchNamesEachElementsContactEmailAndPhoneAsTheContactKeepsThem() {
        assertEquals(
                List.of(
                        "351ba799-7b2b-42a7-bc01-ba851a9d4a84",
                        "jane@example.com",
                        "+33615533116",
                        "0000000a-0000-0000-0000-000000000001"),
                List.copyOf(IdempotencySubjects.namedBy(Jsons.readStrict("[{\"contactId\":"
                        + " \"351BA799-7B2B-42A7-BC01-BA851A9D4A84 \",\"purpose\":\"nl\"},"
                        + "{\"type\":\"SOFT_BOUNCE\",\"email\":\"Jane@Example.COM\",\"phone\":\"+33 6 15 53 31 16\"},"
                        + "{\"contactId\":\"a-0-0-0-1\"},"
                        + "{\"email\":\"jane@example.com\"}]"))));
    }

    @Test
    void whatIsNoIdentifierOrNoBatchNamesNoOne() {
        assertEquals(
                Set.of(),
                IdempotencySubjects.namedBy(Jsons.readStrict(
                        "[{\"contactId\":\"nobody\",\"email\":\"not an address\",\"phone\":\"06 15 53 31 16\"},"
                                + "{\"contactId\":7},\"x\",null,[]]")));
        assertEquals(
                Set.of(),
                IdempotencySubjects.namedBy(
                        Jsons.readStrict("{\"contactId\":\"351ba799-7b2b-42a7-bc01-ba851a9d4a84\"}")));
    }
}
