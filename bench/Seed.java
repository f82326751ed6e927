import eu.consent.schema.SchemaMigrator;
import eu.consent.shared.Hashing;
import eu.consent.shared.KeyedHash;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.apache.derby.jdbc.EmbeddedDataSource;

/**
 * Seeds a benchmark database: the schema through the real migrations, one prospecting purpose on EMAIL, N contacts
 * (user{i}@bench.example, 80% B2C) of which 60% granted and 10% withdrawn, and S suppressions (UNSUBSCRIBED on
 * every tenth address); with a STALE share, that share of contacts was last active four years ago (for the purge).
 * Run: java -cp <derby jars>:<consent-domain jar> bench/Seed.java DBPATH CONTACTS SUPPRESSIONS [STALE]; DBPATH may be
 * a jdbc:postgresql: URL (user and password "consent", the PostgreSQL driver on the class path too).
 */
public class Seed {

    public static void main(String[] args) throws Exception {
        String path = args[0];
        int contacts = Integer.parseInt(args[1]);
        int suppressions = Integer.parseInt(args[2]);
        double stale = args.length > 3 ? Double.parseDouble(args[3]) : 0;
        Timestamp longAgo = Timestamp.from(Instant.now().minus(java.time.Duration.ofDays(4 * 365)));
        boolean postgres = path.startsWith("jdbc:postgresql:");
        javax.sql.DataSource ds = postgres ? postgres(path) : derby(path);
        new SchemaMigrator(ds).migrate();
        KeyedHash hash = new KeyedHash("dev-only-identifier-hash-secret");
        Timestamp now = Timestamp.from(Instant.now());
        long start = System.nanoTime();
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.executeUpdate("INSERT INTO purpose (purpose_key, kind, channels, double_opt_in, similar_to_purchases,"
                        + " names, created_at) VALUES ('bench-news', 'PROSPECTING', 'EMAIL', false, false,"
                        + " '{\"en\":\"Bench news\"}', CURRENT_TIMESTAMP)");
                s.executeUpdate("INSERT INTO notice (id, purpose_key, locale, version, body, sha256, created_at) VALUES"
                        + " ('00000000-0000-4000-8000-000000000001', 'bench-news', 'en', 1,"
                        + " 'I agree', '" + Hashing.sha256Hex("I agree") + "', CURRENT_TIMESTAMP)");
            }
            try (PreparedStatement contact = c.prepareStatement("INSERT INTO contact (id, email, locale, country, audience,"
                            + " customer, created_at, updated_at, version, email_hash, last_active_at) VALUES (?,?,?,?,?,?,?,?,1,?,?)");
                    PreparedStatement event = c.prepareStatement("INSERT INTO consent_event (id, contact_id, purpose_key,"
                            + " channel, action, basis, source, notice_id, needs_confirmation, occurred_at, recorded_at,"
                            + " arrival) VALUES (?,?,'bench-news','EMAIL',?,'CONSENT','IMPORT',?,false,?,?,1)");
                    PreparedStatement state = c.prepareStatement("INSERT INTO consent_state (contact_id, purpose_key,"
                            + " channel, state, basis, since, event_id) VALUES (?,'bench-news','EMAIL',?,'CONSENT',?,?)");
                    PreparedStatement suppression = c.prepareStatement("INSERT INTO suppression (id, identifier_hash,"
                            + " identifier_kind, channel, purpose_key, reason, source, created_at, recorded_at) VALUES"
                            + " (?,?,'EMAIL','EMAIL',NULL,'UNSUBSCRIBED','bench',?,?)")) {
                int suppressed = 0;
                for (int i = 0; i < contacts; i++) {
                    String id = UUID.randomUUID().toString();
                    String email = "user" + i + "@bench.example";
                    String emailHash = hash.of(email);
                    contact.setString(1, id);
                    contact.setString(2, email);
                    contact.setString(3, "fr");
                    contact.setString(4, "FR");
                    contact.setString(5, i % 5 == 0 ? "B2B" : "B2C");
                    contact.setBoolean(6, i % 3 == 0);
                    contact.setTimestamp(7, now);
                    contact.setTimestamp(8, now);
                    contact.setString(9, emailHash);
                    // Spread the stale contacts evenly (every k-th), so that a purge works through the whole id range.
                    boolean isStale = stale > 0 && (i % 1000) < stale * 1000;
                    contact.setTimestamp(10, isStale ? longAgo : now);
                    contact.addBatch();
                    int bucket = i % 10;
                    if (bucket < 7) {
                        String eventId = UUID.randomUUID().toString();
                        boolean withdrawn = bucket == 6;
                        event.setString(1, eventId);
                        event.setString(2, id);
                        event.setString(3, withdrawn ? "WITHDRAW" : "GRANT");
                        event.setString(4, withdrawn ? null : "00000000-0000-4000-8000-000000000001");
                        event.setTimestamp(5, now);
                        event.setTimestamp(6, now);
                        event.addBatch();
                        state.setString(1, id);
                        state.setString(2, withdrawn ? "WITHDRAWN" : "GRANTED");
                        state.setTimestamp(3, now);
                        state.setString(4, eventId);
                        state.addBatch();
                    }
                    if (i % 10 == 9 && suppressed < suppressions) {
                        suppression.setString(1, UUID.randomUUID().toString());
                        suppression.setString(2, emailHash);
                        suppression.setTimestamp(3, now);
                        suppression.setTimestamp(4, now);
                        suppression.addBatch();
                        suppressed++;
                    }
                    if (i % 1000 == 999) {
                        contact.executeBatch();
                        event.executeBatch();
                        state.executeBatch();
                        suppression.executeBatch();
                        c.commit();
                    }
                }
                contact.executeBatch();
                event.executeBatch();
                state.executeBatch();
                suppression.executeBatch();
                c.commit();
            }
            // Statistics, and on PostgreSQL the vacuum that autovacuum would otherwise start on these freshly
            // filled tables in the middle of the measurement (a minute of both cores, at random).
            c.commit();
            c.setAutoCommit(true);
            try (Statement s = c.createStatement()) {
                for (String table : new String[] {"CONTACT", "CONSENT_STATE", "CONSENT_EVENT", "SUPPRESSION"}) {
                    s.execute(postgres
                            ? "VACUUM (ANALYZE) " + table
                            : "CALL SYSCS_UTIL.SYSCS_UPDATE_STATISTICS('APP', '" + table + "', NULL)");
                }
            }
        }
        System.out.printf("seeded %d contacts, %d suppressions in %.1f s%n", contacts, suppressions,
                (System.nanoTime() - start) / 1e9);
        if (ds instanceof EmbeddedDataSource derby) {
            try {
                derby.setShutdownDatabase("shutdown");
                derby.getConnection().close();
            } catch (java.sql.SQLException expected) {
                // Derby reports a clean shutdown as an exception
            }
        }
    }

    private static EmbeddedDataSource derby(String path) {
        EmbeddedDataSource ds = new EmbeddedDataSource();
        ds.setDatabaseName(path);
        ds.setCreateDatabase("create");
        return ds;
    }

    /** PostgreSQL's own data source, by reflection: the Derby runs need no PostgreSQL driver on the class path. */
    private static javax.sql.DataSource postgres(String url) throws Exception {
        Object ds = Class.forName("org.postgresql.ds.PGSimpleDataSource").getConstructor().newInstance();
        ds.getClass().getMethod("setURL", String.class).invoke(ds, url);
        ds.getClass().getMethod("setUser", String.class).invoke(ds, "consent");
        ds.getClass().getMethod("setPassword", String.class).invoke(ds, "consent");
        // One round trip per batch instead of one per row.
        ds.getClass().getMethod("setReWriteBatchedInserts", boolean.class).invoke(ds, true);
        return (javax.sql.DataSource) ds;
    }
}
