package eu.consent.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.consent.contact.Audience;
import eu.consent.contact.ContactDetails;
import eu.consent.contact.ContactService;
import eu.consent.privacy.PrivacyService;
import eu.consent.webhook.Deliveries;
import eu.consent.webhook.SecretVault;
import eu.consent.webhook.WebhookMessage;
import eu.consent.webhook.Webhooks;
import jakarta.inject.Inject;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The webhook store, read and written in the table the real service uses. Secrets at rest: sealed, never in clear, not
 * even during a rotation; a row written in clear (before secrets were sealed) sealed by the start-up pass; a secret
 * that does not open disabling its subscription. And what an attempt sends: the message as it is once claimed, not as
 * the relay found it due (an erasure committed in between has removed the person's identifiers; WebhookIT once
 * received the email after the erasure had answered).
 */
@ExtendWith(ArquillianExtension.class)
class WebhookStoreIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.domain("webhook-store");
    }

    @Inject
    Webhooks webhooks;

    @Inject
    SecretVault vault;

    @Inject
    Deliveries deliveries;

    @Inject
    ContactService contacts;

    @Inject
    PrivacyService privacy;

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

    @Test
    void aSecretThatDoesNotOpenDisablesItsSubscriptionWithTheReasonUntilARotation() {
        Webhooks.Created created = webhooks.subscribe("http://127.0.0.1:9/hook", List.of("consent.changed"), false);
        subscription = created.subscription().id();
        String id = subscription.toString();
        Webhooks.Created other = webhooks.subscribe("http://127.0.0.1:9/other", List.of("consent.changed"), false);
        String moved = stored(other.subscription().id().toString())[0];
        webhooks.delete(other.subscription().id());
        // What a copied row (or an altered one) holds: sealed for another subscription.
        tx.run(em -> em.createNativeQuery("UPDATE webhook_subscription SET secret = ? WHERE id = ?")
                .setParameter(1, moved)
                .setParameter(2, id)
                .executeUpdate());
        String message = UUID.randomUUID().toString();
        Timestamp now = Timestamp.from(Instant.now());
        tx.run(em -> em.createNativeQuery("INSERT INTO webhook_message (id, subscription_id, event_id, event_type, seq,"
                        + " order_key, has_identifiers, payload, status, attempts, next_attempt_at, created_at)"
                        + " VALUES (?, ?, ?, 'consent.changed', 1, ?, FALSE, '{}', 'PENDING', 0, ?, ?)")
                .setParameter(1, message)
                .setParameter(2, id)
                .setParameter(3, UUID.randomUUID().toString())
                .setParameter(4, "consent:" + message)
                .setParameter(5, now)
                .setParameter(6, now)
                .executeUpdate());

        // This server's relay may take the message first: either way nothing is sent and the subscription says why.
        WebhookMessage due = tx.call(em -> em.find(WebhookMessage.class, message));
        assertTrue(deliveries.claim(due).isEmpty(), "nothing can be signed");
        var disabled = webhooks.get(subscription);
        assertFalse(disabled.isActive());
        assertTrue(disabled.disabledReason().contains("does not open"), disabled.disabledReason());
        assertTrue(disabled.disabledReason().contains("rotate the secret"), disabled.disabledReason());
        var delivery = webhooks.deliveries(subscription, 10, null).items().get(0);
        var tried = delivery.attempts();
        assertEquals(1, tried.size(), "one attempt recorded, not one per relay pass");
        assertTrue(tried.get(0).error().contains("does not open"), tried.get(0).error());
        assertEquals(tried.get(0).error(), delivery.message().lastError());

        Webhooks.Rotated rotated = webhooks.rotateSecret(subscription);
        assertEquals(rotated.secret(), vault.open(id, stored(id)[0]));
        assertNull(stored(id)[1], "the unreadable secret is dropped, not kept for the overlap");
    }

    @Test
    void anErasureBetweenFindingAMessageDueAndClaimingItLeavesTheIdentifiersOut() {
        subscription = webhooks.subscribe("http://127.0.0.1:9/hook", List.of("consent.changed"), true)
                .subscription()
                .id();
        String email = UUID.randomUUID() + "@example.com";
        UUID person = contacts.create(
                        new ContactDetails(email, null, null, "en", "FR", Audience.B2C, false, null, null))
                .id();
        String message = UUID.randomUUID().toString();
        // Queued with the person's email, its next try an hour away so that this server's own relay leaves it alone.
        Timestamp now = Timestamp.from(Instant.now());
        Timestamp later = Timestamp.from(Instant.now().plus(Duration.ofHours(1)));
        tx.run(em -> em.createNativeQuery("INSERT INTO webhook_message (id, subscription_id, event_id, event_type, seq,"
                        + " order_key, contact_id, has_identifiers, payload, status, attempts, next_attempt_at,"
                        + " created_at) VALUES (?, ?, ?, 'consent.changed', 1, ?, ?, TRUE, ?, 'PENDING', 0, ?, ?)")
                .setParameter(1, message)
                .setParameter(2, subscription.toString())
                .setParameter(3, UUID.randomUUID().toString())
                .setParameter(4, "consent:" + person)
                .setParameter(5, person.toString())
                .setParameter(
                        6,
                        "{\"type\":\"consent.changed\",\"data\":{\"contactId\":\"" + person + "\",\"email\":\"" + email
                                + "\",\"state\":\"GRANTED\"}}")
                .setParameter(7, later)
                .setParameter(8, now)
                .executeUpdate());
        WebhookMessage foundDue = tx.call(em -> em.find(WebhookMessage.class, message));
        assertTrue(foundDue.payload().contains(email));

        privacy.erase(person);

        var request = deliveries.claim(foundDue).orElseThrow();
        assertFalse(request.payload().contains(email), request.payload());
        assertTrue(request.payload().contains("GRANTED"), "the facts stay: " + request.payload());
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
