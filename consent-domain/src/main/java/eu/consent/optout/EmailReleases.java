package eu.consent.optout;

import eu.consent.consent.AddressHistory;
import eu.consent.purpose.IdentifierKind;
import eu.consent.shared.ContextJdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Who held an email address, from when until when, as its keyed hash (as suppressions keep it). A mail provider
 * reports an unsubscribe or a complaint when it gets it, sometimes after the person's address changed (a CRM's PATCH,
 * an import): their word still reaches them at the address they have now; and a double opt-in confirmation mailed
 * before such a change confirms nothing for the address they have now. Phone numbers are kept alike (since
 * 2026-12-05): no provider reports by number, but an erasure finds by them what is kept about the numbers a person
 * gave up (a rejected import row). Runs in its caller's transaction; a contact's rows go with its erasure or purge.
 */
@ApplicationScoped
public class EmailReleases implements AddressHistory {

    @PersistenceContext(unitName = "consent")
    EntityManager em;

    /**
     * Records a change of the contact's email (or phone) at {@code at}: the address of {@code before} given up (held since it was
     * given, or since the contact's creation), the address of {@code after} held from now. Either may be null.
     */
    void changed(UUID contactId, IdentifierKind kind, String before, String after, Instant createdAt, Instant at) {
        ContextJdbc.run(em, c -> {
            if (before != null) {
                int closed;
                try (PreparedStatement close = c.prepareStatement("UPDATE email_release SET released_at = ?"
                        + " WHERE contact_id = ? AND identifier_hash = ? AND released_at IS NULL")) {
                    close.setTimestamp(1, Timestamp.from(at));
                    close.setString(2, contactId.toString());
                    close.setString(3, before);
                    closed = close.executeUpdate();
                }
                if (closed == 0) {
                    insert(c, contactId, kind, before, createdAt, at);
                }
            }
            if (after != null) {
                insert(c, contactId, kind, after, at, null);
            }
        });
    }

    private static void insert(
            Connection c, UUID contactId, IdentifierKind kind, String hash, Instant since, Instant until)
            throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO email_release"
                + " (id, identifier_hash, contact_id, held_since, released_at, identifier_kind)"
                + " VALUES (?, ?, ?, ?, ?, ?)")) {
            insert.setString(1, UUID.randomUUID().toString());
            insert.setString(2, hash);
            insert.setString(3, contactId.toString());
            insert.setTimestamp(4, Timestamp.from(since));
            insert.setTimestamp(5, until == null ? null : Timestamp.from(until));
            insert.setString(6, kind.name());
            insert.executeUpdate();
        }
    }

    /**
     * The identifier of {@code kind} the contact held at {@code moment} and has given up since, if any (none when it
     * still holds the one it had, or never had one): where a message sent then went.
     */
    Optional<String> givenUpSince(UUID contactId, IdentifierKind kind, Instant moment, java.time.Duration within) {
        // A link's moment is kept to the millisecond (to the second for links issued before 2026-12-06): an address
        // given within it counts as held then.
        return givenUpSince(contactId, kind, moment, moment.plus(within));
    }

    /** A double opt-in confirmation binds the address it was mailed to: see {@link AddressHistory}. */
    @Override
    public Optional<String> emailGivenUpSince(UUID contactId, Instant moment) {
        // A grant's moment is exact, to the millisecond: its message was queued in its transaction.
        return givenUpSince(contactId, IdentifierKind.EMAIL, moment, moment.plusMillis(1));
    }

    /** The identifier held at {@code moment} (given before {@code givenBefore}) and given up since, if any. */
    private Optional<String> givenUpSince(UUID contactId, IdentifierKind kind, Instant moment, Instant givenBefore) {
        String[] held = {null};
        ContextJdbc.run(em, c -> {
            try (PreparedStatement find = c.prepareStatement("SELECT identifier_hash FROM email_release"
                    + " WHERE contact_id = ? AND COALESCE(identifier_kind, 'EMAIL') = ? AND held_since < ?"
                    + " AND released_at > ?")) {
                find.setString(1, contactId.toString());
                find.setString(2, kind.name());
                find.setTimestamp(3, Timestamp.from(givenBefore));
                find.setTimestamp(4, Timestamp.from(moment));
                try (ResultSet rs = find.executeQuery()) {
                    if (rs.next()) {
                        held[0] = rs.getString(1).strip();
                    }
                }
            }
        });
        return Optional.ofNullable(held[0]);
    }

    /** An identifier a contact held from {@code since} until {@code until}. */
    record Held(String hash, Instant since, Instant until) {
        /** Whether something said at {@code moment} was said while the contact held it (or before: theirs then). */
        boolean covers(Instant moment) {
            return moment.isBefore(until);
        }
    }

    /** The identifiers of {@code kind} the contact held and has given up. */
    List<Held> heldBefore(UUID contactId, IdentifierKind kind) {
        List<Held> held = new ArrayList<>();
        ContextJdbc.run(em, c -> {
            try (PreparedStatement find = c.prepareStatement("SELECT identifier_hash, held_since, released_at"
                    + " FROM email_release WHERE contact_id = ? AND COALESCE(identifier_kind, 'EMAIL') = ?"
                    + " AND released_at IS NOT NULL")) {
                find.setString(1, contactId.toString());
                find.setString(2, kind.name());
                try (ResultSet rs = find.executeQuery()) {
                    while (rs.next()) {
                        held.add(new Held(
                                rs.getString(1).strip(),
                                rs.getTimestamp(2).toInstant(),
                                rs.getTimestamp(3).toInstant()));
                    }
                }
            }
        });
        return held;
    }

    @Override
    public Optional<UUID> formerHolderAt(String identifierHash, Instant moment) {
        return heldAt(identifierHash, moment);
    }

    /** The contact that held the address of {@code hash} at {@code moment} and has given it up since, if any. */
    Optional<UUID> heldAt(String hash, Instant moment) {
        UUID[] holder = {null};
        ContextJdbc.run(em, c -> {
            try (PreparedStatement find = c.prepareStatement("SELECT contact_id FROM email_release"
                    + " WHERE identifier_hash = ? AND held_since <= ? AND released_at > ?")) {
                find.setString(1, hash);
                find.setTimestamp(2, Timestamp.from(moment));
                find.setTimestamp(3, Timestamp.from(moment));
                try (ResultSet rs = find.executeQuery()) {
                    if (rs.next()) {
                        holder[0] = UUID.fromString(rs.getString(1).strip());
                    }
                }
            }
        });
        return Optional.ofNullable(holder[0]);
    }
}
