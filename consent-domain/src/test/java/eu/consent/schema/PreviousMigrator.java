package eu.consent.schema;

import eu.consent.shared.Hashing;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The home-made migrator of version 0.1 (before Liquibase), kept only to build the databases that version left behind:
 * it applies the given released scripts in order, recording each with its checksum in {@code schema_version}.
 *
 * <p>Its original description: applies the versioned DDL scripts listed in {@code db/migration/index.txt}, each once, in order, recording each with
 * its checksum in {@code schema_version}. An edited script that was already applied stops the start-up: a schema is
 * changed by adding a script, never by editing one. The list is explicit rather than scanned because application
 * servers expose class-path resources through their own URL schemes.
 */
final class PreviousMigrator {

    private static final Logger LOG = Logger.getLogger(PreviousMigrator.class.getName());
    private static final String BASE = "db/migration/";

    private final DataSource dataSource;

    PreviousMigrator(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Applies those of the scripts not applied yet; returns how many it applied. */
    int migrate(List<String> released) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                return migrate(c, released);
            } finally {
                c.rollback();
            }
        }
    }

    private static int migrate(Connection c, List<String> released) throws SQLException {
        ensureVersionTable(c);
        Map<String, String> applied = applied(c);
        int count = 0;
        for (String script : released) {
            String sql = read(BASE + script);
            String checksum = Hashing.sha256Hex(sql);
            String known = applied.get(script);
            if (known == null) {
                apply(c, script, sql, checksum);
                count++;
            } else if (!known.equals(checksum)) {
                throw new IllegalStateException("migration " + script + " changed after it was applied");
            }
        }
        return count;
    }

    private static void ensureVersionTable(Connection c) throws SQLException {
        try (ResultSet tables = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
            while (tables.next()) {
                if (tables.getString("TABLE_NAME").equalsIgnoreCase("schema_version")) {
                    return;
                }
            }
        }
        try (Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE schema_version (script VARCHAR(200) NOT NULL PRIMARY KEY,"
                    + " checksum CHAR(64) NOT NULL, applied_at TIMESTAMP NOT NULL)");
        }
        c.commit();
    }

    private static Map<String, String> applied(Connection c) throws SQLException {
        Map<String, String> applied = new HashMap<>();
        try (Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("SELECT script, checksum FROM schema_version")) {
            while (rows.next()) {
                applied.put(rows.getString(1), rows.getString(2));
            }
        }
        return applied;
    }

    private static void apply(Connection c, String script, String sql, String checksum) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String statement : statements(sql)) {
                s.executeUpdate(statement);
            }
            try (PreparedStatement record =
                    c.prepareStatement("INSERT INTO schema_version (script, checksum, applied_at) VALUES (?, ?, ?)")) {
                record.setString(1, script);
                record.setString(2, checksum);
                record.setTimestamp(3, Timestamp.from(Instant.now()));
                record.executeUpdate();
            }
            c.commit();
            LOG.info(() -> "applied schema migration " + script);
        } catch (SQLException e) {
            c.rollback();
            throw new SQLException("migration " + script + " failed: " + e.getMessage(), e);
        }
    }

    /** Splits a script at semicolons ending a line; lines starting with {@code --} are comments. */
    static List<String> statements(String sql) {
        List<String> statements = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : sql.split("\n")) {
            String trimmed = line.strip();
            if (trimmed.startsWith("--") || trimmed.isEmpty()) {
                continue;
            }
            current.append(line).append('\n');
            if (trimmed.endsWith(";")) {
                String statement = current.toString().strip();
                statements.add(statement.substring(0, statement.length() - 1));
                current.setLength(0);
            }
        }
        if (!current.toString().isBlank()) {
            statements.add(current.toString().strip());
        }
        return statements;
    }

    private static String read(String resource) {
        try (InputStream in = PreviousMigrator.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing migration resource " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
