package eu.consent.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.consent.webhook.SecretVault;
import eu.consent.webhook.Webhooks;
import jakarta.inject.Inject;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Webhook secrets at rest, read straight from the table the real service writes: sealed, never in clear, through a
 * rotation too; and a row written in clear (before secrets were sealed) is sealed by the start-up pass.
 */
@ExtendWith(ArquillianExtension.class)
class WebhookSecretsIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.domain("webhook-secrets");
    }

    @Inject
    Webhooks webhooks;

    @Inject
    SecretVault vault;

    @Inject
    Tx tx;

    private UUID subscription;

    @AfterEach
    void unsubscribe() {
        if (subscription != null) {
            webhooks.delete(subscription);
        }
    }

    @Test
    void theTableHoldsNoSecretInClearNotEvenDuringARotation() {
        Webhooks.Created created = webhooks.subscribe("http://127.0.0.1:9/hook", List.of("consent.changed"), false);
        subscription = created.subscription().id();
        String id = subscription.toString();
        String[] stored = stored(id);
        assertSealed(stored[0], created.secret());
        assertEquals(created.secret(), vault.open(id, stored[0]));

        Webhooks.Rotated rotated = webhooks.rotateSecret(subscription);
        String[] after = stored(id);
        assertSealed(after[0], rotated.secret());
        assertSealed(after[1], created.secret());
        assertFalse(after[0].contains(created.secret().substring(6)));
        assertEquals(rotated.secret(), vault.open(id, after[0]));
        assertEquals(created.secret(), vault.open(id, after[1]), "the previous secret still signs in the overlap");
        // The subscription id is authenticated with the secret: a sealed value copied onto another row does not open.
        assertThrows(
                IllegalStateException.class, () -> vault.open(UUID.randomUUID().toString(), after[0]));
    }

    @Test
    void aSecretStoredInClearIsSealedByTheStartUpPass() {
        Webhooks.Created created = webhooks.subscribe("http://127.0.0.1:9/hook", List.of("consent.changed"), false);
        subscription = created.subscription().id();
        String id = subscription.toString();
        // What a row written before V020 holds.
        tx.run(em -> em.createNativeQuery("UPDATE webhook_subscription SET secret = ? WHERE id = ?")
                .setParameter(1, created.secret())
                .setParameter(2, id)
                .executeUpdate());
        assertEquals(created.secret(), stored(id)[0]);

        assertTrue(webhooks.resealSecrets() >= 1);

        String sealed = stored(id)[0];
        assertSealed(sealed, created.secret());
        assertEquals(created.secret(), vault.open(id, sealed));
        assertEquals(0, webhooks.resealSecrets(), "nothing left to seal: every write seals");
    }

    private static void assertSealed(String stored, String secret) {
        assertTrue(stored.startsWith("aes:"), stored);
        assertFalse(stored.contains(secret.substring("whsec_".length())), "the secret in clear: " + stored);
    }

    private String[] stored(String id) {
        Object[] row = tx.call(em ->
                (Object[]) em.createNativeQuery("SELECT secret, previous_secret FROM webhook_subscription WHERE id = ?")
                        .setParameter(1, id)
                        .getSingleResult());
        return new String[] {(String) row[0], (String) row[1]};
    }
}
