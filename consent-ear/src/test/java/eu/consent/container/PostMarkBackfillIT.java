package eu.consent.container;

import static org.junit.jupiter.api.Assertions.assertEquals;

import eu.consent.privacy.PrivacyService;
import jakarta.inject.Inject;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * People erased before 2026-12-06 kept their ERASED mark on post under their postal address only; the start-up gives
 * them the mark an erasure now keeps under their email address and number too, dated as their erasure, once.
 */
@ExtendWith(ArquillianExtension.class)
class PostMarkBackfillIT {

    @Deployment
    static WebArchive deployment() {
        return Deployments.domain("post-mark-backfill");
    }

    @Inject
    PrivacyService privacy;

    @Inject
    Tx tx;

    @Test
    void anEarlierErasureIsGivenItsMarkOnPostOnce() {
        String address = hash();
        String number = hash();
        Instant erasedAt = Instant.now().minus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MILLIS);
        // The marks an erasure wrote before: on the channels each identifier reaches, and push, none on post; and the
        // row saying the start-up has that work to do (this server's start did it on its own database).
        tx.jdbc(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO post_mark_pending (id) VALUES (1)")) {
                s.executeUpdate();
            }
            for (String[] mark : List.of(
                    new String[] {address, "EMAIL", "EMAIL"},
                    new String[] {address, "EMAIL", "SOCIAL_ADS"},
                    new String[] {address, "EMAIL", "PUSH"},
                    new String[] {number, "PHONE", "SMS"},
                    new String[] {number, "PHONE", "PHONE"},
                    new String[] {number, "PHONE", "PUSH"})) {
                try (PreparedStatement s = c.prepareStatement("INSERT INTO suppression (id, identifier_hash,"
                        + " identifier_kind, channel, purpose_key, reason, source, created_at, recorded_at)"
                        + " VALUES (?, ?, ?, ?, NULL, 'ERASED', 'erasure', ?, ?)")) {
                    s.setString(1, UUID.randomUUID().toString());
                    s.setString(2, mark[0]);
                    s.setString(3, mark[1]);
                    s.setString(4, mark[2]);
                    s.setTimestamp(5, Timestamp.from(erasedAt));
                    s.setTimestamp(6, Timestamp.from(erasedAt));
                    s.executeUpdate();
                }
            }
        });

        while (privacy.markPostForEarlierErasures() > 0) {
            // page after page, as the start-up does
        }

        assertEquals(List.of("EMAIL " + erasedAt), postMarks(address));
        assertEquals(List.of("PHONE " + erasedAt), postMarks(number));
        assertEquals(0, privacy.markPostForEarlierErasures(), "once");
        int[] pending = new int[1];
        tx.jdbc(c -> {
            try (ResultSet r = c.createStatement().executeQuery("SELECT COUNT(*) FROM post_mark_pending")) {
                r.next();
                pending[0] = r.getInt(1);
            }
        });
        assertEquals(0, pending[0], "no later start scans the marks again");
    }

    private List<String> postMarks(String hash) {
        List<String> found = new ArrayList<>();
        tx.jdbc(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT identifier_kind, created_at FROM suppression"
                    + " WHERE identifier_hash = ? AND channel = 'POSTAL' AND reason = 'ERASED'")) {
                s.setString(1, hash);
                try (ResultSet r = s.executeQuery()) {
                    while (r.next()) {
                        found.add(r.getString(1) + " " + r.getTimestamp(2).toInstant());
                    }
                }
            }
        });
        return found;
    }

    private static String hash() {
        return (UUID.randomUUID().toString() + UUID.randomUUID()).replace("-", "");
    }
}
