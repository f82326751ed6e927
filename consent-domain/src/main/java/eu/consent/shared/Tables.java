package eu.consent.shared;

import java.util.Collections;
import java.util.List;

/**
 * Builds the statements of a table's column mapping (the {@code …Table} classes beside the entities) from its column
 * names, so that a statement can never list other columns than the mapping it belongs to.
 */
public final class Tables {

    private Tables() {}

    /** {@code INSERT INTO table (a, b) VALUES (?, ?)}. */
    public static String insert(String table, List<String> columns) {
        return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") VALUES ("
                + String.join(", ", Collections.nCopies(columns.size(), "?")) + ")";
    }

    /** {@code UPDATE table SET a = ?, b = ? WHERE k = ? AND l = ?}. */
    public static String update(String table, List<String> values, List<String> key) {
        return "UPDATE " + table + " SET " + String.join(" = ?, ", values) + " = ? WHERE "
                + String.join(" = ? AND ", key) + " = ?";
    }
}
