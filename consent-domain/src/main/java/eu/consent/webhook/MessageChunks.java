package eu.consent.webhook;

import jakarta.persistence.EntityManager;
import java.util.List;

/**
 * Removes webhook messages with their attempts one id at a time, a bounded chunk per transaction. One id at a time,
 * because Derby ran a delete of attempts {@code IN (SELECT …)} of messages as a join over every attempt in the outbox,
 * and one {@code IN (?, ?, …)} of a few ids as a scan of every attempt (see {@link WebhookAttempt#OF_MESSAGE}); bounded,
 * because on Derby a transaction holding a few thousand row locks of a table escalates them to a lock of the whole
 * table, which the outbox's insert in every opt-out's transaction would then wait on until the commit.
 */
final class MessageChunks {

    /** Messages per transaction: with their attempts, well under Derby's lock escalation threshold (5,000). */
    static final int SIZE = 100;

    private MessageChunks() {}

    /** Deletes these messages and their attempts; returns how many messages there were. */
    static int remove(EntityManager em, List<String> ids) {
        for (String id : ids) {
            // The message first: a relay recording an attempt holds the message's row until it commits, so that attempt
            // is either committed before this delete gets the row (and goes with it) or finds no message to record.
            em.createNamedQuery(WebhookMessage.DELETE_BY_ID)
                    .setParameter("id", id)
                    .executeUpdate();
            em.createNamedQuery(WebhookAttempt.DELETE_OF_MESSAGE)
                    .setParameter("message", id)
                    .executeUpdate();
        }
        return ids.size();
    }
}
