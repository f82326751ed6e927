package eu.consent.container;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.consent.contact.Audience;
import eu.consent.contact.ContactDetails;
import eu.consent.contact.ContactService;
import eu.consent.privacy.PrivacyService;
import eu.consent.webhook.Deliveries;
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
 * What a delivery sends is the message as it is when its attempt is claimed, not as the relay found it due: an erasure
 * committed in between has removed the person's identifiers from it (WebhookIT once received the email after the
 * erasure had answered).
 */
@ExtendWith(ArquillianExtension.class)
class WebhookClaimIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.domain("webhook-claim");
    }

    @Inject
    Webhooks webhooks;

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
}
