package eu.consent.idempotency;

import eu.consent.shared.Service;
import eu.consent.shared.Times;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Keeps and finds first answers; an expired key counts as never used. */
@Service
public class IdempotencyStore {

    /** The longest answer body kept for replay; a longer one is not kept (the key then simply does not replay). */
    static final int MAX_BODY = 32_000;

    @PersistenceContext(unitName = "consent")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "consent.idempotency.ttl", defaultValue = "PT24H")
    Duration ttl;

    @Transactional(Transactional.TxType.SUPPORTS)
    public Optional<IdempotentAnswer> find(String scopeHash) {
        IdempotentAnswer answer = em.find(IdempotentAnswer.class, scopeHash);
        return answer == null || answer.expiredAt(Times.now(clock)) ? Optional.empty() : Optional.of(answer);
    }

    /** Keeps the first answer; when a concurrent request with the same key kept one first, theirs stays. */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void keep(String scopeHash, String requestHash, int status, String location, String body) {
        if (body != null && body.length() > MAX_BODY) {
            return;
        }
        Instant now = Times.now(clock);
        IdempotentAnswer previous = em.find(IdempotentAnswer.class, scopeHash);
        if (previous != null) {
            if (!previous.expiredAt(now)) {
                return;
            }
            em.remove(previous);
            em.flush();
        }
        try {
            em.persist(new IdempotentAnswer(scopeHash, requestHash, status, location, body, now, now.plus(ttl)));
            em.flush();
        } catch (PersistenceException e) {
            // A concurrent request with the same key committed its answer first; that one is the first answer.
            em.clear();
        }
    }
}
