package eu.consent.privacy;

import eu.consent.audit.AuditLog;
import eu.consent.shared.InvalidInputException;
import eu.consent.shared.Jsons;
import eu.consent.shared.Service;
import jakarta.annotation.Resource;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

/**
 * Looks for texts (an erased person's email, phone, address) in every column of every table of the database, the
 * batch repository included, found from the JDBC metadata rather than from a list that could forget a table: the
 * check a data-protection officer runs after an erasure. It reads every row, so it is slow on a large database; the
 * texts are never written anywhere (the audit records that a check ran and what it found, not what it looked for).
 */
@Service
public class ResidueScan {

    static final int MAX_TEXTS = 20;
    static final int MIN_TEXT = 4;

    /** Where a text was found: table, column and how many rows hold it. */
    public record Hit(String table, String column, long rows) {}

    /** The outcome: how much was looked at, and every place a text was found. */
    public record Result(int tables, int columns, List<Hit> hits) {}

    @Resource(lookup = "jdbc/consent")
    DataSource dataSource;

    @Inject
    AuditLog audit;

    @Transactional(Transactional.TxType.REQUIRED)
    public Result scan(List<String> texts) {
        List<String> needles = check(texts);
        List<Hit> hits = new ArrayList<>();
        int tables = 0;
        int columns = 0;
        try (Connection c = dataSource.getConnection()) {
            DatabaseMetaData meta = c.getMetaData();
            List<String[]> found = new ArrayList<>();
            try (ResultSet t = meta.getTables(null, null, "%", new String[] {"TABLE"})) {
                while (t.next()) {
                    String schema = t.getString("TABLE_SCHEM");
                    if (schema != null && schema.toUpperCase(Locale.ROOT).startsWith("SYS")) {
                        continue;
                    }
                    if (schema != null && schema.equalsIgnoreCase("information_schema")) {
                        continue;
                    }
                    found.add(new String[] {schema, t.getString("TABLE_NAME")});
                }
            }
            for (String[] table : found) {
                tables++;
                List<String> textual = new ArrayList<>();
                List<String> binary = new ArrayList<>();
                try (ResultSet col = meta.getColumns(null, table[0], table[1], "%")) {
                    while (col.next()) {
                        int type = col.getInt("DATA_TYPE");
                        String name = col.getString("COLUMN_NAME");
                        switch (type) {
                            case Types.CHAR,
                                    Types.VARCHAR,
                                    Types.LONGVARCHAR,
                                    Types.CLOB,
                                    Types.NCHAR,
                                    Types.NVARCHAR,
                                    Types.LONGNVARCHAR,
                                    Types.NCLOB -> textual.add(name);
                            case Types.BLOB, Types.VARBINARY, Types.LONGVARBINARY, Types.BINARY -> binary.add(name);
                            default -> {}
                        }
                    }
                }
                columns += textual.size() + binary.size();
                if (!textual.isEmpty() || !binary.isEmpty()) {
                    scanTable(c, table, textual, binary, needles, hits);
                }
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("the residue scan failed", e);
        }
        audit.append(
                "PERSONAL_DATA_SCAN",
                "database",
                null,
                Jsons.createObjectBuilder()
                        .add("texts", needles.size())
                        .add("tables", tables)
                        .add("hits", hits.size())
                        .build()
                        .toString());
        return new Result(tables, columns, hits);
    }

    /** One pass over the table: each row's text and binary columns compared with every text, ignoring case. */
    private static void scanTable(
            Connection c,
            String[] table,
            List<String> textual,
            List<String> binary,
            List<String> needles,
            List<Hit> hits)
            throws SQLException, IOException {
        List<String> all = new ArrayList<>(textual);
        all.addAll(binary);
        StringBuilder sql = new StringBuilder("SELECT ");
        for (int i = 0; i < all.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(quote(all.get(i)));
        }
        sql.append(" FROM ");
        if (table[0] != null) {
            sql.append(quote(table[0])).append('.');
        }
        sql.append(quote(table[1]));
        long[] counts = new long[all.size()];
        try (PreparedStatement select = c.prepareStatement(sql.toString());
                ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
                for (int i = 0; i < all.size(); i++) {
                    String value = i < textual.size() ? text(rows, i + 1) : bytes(rows, i + 1);
                    if (value != null && containsAny(value.toLowerCase(Locale.ROOT), needles)) {
                        counts[i]++;
                    }
                }
            }
        }
        String name = table[0] == null ? table[1] : table[0] + "." + table[1];
        for (int i = 0; i < all.size(); i++) {
            if (counts[i] > 0) {
                hits.add(new Hit(name, all.get(i), counts[i]));
            }
        }
    }

    private static String text(ResultSet rows, int column) throws SQLException, IOException {
        Object value = rows.getObject(column);
        if (value instanceof Clob clob) {
            try (Reader in = clob.getCharacterStream()) {
                StringBuilder b = new StringBuilder();
                char[] buffer = new char[8192];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    b.append(buffer, 0, n);
                }
                return b.toString();
            }
        }
        return value == null ? null : value.toString();
    }

    /** Binary columns (serialized batch checkpoints, job parameters) read as bytes, compared as UTF-8 and Latin-1. */
    private static String bytes(ResultSet rows, int column) throws SQLException, IOException {
        Object value = rows.getObject(column);
        byte[] data;
        if (value instanceof Blob blob) {
            try (InputStream in = blob.getBinaryStream()) {
                data = in.readAllBytes();
            }
        } else if (value instanceof byte[] b) {
            data = b;
        } else {
            return null;
        }
        return new String(data, StandardCharsets.UTF_8) + "\n" + new String(data, StandardCharsets.ISO_8859_1);
    }

    private static boolean containsAny(String value, List<String> needles) {
        for (String needle : needles) {
            if (value.contains(needle)) {
                return true;
            }
        }
        return false;
    }

    private static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    private static List<String> check(List<String> texts) {
        if (texts == null || texts.isEmpty() || texts.size() > MAX_TEXTS) {
            throw new InvalidInputException("texts", "give 1 to " + MAX_TEXTS + " texts to look for");
        }
        List<String> needles = new ArrayList<>();
        for (String text : texts) {
            if (text == null || text.strip().length() < MIN_TEXT) {
                throw new InvalidInputException("texts", "each text must have at least " + MIN_TEXT + " characters");
            }
            needles.add(text.strip().toLowerCase(Locale.ROOT));
        }
        return needles;
    }
}
