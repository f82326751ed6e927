package eu.consent.operations;

import eu.consent.shared.Service;
import eu.consent.webhook.Deliveries;
import eu.consent.webhook.WebhookMessage;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.util.Map;

/** What waits in the outboxes, read when metrics are scraped: a growing backlog means a relay cannot keep up. */
@Service
@Transactional(Transactional.TxType.SUPPORTS)
public class Backlogs {

    @PersistenceContext(unitName = "consent")
    EntityManager em;

    @Inject
    Deliveries deliveries;

    /** The mail outbox's backlog at one moment. */
    public record Mail(long waiting, long failing) {}

    /** Mail not sent yet, and those of it whose last attempt failed: one read. */
    public Mail mail() {
        Object[] counts = (Object[])
                em.createNativeQuery("SELECT COUNT(*), COUNT(last_error) FROM mail_outbox WHERE sent_at IS NULL")
                        .getSingleResult();
        return new Mail(((Number) counts[0]).longValue(), ((Number) counts[1]).longValue());
    }

    /** Webhook messages by status: one read. */
    public Map<WebhookMessage.Status, Long> webhooks() {
        return deliveries.countsByStatus();
    }
}
