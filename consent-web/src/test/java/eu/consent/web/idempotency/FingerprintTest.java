package eu.consent.web.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.consent.shared.Hashing;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FingerprintTest {

    private static final String BODY = Hashing.sha256Hex("email\na@example.org\n");

    private static Map<String, List<String>> query(String... pairs) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            query.computeIfAbsent(pairs[i], k -> new java.util.ArrayList<>()).add(pairs[i + 1]);
        }
        return query;
    }

    @Test
    void theOrderOfTheParametersDoesNotMatter() {
        assertEquals(
                IdempotencyFilter.fingerprint(BODY, query("format", "bloctel", "force", "true")),
                IdempotencyFilter.fingerprint(BODY, query("force", "true", "format", "bloctel")));
    }

    @Test
    void anotherQueryIsAnotherRequest() {
        String first = IdempotencyFilter.fingerprint(BODY, query("format", "generic"));
        assertFalse(IdempotencyFilter.sameRequest(first, BODY, query("format", "bloctel", "force", "true")));
        assertFalse(IdempotencyFilter.sameRequest(first, BODY, query()));
        assertFalse(
                IdempotencyFilter.sameRequest(IdempotencyFilter.fingerprint(BODY, query()), BODY, query("bogus", "1")));
        assertTrue(IdempotencyFilter.sameRequest(first, BODY, query("format", "generic")));
        // a separator inside a value is not a second parameter
        assertNotEquals(
                IdempotencyFilter.fingerprint(BODY, query("a", "1&b=2")),
                IdempotencyFilter.fingerprint(BODY, query("a", "1", "b", "2")));
    }

    @Test
    void anAnswerKeptBeforeQueriesWereComparedStillReplaysItsBody() {
        assertTrue(IdempotencyFilter.sameRequest(BODY, BODY, query("format", "generic")));
        assertFalse(IdempotencyFilter.sameRequest(BODY, Hashing.sha256Hex("another body"), query()));
        assertNotEquals(BODY, IdempotencyFilter.fingerprint(BODY, query()), "a new answer never looks like an old one");
    }
}
