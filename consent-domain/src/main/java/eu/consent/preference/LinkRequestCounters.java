package eu.consent.preference;

import eu.consent.shared.KeyedHash;
import eu.consent.shared.Service;
import eu.consent.shared.Times;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;

/**
 * Counts "send me my preference link" requests in fixed windows, in the database, so that every server of a cluster
 * shares the same counts and no server's memory grows with them. Budgets are counted by keyed hash (no address or
 * IP in clear). A request is counted against its client's budget first; only a request the client may still make is
 * counted against the address, so a flood of addresses from one client neither fills anything nor uses up the budget
 * of those addresses, and the budget of an address is independent of the clients asking for it. Rows of ended windows
 * are deleted as new ones are counted (at most once a minute per server).
 */
@Service
public class LinkRequestCounters {

    private static final String UNIQUE_VIOLATION = "23505";
    private static final long CLEAN_EVERY_MILLIS = 60_000;

    /** One budget: so many requests per window. */
    public record Budget(int max, Duration window) {
        public Budget {
            if (max < 1 || window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("a budget needs a positive count and window");
            }
        }
    }

    @Resource(lookup = "jdbc/consent")
    DataSource dataSource;

    @Inject
    KeyedHash hash;

    @Inject
    Clock clock;

    private final AtomicLong lastClean = new AtomicLong();

    /** Counts one request; true when neither the client nor the address went over its budget. */
    @Transactional(Transactional.TxType.NOT_SUPPORTED)
    public boolean allow(String normalizedEmail, String client, Budget perClient, Budget perAddress) {
        Instant now = Times.now(clock);
        try (Connection c = dataSource.getConnection()) {
            cleanNowAndThen(c, now, perClient.window().compareTo(perAddress.window()) >= 0 ? perClient : perAddress);
            if (count(c, hash.of("client:" + client), windowStart(now, perClient.window())) > perClient.max()) {
                return false;
            }
            return count(c, hash.of("address:" + normalizedEmail), windowStart(now, perAddress.window()))
                    <= perAddress.max();
        } catch (SQLException e) {
            throw new IllegalStateException("counting a link request failed", e);
        }
    }

    /** Windows are aligned on the epoch, so every server puts a request in the same row. */
    private static Instant windowStart(Instant now, Duration window) {
        long size = window.toMillis();
        return Instant.ofEpochMilli(Math.floorDiv(now.toEpochMilli(), size) * size);
    }

    /** Adds one to the bucket's window and returns its count, atomically (the row is locked by the update). */
    private static int count(Connection c, String bucket, Instant window) throws SQLException {
        Timestamp start = Timestamp.from(window);
        for (int attempt = 0; attempt < 3; attempt++) {
            try (PreparedStatement update = c.prepareStatement("UPDATE link_request_count SET requests = requests + 1"
                    + " WHERE bucket = ? AND window_start = ?")) {
                update.setString(1, bucket);
                update.setTimestamp(2, start);
                if (update.executeUpdate() == 1) {
                    try (PreparedStatement read = c.prepareStatement(
                            "SELECT requests FROM link_request_count WHERE bucket = ? AND window_start = ?")) {
                        read.setString(1, bucket);
                        read.setTimestamp(2, start);
                        try (ResultSet rs = read.executeQuery()) {
                            return rs.next() ? rs.getInt(1) : 1;
                        }
                    }
                }
            }
            try (PreparedStatement insert = c.prepareStatement(
                    "INSERT INTO link_request_count (bucket, window_start, requests) VALUES (?, ?, 1)")) {
                insert.setString(1, bucket);
                insert.setTimestamp(2, start);
                insert.executeUpdate();
                return 1;
            } catch (SQLException e) {
                if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
                // Another server or thread counted the first request of this window first: count on its row.
            }
        }
        throw new SQLException("could not count a link request");
    }

    private void cleanNowAndThen(Connection c, Instant now, Budget longest) throws SQLException {
        long millis = System.currentTimeMillis();
        long last = lastClean.get();
        if (millis - last < CLEAN_EVERY_MILLIS || !lastClean.compareAndSet(last, millis)) {
            return;
        }
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM link_request_count WHERE window_start < ?")) {
            delete.setTimestamp(
                    1, Timestamp.from(windowStart(now, longest.window()).minus(longest.window())));
            delete.executeUpdate();
        }
    }
}
