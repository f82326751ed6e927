import eu.consent.schema.SchemaMigrator;
import eu.consent.shared.Hashing;
import eu.consent.shared.KeyedHash;
import java.io.BufferedReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import javax.sql.DataSource;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The raw limit the import is measured against: the same CSV file read line by line and the same rows (a contact with
 * its keyed email hash, a consent event, a consent state) inserted with plain JDBC batches of 1000, one commit per
 * batch, no validation, no look-up, no audit, into a fresh database made by the real migrations.
 * Run: java -cp <derby and postgresql jars>:<consent-domain jar> bench/ImportBaseline.java DB CSV PURPOSE NOTICE_ID,
 * DB a Derby path or a PostgreSQL JDBC URL (user and password consent).
 */
public class ImportBaseline {

    public static void main(String[] args) throws Exception {
        DataSource ds;
        if (args[0].startsWith("jdbc:postgresql:")) {
            PGSimpleDataSource pg = new PGSimpleDataSource();
            pg.setURL(args[0]);
            pg.setUser("consent");
            pg.setPassword("consent");
            ds = pg;
        } else {
            EmbeddedDataSource derby = new EmbeddedDataSource();
            derby.setDatabaseName(args[0]);
            derby.setCreateDatabase("create");
            ds = derby;
        }
        new SchemaMigrator(ds).migrate();
        String purpose = args[2];
        String notice = args[3];
        KeyedHash hash = new KeyedHash("dev-only-identifier-hash-secret");
        long rows = 0;
        long start = System.nanoTime();
        try (Connection c = ds.getConnection();
                BufferedReader in = Files.newBufferedReader(Path.of(args[1]), StandardCharsets.UTF_8)) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                // Columns named: a column added later (retired_at, V014) broke a bare VALUES list, and the script,
                // which reads only the last line printed, measured no raw limit.
                s.executeUpdate("INSERT INTO purpose (purpose_key, kind, channels, double_opt_in,"
                        + " similar_to_purchases, names, created_at) VALUES ('" + purpose + "', 'PROSPECTING',"
                        + " 'EMAIL', false, false, '{\"en\":\"Bench\"}', CURRENT_TIMESTAMP)");
                s.executeUpdate("INSERT INTO notice VALUES ('" + notice + "', '" + purpose + "', 'en', 1, 'I agree', '"
                        + Hashing.sha256Hex("I agree") + "', CURRENT_TIMESTAMP)");
            }
            c.commit();
            try (PreparedStatement contact = c.prepareStatement("INSERT INTO contact (id, email, email_hash, locale,"
                            + " country, audience, customer, created_at, updated_at, version) VALUES (?,?,?,?,?,?,?,?,?,1)");
                    PreparedStatement event = c.prepareStatement("INSERT INTO consent_event (id, contact_id, purpose_key,"
                            + " channel, action, basis, source, notice_id, needs_confirmation, proof_ip, occurred_at,"
                            + " recorded_at, arrival) VALUES (?,?,?,?,?,'CONSENT','IMPORT',?,false,?,?,?,1)");
                    PreparedStatement state = c.prepareStatement("INSERT INTO consent_state (contact_id, purpose_key,"
                            + " channel, state, basis, since, event_id) VALUES (?,?,?,'GRANTED','CONSENT',?,?)")) {
                in.readLine(); // the header
                String line;
                while ((line = in.readLine()) != null) {
                    // email,country,locale,audience,customer,purpose,channel,action,noticeId,occurredAt,ip
                    String[] f = line.split(",", -1);
                    String id = UUID.randomUUID().toString();
                    String eventId = UUID.randomUUID().toString();
                    Timestamp now = Timestamp.from(Instant.now());
                    Timestamp at = Timestamp.from(Instant.parse(f[9]));
                    contact.setString(1, id);
                    contact.setString(2, f[0]);
                    contact.setString(3, hash.of(f[0]));
                    contact.setString(4, f[2]);
                    contact.setString(5, f[1]);
                    contact.setString(6, f[3]);
                    contact.setBoolean(7, Boolean.parseBoolean(f[4]));
                    contact.setTimestamp(8, now);
                    contact.setTimestamp(9, now);
                    contact.addBatch();
                    event.setString(1, eventId);
                    event.setString(2, id);
                    event.setString(3, f[5]);
                    event.setString(4, f[6]);
                    event.setString(5, f[7]);
                    event.setString(6, f[8]);
                    event.setString(7, f[10]);
                    event.setTimestamp(8, at);
                    event.setTimestamp(9, now);
                    event.addBatch();
                    state.setString(1, id);
                    state.setString(2, f[5]);
                    state.setString(3, f[6]);
                    state.setTimestamp(4, at);
                    state.setString(5, eventId);
                    state.addBatch();
                    if (++rows % 1000 == 0) {
                        contact.executeBatch();
                        event.executeBatch();
                        state.executeBatch();
                        c.commit();
                    }
                }
                contact.executeBatch();
                event.executeBatch();
                state.executeBatch();
                c.commit();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%d %.2f%n", rows, seconds);
    }
}
