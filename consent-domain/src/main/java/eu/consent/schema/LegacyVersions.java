package eu.consent.schema;

import eu.consent.shared.Hashing;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

/**
 * The {@code schema_version} table of the home-made migrator that versions up to 0.1 used: the scripts it applied with
 * the SHA-256 of their text. A database it created moves to Liquibase without running any script twice; the table is
 * kept, read-only, as the record of those first migrations.
 */
final class LegacyVersions {

    static final String TABLE = "schema_version";

    private final Map<String, String> checksums;

    private LegacyVersions(Map<String, String> checksums) {
        this.checksums = checksums;
    }

    static LegacyVersions read(Connection c) throws SQLException {
        if (!tableExists(c)) {
            return new LegacyVersions(null);
        }
        Map<String, String> checksums = new TreeMap<>();
        try (Statement s = c.createStatement();
                ResultSet rows = s.executeQuery("SELECT script, checksum FROM " + TABLE)) {
            while (rows.next()) {
                checksums.put(rows.getString(1), rows.getString(2).strip());
            }
        }
        return new LegacyVersions(checksums);
    }

    private static boolean tableExists(Connection c) throws SQLException {
        try (ResultSet tables = c.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
            while (tables.next()) {
                if (tables.getString("TABLE_NAME").equalsIgnoreCase(TABLE)) {
                    return true;
                }
            }
        }
        return false;
    }

    boolean exists() {
        return checksums != null;
    }

    /** A released script edited since the old migrator applied it stops the start, as it always did. */
    void checkUnchanged(MigrationScripts scripts) {
        if (!exists()) {
            return;
        }
        for (MigrationScripts.Script script : scripts.scripts()) {
            String known = checksums.get(script.name());
            if (known != null && !known.equals(Hashing.sha256Hex(scripts.text(script)))) {
                throw new IllegalStateException("migration " + script.name() + " changed after it was applied");
            }
        }
    }
}
