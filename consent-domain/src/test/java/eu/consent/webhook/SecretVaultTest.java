package eu.consent.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SecretVaultTest {

    private static final String SECRET = Signature.newSecret();
    private static final String ID = UUID.randomUUID().toString();

    private final SecretVault vault = SecretVault.of("k2:second-key-of-the-ring-0123,k1:first-key-of-the-ring-0123");

    @Test
    void aSealedSecretOpensAndHoldsNothingInClear() {
        String sealed = vault.seal(ID, SECRET);
        assertTrue(sealed.startsWith("aes:k2:"), sealed);
        assertFalse(sealed.contains(SECRET.substring("whsec_".length())));
        assertEquals(SECRET, vault.open(ID, sealed));
        assertTrue(vault.isCurrent(sealed));
    }

    @Test
    void eachSealingUsesItsOwnNonce() {
        assertNotEquals(vault.seal(ID, SECRET), vault.seal(ID, SECRET));
    }

    @Test
    void aSecretMovedToAnotherSubscriptionOrAlteredDoesNotOpen() {
        String sealed = vault.seal(ID, SECRET);
        assertThrows(
                IllegalStateException.class, () -> vault.open(UUID.randomUUID().toString(), sealed));
        byte[] bytes = Base64.getDecoder().decode(sealed.substring("aes:k2:".length()));
        bytes[bytes.length - 1] ^= 1;
        String altered = "aes:k2:" + Base64.getEncoder().encodeToString(bytes);
        assertThrows(IllegalStateException.class, () -> vault.open(ID, altered));
    }

    @Test
    void anOlderKeyOfTheRingStillOpensAndIsNotCurrent() {
        String old = SecretVault.of("k1:first-key-of-the-ring-0123").seal(ID, SECRET);
        assertEquals(SECRET, vault.open(ID, old));
        assertFalse(vault.isCurrent(old));
    }

    @Test
    void aKeyDroppedFromTheRingIsNamed() {
        String sealed = vault.seal(ID, SECRET);
        IllegalStateException thrown =
                assertThrows(IllegalStateException.class, () -> SecretVault.of("k3:third-key-of-the-ring-0123")
                        .open(ID, sealed));
        assertTrue(thrown.getMessage().contains("'k2'"), thrown.getMessage());
    }

    @Test
    void aSecretStoredInClearIsReadAsItIsAndIsNotCurrent() {
        assertEquals(SECRET, vault.open(ID, SECRET));
        assertFalse(vault.isCurrent(SECRET));
    }

    @Test
    void aMalformedRingIsRefused() {
        assertThrows(IllegalStateException.class, () -> SecretVault.of("no-id-here"));
        assertThrows(IllegalStateException.class, () -> SecretVault.of("k1:short"));
        assertThrows(IllegalStateException.class, () -> SecretVault.of("bad id:long-enough-secret-0123"));
    }

    @Test
    void aRotationKeepsThePreviousSecretSigningUntilTheOverlapEnds() {
        java.time.Instant now = java.time.Instant.now();
        Subscription subscription = new Subscription(
                UUID.fromString(ID),
                java.net.URI.create("http://127.0.0.1:9/hook"),
                java.util.Set.of(WebhookEvent.CONSENT_CHANGED),
                false,
                vault.seal(ID, SECRET),
                now);
        String next = Signature.newSecret();
        subscription.rotate(next, now, java.time.Duration.ofHours(1), vault);
        assertEquals(java.util.List.of(next, SECRET), subscription.signingSecrets(now, vault));
        assertEquals(java.util.List.of(next), subscription.signingSecrets(now.plusSeconds(3601), vault));
    }

    @Test
    void aRotationOutOfASecretWhoseKeyLeftTheRingKeepsNoPreviousSecret() {
        java.time.Instant now = java.time.Instant.now();
        String lost = SecretVault.of("k0:a-key-nobody-has-any-more-01").seal(ID, SECRET);
        Subscription subscription = new Subscription(
                UUID.fromString(ID),
                java.net.URI.create("http://127.0.0.1:9/hook"),
                java.util.Set.of(WebhookEvent.CONSENT_CHANGED),
                false,
                lost,
                now);
        assertFalse(vault.opens(ID, lost));
        String next = Signature.newSecret();
        subscription.rotate(next, now, java.time.Duration.ofHours(1), vault);
        assertEquals(java.util.List.of(next), subscription.signingSecrets(now, vault));
    }
}
