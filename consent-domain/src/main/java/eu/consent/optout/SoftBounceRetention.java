package eu.consent.optout;

import eu.consent.shared.OrdinaryOutcomes;
import eu.consent.shared.Times;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Deletes the soft bounces past their threshold window, which can no longer count towards suppressing an address:
 * the README keeps them "until the threshold window has passed". Until 2026-12-07 nothing deleted them but the erasure
 * or purge of their holder, so a bounce of an address no one holds stayed for ever with its provider's message id
 * (tester AY's F5). The nightly purge walks the table by id, a bounded chunk per transaction.
 */
@ApplicationScoped
@OrdinaryOutcomes
public class SoftBounceRetention {

    /** What one chunk did: the last id it read (null: the walk is over) and how many bounces it deleted. */
    public record Chunk(String last, int deleted) {}

    @PersistenceContext(unitName = "consent")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "consent.esp.soft-bounce.window", defaultValue = "P30D")
    Duration window;

    /** The instant before which a soft bounce no longer counts: the same window as {@link EspEventApplier} counts. */
    public Instant cutoff() {
        return cutoff(Times.now(clock), window);
    }

    static Instant cutoff(Instant now, Duration window) {
        return now.minus(window);
    }

    /**
     * Deletes up to {@code size} soft bounces dated before {@code cutoff}, after the id {@code after} (null: from the
     * first), with the row of each address left with no bounce that none has touched since the cutoff
     * (a report touching it now keeps it: it locks that row first).
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public Chunk forgetChunk(String after, Instant cutoff, int size) {
        // Only the bounces past the window: every chunk read the recent ones too, to throw them away (re-read).
        List<Object[]> past = em.createQuery(
                        "SELECT b.id, b.identifierHash FROM SoftBounce b WHERE b.id > :after AND b.occurredAt < :cutoff"
                                + " ORDER BY b.id",
                        Object[].class)
                .setParameter("after", after == null ? "" : after)
                .setParameter("cutoff", cutoff)
                .setMaxResults(size)
                .getResultList();
        if (!past.isEmpty()) {
            em.createQuery("DELETE FROM SoftBounce b WHERE b.id IN :ids")
                    .setParameter("ids", past.stream().map(r -> (String) r[0]).toList())
                    .executeUpdate();
            for (String hash : past.stream().map(r -> (String) r[1]).distinct().toList()) {
                em.createNativeQuery("DELETE FROM soft_bounce_address WHERE identifier_hash = ? AND last_bounce_at < ?"
                                + " AND NOT EXISTS (SELECT 1 FROM soft_bounce s WHERE s.identifier_hash = ?)")
                        .setParameter(1, hash)
                        .setParameter(2, java.sql.Timestamp.from(cutoff))
                        .setParameter(3, hash)
                        .executeUpdate();
            }
        }
        return new Chunk(past.size() < size ? null : (String) past.get(past.size() - 1)[0], past.size());
    }
}
