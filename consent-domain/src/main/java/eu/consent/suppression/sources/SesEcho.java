package eu.consent.suppression.sources;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * SES keeps no "unsubscribed": our {@code ses} outbound file writes an unsubscribe as {@code COMPLAINT}, and SES's list
 * hands it back so the next night. Such a line is our own opt-out coming back, not a complaint the person made: it is
 * read as the unsubscribe it was, dated as ours, so that the person's own later opt-in still outweighs it (tester AW's
 * F5; until 2026-12-07 it became a complaint, which nothing lifts).
 */
final class SesEcho {

    private SesEcho() {}

    /**
     * The latest of the staged row's address's unsubscribes from all mail that the SES file carries (ours, or another
     * list's: any source but this list), null if none, or if a complaint of the address is held outside this list
     * (then the line says what we hold). Parameters: the list's entry source, twice.
     */
    private static final String OURS = "(SELECT MAX(s.created_at) FROM suppression s"
            + " WHERE s.identifier_hash = source_snapshot.identifier_hash AND s.channel = 'EMAIL'"
            + " AND s.reason = 'UNSUBSCRIBED' AND s.purpose_key IS NULL AND s.source <> ? AND NOT EXISTS"
            + " (SELECT 1 FROM suppression x WHERE x.identifier_hash = source_snapshot.identifier_hash"
            + " AND x.channel = 'EMAIL' AND x.reason = 'COMPLAINT' AND x.source <> ?))";

    /**
     * The staged {@code COMPLAINT} rows of an SES list (parameter: the staging key) that are our unsubscribe coming
     * back: the address has one ({@link #OURS}), and SES dates its line no earlier (a line dated before it was on SES's
     * list before we wrote anything: a complaint SES received, which stays one). Parameters: the staging key, then
     * {@link #OURS}' twice, twice.
     */
    private static final String ECHOED = " WHERE source = ? AND channel = 'EMAIL' AND reason = 'COMPLAINT'" + " AND "
            + OURS + " IS NOT NULL AND (listed_on IS NULL OR listed_on >= " + OURS + ")";

    /**
     * Reads the staged lines of an SES list ({@code stagedKey}) that are our own unsubscribes coming back as the
     * unsubscribes they were, dated as ours: one statement for the whole list, after it is staged (until 2026-12-07 a
     * look-up per complaint line while staging). A line of the same address that the list also gives as an
     * unsubscribe stands for it. Returns how many staged rows that left out.
     */
    static long readBack(Connection c, String stagedKey, String listSource) throws SQLException {
        try (PreparedStatement merged = c.prepareStatement("DELETE FROM source_snapshot" + ECHOED
                        + " AND EXISTS (SELECT 1 FROM source_snapshot u WHERE u.source = source_snapshot.source"
                        + " AND u.identifier_hash = source_snapshot.identifier_hash AND u.channel = 'EMAIL'"
                        + " AND u.reason = 'UNSUBSCRIBED')");
                PreparedStatement read = c.prepareStatement(
                        "UPDATE source_snapshot SET reason = 'UNSUBSCRIBED', listed_on = " + OURS + ECHOED)) {
            int p = 1;
            merged.setString(p++, stagedKey);
            for (int i = 0; i < 4; i++) {
                merged.setString(p++, listSource);
            }
            long left = merged.executeUpdate();
            p = 1;
            read.setString(p++, listSource);
            read.setString(p++, listSource);
            read.setString(p++, stagedKey);
            for (int i = 0; i < 4; i++) {
                read.setString(p++, listSource);
            }
            read.executeUpdate();
            return left;
        }
    }
}
