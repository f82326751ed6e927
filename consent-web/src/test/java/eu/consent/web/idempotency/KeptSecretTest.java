package eu.consent.web.idempotency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.consent.webhook.SecretVault;
import org.junit.jupiter.api.Test;

/** A webhook's signing secret in a kept answer: sealed at rest, whole again in the replay. */
class KeptSecretTest {

    private static final SecretVault VAULT = SecretVault.of("k1:a-test-key-of-sixteen-chars");

    @Test
    void aSecretIsKeptSealedAndReplayedInClear() {
        String answer = "{\"id\":\"w-1\",\"secret\":\"whsec_abc\",\"url\":\"http://h/x\"}";
        String kept = IdempotencyFilter.sealingSecret(answer, VAULT);
        assertFalse(kept.contains("whsec_abc"), kept);
        assertTrue(kept.contains("\"sealed\":\"aes:k1:"), kept);
        assertEquals(
                "{\"id\":\"w-1\",\"secret\":\"whsec_abc\",\"url\":\"http://h/x\"}",
                IdempotencyFilter.withSecret(kept, VAULT));
        // Sealed for its own subscription: moved onto another id it does not open.
        String moved = kept.replace("\"w-1\"", "\"w-2\"");
        assertEquals(
                "{\"id\":\"w-2\",\"secret\":null,\"url\":\"http://h/x\"}", IdempotencyFilter.withSecret(moved, VAULT));
        // Its key dropped from the ring since: null rather than a failure.
        assertTrue(IdempotencyFilter.withSecret(kept, SecretVault.of("k2:another-key-sixteen-chars"))
                .contains("\"secret\":null"));
    }

    @Test
    void answersWithoutASecretAreKeptAsTheyAre() {
        String answer = "{\"id\":\"c-1\",\"state\":\"GRANTED\"}";
        assertEquals(answer, IdempotencyFilter.sealingSecret(answer, VAULT));
        assertEquals(answer, IdempotencyFilter.withSecret(answer, VAULT));
        assertEquals(
                "{\"secret\":null}", IdempotencyFilter.sealingSecret("{\"secret\":\"whsec_x\"}", VAULT), "no id: none");
    }
}
