package eu.consent.eligibility;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import eu.consent.purpose.Channel;
import eu.consent.purpose.Purpose;
import eu.consent.purpose.PurposeKind;
import eu.consent.retention.policy.RetentionPolicy;
import eu.consent.schema.SchemaMigrator;
import eu.consent.shared.KeyedHash;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.apache.derby.jdbc.EmbeddedDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The projection on a real (in-memory) Derby database with the V015 triggers: a warm projection follows a change made
 * behind the service's back (plain SQL, as another server or a batch job would), and a database that stops answering
 * makes even a warm decision fail rather than answer from memory.
 */
class ProjectionExactnessTest {

    private static final String EMAIL = "warm@example.com";
    private final KeyedHash hash = new KeyedHash("test-only-secret");
    private final AtomicBoolean down = new AtomicBoolean();
    private EmbeddedDataSource derby;
    private DecisionService service;
    private DecisionService.Question question;

    @BeforeEach
    void setUp() throws Exception {
        derby = new EmbeddedDataSource();
        derby.setDatabaseName("memory:projection-" + UUID.randomUUID());
        derby.setCreateDatabase("create");
        new SchemaMigrator(derby).migrate();
        sql("INSERT INTO purpose (purpose_key, kind, channels, double_opt_in, similar_to_purchases, names, created_at)"
                + " VALUES ('orders', 'SERVICE', 'EMAIL', false, false, '{}', CURRENT_TIMESTAMP)");
        sql("INSERT INTO contact (id, email, email_hash, locale, country, audience, customer, created_at, updated_at,"
                + " version) VALUES ('" + UUID.randomUUID() + "', '" + EMAIL + "', '" + hash.of(EMAIL) + "', 'fr',"
                + " 'FR', 'B2C', false, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 1)");
        service = new DecisionService();
        service.policies = Policies.load("EU", "EU");
        service.clock = Clock.systemUTC();
        service.hash = hash;
        service.retention = new RetentionPolicy();
        service.prepare();
        service.dataSource = (DataSource) Proxy.newProxyInstance(
                DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class}, (proxy, method, args) -> {
                    if (down.get()) {
                        throw new SQLException("connection refused");
                    }
                    try {
                        return method.invoke(derby, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        service.probeDataSource = service.dataSource;
        Constructor<Purpose> make = Purpose.class.getDeclaredConstructor(
                String.class, PurposeKind.class, Set.class, boolean.class, boolean.class, String.class, Instant.class);
        make.setAccessible(true);
        question = new DecisionService.Question(
                make.newInstance(
                        "orders", PurposeKind.SERVICE, Set.of(Channel.EMAIL), false, false, "{}", Instant.now()),
                Channel.EMAIL);
    }

    private Rule decide() {
        return service.decide(question, List.of(Recipient.of(Recipient.Kind.EMAIL, EMAIL)))
                .get(0)
                .decision()
                .rule();
    }

    private void sql(String statement) throws SQLException {
        try (Connection c = derby.getConnection();
                Statement s = c.createStatement()) {
            s.executeUpdate(statement);
        }
    }

    @Test
    void aWarmProjectionFollowsAChangeCommittedBehindItsBack() throws Exception {
        assertEquals(Rule.SERVICE_MESSAGE, decide());
        assertEquals(Rule.SERVICE_MESSAGE, decide(), "answered from the projection");
        sql("INSERT INTO suppression (id, identifier_hash, identifier_kind, channel, reason, source, created_at,"
                + " recorded_at) VALUES ('"
                + UUID.randomUUID() + "', '" + hash.of(EMAIL) + "', 'EMAIL', 'EMAIL', 'HARD_BOUNCE', 'esp:x',"
                + " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
        assertEquals(Rule.SUPPRESSED_HARD_BOUNCE, decide());
        sql("DELETE FROM suppression");
        assertEquals(Rule.SERVICE_MESSAGE, decide());
        sql("DELETE FROM contact");
        assertEquals(Rule.UNKNOWN_CONTACT, decide());
    }

    /**
     * Push reaches the person through no identifier: the ERASED mark of a person who had left it is read under their
     * address and their number, and a warm projection follows a mark written under either.
     */
    @Test
    void aWarmPushProjectionFollowsTheErasedMarkUnderTheAddressAndTheNumber() throws Exception {
        String phone = "+33612345678";
        sql("UPDATE contact SET phone = '" + phone + "', phone_hash = '" + hash.of(phone) + "'");
        Constructor<Purpose> make = Purpose.class.getDeclaredConstructor(
                String.class, PurposeKind.class, Set.class, boolean.class, boolean.class, String.class, Instant.class);
        make.setAccessible(true);
        DecisionService.Question push = new DecisionService.Question(
                make.newInstance(
                        "app", PurposeKind.PROSPECTING, Set.of(Channel.PUSH), false, false, "{}", Instant.now()),
                Channel.PUSH);
        java.util.function.Supplier<Rule> decide =
                () -> service.decide(push, List.of(Recipient.of(Recipient.Kind.EMAIL, EMAIL)))
                        .get(0)
                        .decision()
                        .rule();
        Rule open = decide.get();
        assertTrue(open != Rule.SUPPRESSED_ERASED, open::toString);
        assertEquals(open, decide.get(), "answered from the projection");
        for (String identifier : List.of(phone, EMAIL)) {
            sql("INSERT INTO suppression (id, identifier_hash, identifier_kind, channel, reason, source, created_at,"
                    + " recorded_at)"
                    + " VALUES ('" + UUID.randomUUID() + "', '" + hash.of(identifier) + "', '"
                    + (identifier.equals(EMAIL) ? "EMAIL" : "PHONE") + "', 'PUSH', 'ERASED', 'erasure',"
                    + " CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)");
            assertEquals(Rule.SUPPRESSED_ERASED, decide.get(), "the mark under " + identifier);
            sql("DELETE FROM suppression");
            assertEquals(open, decide.get());
        }
    }

    @Test
    void theProjectionsStayWithinTheirBoundAndAnswerAsTheDatabaseDoes() {
        service.maxProjections = 10;
        for (int i = 0; i < 50; i++) {
            Recipient stranger = Recipient.of(Recipient.Kind.EMAIL, "stranger" + i + "@example.com");
            assertEquals(
                    Rule.UNKNOWN_CONTACT,
                    service.decide(question, List.of(stranger))
                            .get(0)
                            .decision()
                            .rule());
            assertTrue(service.projected() <= 10, "kept " + service.projected());
        }
        assertEquals(Rule.SERVICE_MESSAGE, decide(), "the known contact, loaded into a full memory");
        assertEquals(Rule.SERVICE_MESSAGE, decide());
        assertTrue(service.projected() > 0 && service.projected() <= 10);
    }

    @Test
    void aDatabaseThatStopsAnsweringFailsEvenAWarmDecision() {
        assertEquals(Rule.SERVICE_MESSAGE, decide());
        assertEquals(Rule.SERVICE_MESSAGE, decide());
        down.set(true);
        DecisionUnavailableException e = assertThrows(DecisionUnavailableException.class, this::decide);
        assertEquals("connection refused", e.getCause().getMessage());
        down.set(false);
        assertEquals(Rule.SERVICE_MESSAGE, decide(), "answers again once the database is back");
    }

    @Test
    void theChangeLogIsPrunedAThousandSeqsAtATimeKeepingTheLast100000() throws Exception {
        sql("DELETE FROM decision_change");
        try (Connection c = derby.getConnection();
                java.sql.PreparedStatement log =
                        c.prepareStatement("INSERT INTO decision_change (seq, t1) VALUES (?, 'x')")) {
            for (long seq = 1; seq <= 1001; seq++) {
                log.setLong(1, seq);
                log.addBatch();
            }
            log.executeBatch();
        }
        sql("UPDATE decision_seq SET seq = 100999 WHERE id = 1");
        assertEquals(1002, count(), "no prune between multiples of a thousand");
        sql("UPDATE decision_seq SET seq = 101000 WHERE id = 1");
        assertEquals(3, count(), "seqs 1..1000 pruned, 1001 and the two new ones kept");
        assertEquals(1001, minSeq());
    }

    @Test
    void aContactDeletedWithWhatHangsOffItIsLoggedOnceUnderItsOwnId() throws Exception {
        assertEquals(Rule.SERVICE_MESSAGE, decide());
        String id = contactId();
        long before = count();
        sql("INSERT INTO contact_preferences (contact_id, frequency, channels, updated_at) VALUES ('" + id
                + "', '{}', 'EMAIL', CURRENT_TIMESTAMP)");
        sql("INSERT INTO send_log (id, contact_id, purpose_key, channel, sent_at) VALUES ('" + UUID.randomUUID()
                + "', '" + id + "', 'orders', 'EMAIL', CURRENT_TIMESTAMP)");
        assertEquals(before + 2, count(), "a living contact's preferences and sends change its decisions");
        sql("DELETE FROM contact");
        assertEquals(0, single("SELECT COUNT(*) FROM send_log"), "the sends went with the contact");
        assertEquals(before + 3, count(), "one change for the contact, none for each row deleted with it");
        assertEquals(
                1,
                single("SELECT COUNT(*) FROM decision_change WHERE seq = (SELECT MAX(seq) FROM decision_change)"
                        + " AND t1 = '" + id + "' AND t2 = '" + hash.of(EMAIL) + "'"));
        assertEquals(Rule.UNKNOWN_CONTACT, decide(), "and the warm projection forgets it");
    }

    private String contactId() throws SQLException {
        try (Connection c = derby.getConnection();
                Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery("SELECT id FROM contact")) {
            rs.next();
            return rs.getString(1);
        }
    }

    private long count() throws SQLException {
        return single("SELECT COUNT(*) FROM decision_change");
    }

    private long minSeq() throws SQLException {
        return single("SELECT MIN(seq) FROM decision_change");
    }

    private long single(String query) throws SQLException {
        try (Connection c = derby.getConnection();
                Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery(query)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
