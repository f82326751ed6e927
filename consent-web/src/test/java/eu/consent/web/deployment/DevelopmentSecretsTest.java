package eu.consent.web.deployment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DevelopmentSecretsTest {

    private static Map<String, String> realSecrets() {
        Map<String, String> settings = new HashMap<>();
        DevelopmentSecrets.PUBLISHED.keySet().forEach(name -> settings.put(name, "k1:" + name + "-Zq8vR2xL0pW7nYt4"));
        return settings;
    }

    private static Optional<String> refusal(List<String> hosts, Map<String, String> settings) {
        return DevelopmentSecrets.refusal(hosts, name -> Optional.ofNullable(settings.get(name)));
    }

    @Test
    void developmentValuesAreAcceptedOnLoopbackOnly() {
        Map<String, String> dev = new HashMap<>(DevelopmentSecrets.PUBLISHED);
        for (String host : List.of("localhost", "127.0.0.1", "127.0.1.1", "::1", "[::1]", "LOCALHOST")) {
            assertTrue(refusal(List.of(host), dev).isEmpty(), host);
        }
        for (String host : List.of("*", "0.0.0.0", "::", "10.0.0.7", "192.168.1.20", "")) {
            assertTrue(refusal(List.of(host), dev).isPresent(), host);
        }
        assertTrue(refusal(List.of("localhost", "*"), dev).isPresent(), "one open endpoint is enough");
    }

    @Test
    void theRefusalNamesEverySettingStillAtItsDevelopmentValueAndItsEnvironmentVariable() {
        Map<String, String> settings = realSecrets();
        settings.put("consent.hash.secret", "dev-only-identifier-hash-secret");
        settings.put("consent.campaign.password", "dev-campaign");
        String reason = refusal(List.of("*"), settings).orElseThrow();
        assertTrue(reason.contains("consent.hash.secret (set CONSENT_HASH_SECRET)"), reason);
        assertTrue(reason.contains("consent.campaign.password (set CONSENT_CAMPAIGN_PASSWORD)"), reason);
        assertFalse(reason.contains("consent.token.keys"), reason);
        assertFalse(reason.contains("dev-only-identifier"), "the message never repeats a secret: " + reason);
    }

    @Test
    void aKeyRingStillHoldingTheDevelopmentKeyIsRefused() {
        Map<String, String> settings = realSecrets();
        settings.put("consent.token.keys", "k2:Zq8vR2xL0pW7nYt4aa,dev1:dev-only-token-key-change-me");
        assertEquals(
                List.of("consent.token.keys"), DevelopmentSecrets.inUse(n -> Optional.ofNullable(settings.get(n))));
    }

    @Test
    void aReceiptKeySetStillHoldingThePublishedKeyIsRefused() {
        Map<String, String> settings = realSecrets();
        settings.put(
                "consent.receipt.keys",
                "{\"keys\":[{\"kid\":\"r2\",\"kty\":\"EC\"},{\"kty\":\"EC\",\"kid\":\"dev-receipts-1\"}]}");
        assertEquals(
                List.of("consent.receipt.keys"), DevelopmentSecrets.inUse(n -> Optional.ofNullable(settings.get(n))));
    }

    @Test
    void realSecretsStartAnywhere() {
        assertTrue(refusal(List.of("*"), realSecrets()).isEmpty());
        assertTrue(refusal(List.of("0.0.0.0", "localhost"), realSecrets()).isEmpty());
    }

    @Test
    void anUnsetSecretCountsAsTheDevelopmentOneAnUnsetPasswordDoesNot() {
        Map<String, String> settings = realSecrets();
        settings.remove("consent.audit.secret");
        assertTrue(refusal(List.of("*"), settings).orElseThrow().contains("CONSENT_AUDIT_SECRET"));
        settings = realSecrets();
        settings.remove("consent.campaign.password"); // an LDAP registry replaced the development one
        assertTrue(refusal(List.of("*"), settings).isEmpty());
    }
}
