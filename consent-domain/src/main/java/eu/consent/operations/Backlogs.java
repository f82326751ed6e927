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

    /** The backlogs at one moment: what the metrics' five gauges show. */
    public record Snapshot(long mailWaiting, long mailFailing, Map<WebhookMessage.Status, Long> webhooks) {}

    /** Mail not sent yet (and those of it whose last attempt failed) and webhook messages by status: two reads. */
    public Snapshot read() {
        Object[] mail = (Object[])
                em.createNativeQuery("SELECT COUNT(*), COUNT(last_error) FROM mail_outbox WHERE sent_at IS NULL")
                        .getSingleResult();
        return new Snapshot(
                ((Number) mail[0]).longValue(), ((Number) mail[1]).longValue(), deliveries.countsByStatus());
    }
}
