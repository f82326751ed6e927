package eu.consent.optout;

import eu.consent.shared.ConflictException;
import eu.consent.shared.ContextJdbc;
import eu.consent.shared.OrdinaryOutcomes;
import eu.consent.shared.SqlStates;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * The row of each address that soft-bounced (its keyed hash), which every soft bounce of the address locks before it
 * looks for its message, records itself and counts the address's bounces: a provider posting bounces of one address at
 * once gets them counted one after another, the last seeing all the others. Each inserting its bounce and then counting
 * deadlocked on Derby (its count waits on the others' new rows) and, on PostgreSQL, counted without the others' bounces,
 * missing the threshold. A row of its own, since the address may have no contact and no suppression to lock.
 */
@ApplicationScoped
@OrdinaryOutcomes
public class BouncingAddresses {

    @PersistenceContext(unitName = "consent")
    EntityManager em;

    /**
     * Takes the address's row until the caller's transaction ends, or answers false when the address has none yet
     * ({@link #open}).
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean lock(String identifierHash, Instant now) {
        int[] rows = {0};
        ContextJdbc.run(em, c -> {
            try (PreparedStatement update =
                    c.prepareStatement("UPDATE soft_bounce_address SET last_bounce_at = ? WHERE identifier_hash = ?")) {
                update.setTimestamp(1, Timestamp.from(now));
                update.setString(2, identifierHash);
                rows[0] = update.executeUpdate();
            }
        });
        return rows[0] > 0;
    }

    /**
     * Gives the address its row, committed at once in a transaction of its own so that every report of the address
     * locks that one row. A row another report gave it meanwhile (both found none) is a {@link ConflictException}: the
     * row is there all the same.
     */
    @Transactional(Transactional.TxType.REQUIRES_NEW)
    public void open(String identifierHash, Instant now) {
        try {
            ContextJdbc.run(em, c -> {
                try (PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO soft_bounce_address (identifier_hash, last_bounce_at) VALUES (?, ?)")) {
                    insert.setString(1, identifierHash);
                    insert.setTimestamp(2, Timestamp.from(now));
                    insert.executeUpdate();
                }
            });
        } catch (PersistenceException e) {
            if (SqlStates.isUniqueViolation(e)) {
                throw new ConflictException("the address's row was given by another report meanwhile");
            }
            throw e;
        }
    }
}
