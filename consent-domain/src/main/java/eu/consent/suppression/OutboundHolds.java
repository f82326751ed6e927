package eu.consent.suppression;

import eu.consent.contact.Contact;
import eu.consent.shared.ContextJdbc;
import eu.consent.shared.KeySets;
import eu.consent.shared.Times;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The email addresses and phone numbers of erased people whose opt-out the providers' lists may not have yet: an
 * outbound file names an entry by its holder's address, and an erased person's entries are kept by keyed hash only, so
 * a person who unsubscribed and asked for their erasure the same day was left out of the next night's file — their
 * provider kept mailing them from its own list (testers BE's F8, BI's F2: until 2026-12-08). GDPR art. 19 asks the
 * controller to tell the recipients of the data of an erasure; an opt-out they hold the address for is the least of
 * it. An erasure keeps, for {@code consent.erasure.outbound-hold-days} (0 by default: nothing, as DESIGN.md's
 * invariant "an erased person leaves only a keyed hash" asks; an operator whose DPO weighs art. 19 higher turns it
 * on), the identifiers
 * whose entries for providers ({@link Suppression#isForProviders}) were written in that time; the outbound files read
 * them where nobody holds the identifier any more, and nothing else does. Expired ones are deleted at the next erasure
 * or outbound file, and never read.
 */
@ApplicationScoped
public class OutboundHolds {

    @PersistenceContext(unitName = "consent")
    EntityManager em;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "consent.erasure.outbound-hold-days", defaultValue = "0")
    int holdDays;

    /**
     * Keeps the identifiers of the people being erased whose entries for providers were written within the hold; in
     * the erasure's transaction, while their rows are locked and still there.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void hold(List<Contact> people) {
        if (holdDays <= 0 || people.isEmpty()) {
            return;
        }
        Instant now = Times.now(clock);
        Instant since = now.minus(Duration.ofDays(holdDays));
        Map<String, String> identifiers = new HashMap<>();
        for (Contact c : people) {
            if (c.email() != null) {
                identifiers.put(c.emailHash(), c.email());
            }
            if (c.phone() != null) {
                identifiers.put(c.phoneHash(), c.phone());
            }
        }
        if (identifiers.isEmpty()) {
            return; // a postal address alone: a household's, never in a provider's list
        }
        Map<String, String> held = new HashMap<>();
        Timestamp from = Timestamp.from(since);
        // One look-up per key (KeySets), not a JPQL IN over a purge chunk's addresses (review 48's M3).
        ContextJdbc.run(
                em,
                c -> KeySets.select(
                        c,
                        "SELECT identifier_hash, reason, purpose_key, recorded_at FROM suppression WHERE identifier_hash",
                        identifiers.keySet(),
                        rs -> {
                            String hash = rs.getString(1).strip();
                            boolean forProviders = Suppression.isForProviders(
                                    SuppressionReason.valueOf(rs.getString(2).strip()), rs.getString(3));
                            if (forProviders && !rs.getTimestamp(4).before(from)) {
                                held.put(hash, identifiers.get(hash));
                            }
                        }));
        if (held.isEmpty()) {
            return;
        }
        Timestamp until = Timestamp.from(now.plus(Duration.ofDays(holdDays)));
        ContextJdbc.run(em, c -> {
            sweep(c, now);
            KeySets.delete(c, "outbound_hold", "identifier_hash", held.keySet());
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO outbound_hold (identifier_hash, identifier, held_until) VALUES (?, ?, ?)")) {
                for (Map.Entry<String, String> h : held.entrySet()) {
                    insert.setString(1, h.getKey());
                    insert.setString(2, h.getValue());
                    insert.setTimestamp(3, until);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
        });
    }

    /** The identifiers held for these hashes, by hash; those past their hold are not read. */
    @Transactional
    public Map<String, String> identifiers(Collection<String> hashes) {
        Map<String, String> found = new HashMap<>();
        if (holdDays <= 0 || hashes.isEmpty()) {
            return found;
        }
        Instant now = Times.now(clock);
        ContextJdbc.run(
                em,
                c -> KeySets.select(
                        c,
                        "SELECT identifier_hash, identifier, held_until FROM outbound_hold WHERE identifier_hash",
                        hashes,
                        rs -> {
                            if (rs.getTimestamp(3).toInstant().isAfter(now)) {
                                found.put(rs.getString(1).strip(), rs.getString(2));
                            }
                        }));
        return found;
    }

    /** Deletes the identifiers past their hold (all of them when the hold is 0). */
    @Transactional
    public void sweep() {
        ContextJdbc.run(em, c -> sweep(c, Times.now(clock)));
    }

    private void sweep(java.sql.Connection c, Instant now) throws java.sql.SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM outbound_hold WHERE held_until <= ?")) {
            // a hold turned off (0) deletes what an earlier setting kept
            delete.setTimestamp(1, Timestamp.from(holdDays <= 0 ? now.plus(Duration.ofDays(36500)) : now));
            delete.executeUpdate();
        }
    }
}
