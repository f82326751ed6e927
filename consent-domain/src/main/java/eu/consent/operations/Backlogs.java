package eu.consent.operations;

import eu.consent.shared.Service;
import eu.consent.webhook.Deliveries;
import eu.consent.webhook.WebhookMessage;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;

/** What waits in the outboxes, read when metrics are scraped: a growing backlog means a relay cannot keep up. */
@Service
@Transactional(Transactional.TxType.SUPPORTS)
public class Backlogs {

    @PersistenceContext(unitName = "consent")
    EntityManager em;

    @Inject
    Deliveries deliveries;

    /** Mail not sent yet. */
    public long mailWaiting() {
        return count("SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NULL");
    }

    /** Mail not sent yet whose last attempt failed. */
    public long mailFailing() {
        return count("SELECT COUNT(*) FROM mail_outbox WHERE sent_at IS NULL AND last_error IS NOT NULL");
    }

    public long webhooks(WebhookMessage.Status status) {
        return deliveries.countsByStatus().get(status);
    }

    private long count(String sql) {
        return ((Number) em.createNativeQuery(sql).getSingleResult()).longValue();
    }
}
