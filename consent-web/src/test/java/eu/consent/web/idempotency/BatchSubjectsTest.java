package eu.consent.web.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BatchSubjectsTest {

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void onlyAJsonArrayIsABatch() {
        assertTrue(IdempotencyFilter.isArray(bytes(" \r\n\t[{}]")));
        assertFalse(IdempotencyFilter.isArray(bytes("{\"contactId\":\"x\"}")));
        assertFalse(IdempotencyFilter.isArray(bytes("  ")));
        assertFalse(IdempotencyFilter.isArray(new byte[0]));
    }

    @Test
    void aBatchNamesItsPeopleAndWhatIsNotJsonNamesNoOne() {
        assertEquals(
                Set.of("jane@example.com", "351ba799-7b2b-42a7-bc01-ba851a9d4a84"),
                IdempotencyFilter.namedBy(bytes("[{\"email\":\"jane@example.com\"},"
                        + "{\"contactId\":\"351ba799-7b2b-42a7-bc01-ba851a9d4a84\"}]")));
        assertEquals(Set.of(), IdempotencyFilter.namedBy(bytes("[{\"email\":")));
        assertEquals(Set.of(), IdempotencyFilter.namedBy(null));
    }
}
