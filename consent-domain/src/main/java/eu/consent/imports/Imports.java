package eu.consent.imports;

import eu.consent.audit.AuditLog;
import eu.consent.purpose.Channel;
import eu.consent.purpose.PurposeKind;
import eu.consent.shared.DiskSpace;
import eu.consent.shared.FieldError;
import eu.consent.shared.InvalidInputException;
import eu.consent.shared.Jsons;
import eu.consent.shared.NotFoundException;
import eu.consent.shared.Times;
import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Accepts uploads (kept in the import folder until their job completes), and answers for their progress and their
 * rejected rows. The job itself reads with {@link RecordReader} and {@link RowParser} and writes with
 * {@link ImportWriter}.
 */
@ApplicationScoped
public class Imports {

    /** The size of the settings column: the columns' fields, the renames and the defaults, as JSON. */
    private static final int MAX_SETTINGS = 8000;

    @Resource(lookup = "jdbc/consent")
    DataSource dataSource;

    @Inject
    AuditLog audit;

    @Inject
    Clock clock;

    @Inject
    @ConfigProperty(name = "consent.import.dir", defaultValue = "imports")
    String directory;

    @Inject
    @ConfigProperty(name = "consent.import.keep-days", defaultValue = "30")
    int keepDays;

    @Inject
    DiskSpace disk;

    /** An accepted upload: its id and its size in bytes (its ignored columns are kept with its settings). */
    public record Accepted(UUID id, long size) {}

    /**
     * Stores an upload and its settings. A file that is empty, binary, not UTF-8, or (CSV) without an email or phone
     * column is refused (422) and nothing is kept; {@code mapping} is field → column (CSV) or member (NDJSON).
     */
    public Accepted accept(
            InputStream body,
            long declaredLength,
            ImportFormat format,
            Map<String, String> mapping,
            Map<String, String> defaults,
            String by) {
        checkFields(mapping, "map.");
        checkFields(defaults, "default.");
        checkDefaults(defaults);
        UUID id = UUID.randomUUID();
        Path folder = Path.of(directory);
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // The disk an upload may take is capped (a quota, a free-space floor): a full disk must never stop opt-outs.
        disk.checkUpload(folder, declaredLength);
        Path file = folder.resolve(id + (format == ImportFormat.CSV ? ".csv" : ".ndjson"));
        Uploads.Stored stored = Uploads.store(disk.guard(body, folder), file, format, mapping, defaults);
        // The ignored columns' names are kept as far as the settings column has room (a wide CRM export must still be
        // accepted as it was before they were kept): the last names give way first.
        List<String> ignored = stored.ignored();
        String settings = stored.settings().toJson(ignored);
        while (settings.length() > MAX_SETTINGS && !ignored.isEmpty()) {
            ignored = ignored.subList(0, ignored.size() - 1);
            settings = stored.settings().toJson(ignored);
        }
        if (settings.length() > MAX_SETTINGS
                || format == ImportFormat.NDJSON
                        && ignored.size() < stored.ignored().size()) {
            // An NDJSON line may carry only the members this list announces (RowParser): cut short, it would reject
            // every later line that carries one of the names left out.
            Uploads.deleteQuietly(file);
            throw new InvalidInputException(
                    "file",
                    "has too many or too long column names and defaults (over " + MAX_SETTINGS + " characters)");
        }
        Instant now = Times.now(clock);
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(
                        "INSERT INTO contact_import (id, format, file_path, size_bytes,"
                                + " settings, position_bytes, last_line, read_rows, imported_rows, updated_rows, rejected_rows,"
                                + " created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 0, 0, 0, 0, ?, ?, ?)")) {
            s.setString(1, id.toString());
            s.setString(2, format.name());
            s.setString(3, file.toAbsolutePath().toString());
            s.setLong(4, stored.size());
            s.setString(5, settings);
            s.setLong(6, stored.firstRow());
            s.setLong(7, stored.headerLines());
            s.setString(8, by);
            s.setTimestamp(9, Timestamp.from(now));
            s.setTimestamp(10, Timestamp.from(now));
            s.executeUpdate();
        } catch (SQLException e) {
            Uploads.deleteQuietly(file);
            throw new IllegalStateException(e);
        }
        return new Accepted(id, stored.size());
    }

    private static void checkFields(Map<String, String> fields, String prefix) {
        for (Map.Entry<String, String> e : fields.entrySet()) {
            String field = ImportField.named(e.getKey());
            if (field == null || !field.equals(e.getKey())) {
                throw new InvalidInputException(
                        prefix + e.getKey(), "is not a field of an import; fields: " + ImportField.ALL + ", attr.*");
            }
            if (e.getValue() == null || e.getValue().isBlank()) {
                throw new InvalidInputException(prefix + e.getKey(), "must not be empty");
            }
        }
        if (prefix.equals("default.")
                && (fields.containsKey(ImportField.EMAIL) || fields.containsKey(ImportField.PHONE))) {
            // the field given, not always email (tester BK's F16: default.phone was refused as default.email)
            throw new InvalidInputException(
                    prefix + (fields.containsKey(ImportField.EMAIL) ? ImportField.EMAIL : ImportField.PHONE),
                    "identifiers cannot have a default");
        }
    }

    /** Defaults are checked as a row of their own would be, so that a bad one is refused before any row is read. */
    private void checkDefaults(Map<String, String> defaults) {
        if (defaults.isEmpty()) {
            return;
        }
        JsonObjectBuilder probe = Jsons.createObjectBuilder().add(ImportField.EMAIL, "probe@example.org");
        defaults.forEach(probe::add);
        ImportSettings settings = new ImportSettings(ImportFormat.NDJSON, ',', List.of(), Map.of(), Map.of());
        Item item = new RowParser(settings, catalog(), Times.now(clock))
                .parse(new RecordReader.Record(1, probe.build().toString(), null, null, 0));
        if (item instanceof Item.Rejected r && r.reason() == RejectReason.INVALID) {
            // Only what the defaults themselves break: a default purpose still needs each row's occurredAt.
            List<FieldError> errors = Arrays.stream(r.detail().split("; "))
                    .map(part -> part.split(": ", 2))
                    .filter(part -> part.length == 2 && defaults.containsKey(part[0]))
                    .map(part -> new FieldError("default." + part[0], part[1]))
                    .toList();
            if (!errors.isEmpty()) {
                throw new InvalidInputException(errors);
            }
        }
    }

    /**
     * Records the {@code Idempotency-Key} scope the upload came with, before its job starts: each chunk links the people
     * its rows name to the key's answer ({@link ImportWriter}), whose erasure then forgets it.
     */
    public void keyedBy(UUID id, String idempotencyScope) {
        update("UPDATE contact_import SET idempotency_scope = ? WHERE id = ?", s -> {
            s.setString(1, idempotencyScope);
            s.setString(2, id.toString());
        });
    }

    /** Records the first job execution importing the file (restarts are found through its job instance). */
    public void started(UUID id, long execution) {
        update("UPDATE contact_import SET first_execution = ? WHERE id = ?", s -> {
            s.setLong(1, execution);
            s.setString(2, id.toString());
        });
    }

    /**
     * Marks the file read to its end and audits it, once every row is imported or rejected; the caller then deletes
     * the upload ({@link #deleteUpload}), after this commits: a transaction rolled back here (a deadlock's victim)
     * must leave the file for the step's next try, or for the import's restart.
     */
    @jakarta.transaction.Transactional
    public void completed(UUID id) {
        // Blank lines after the last row are read too: the progress bar ends full.
        update(
                "UPDATE contact_import SET position_bytes = size_bytes WHERE id = ?",
                s -> s.setString(1, id.toString()));
        audit.append(
                "IMPORT_COMPLETED",
                "import",
                id.toString(),
                completedDetails(progress(id)).toString());
    }

    /**
     * What {@code import.completed} tells a receiver: the counts of {@code GET /api/v1/imports/{id}} (until 2026-12-07
     * only {@code read}, and a receiver could not tell whether to re-read anything, tester AK's F2).
     */
    static JsonObject completedDetails(ImportProgress p) {
        return Jsons.createObjectBuilder()
                .add("read", p.read())
                .add("imported", p.imported())
                .add("updated", p.updated())
                .add("rejected", p.rejected())
                .build();
    }

    /** Deletes the uploaded file of a completed import: it holds personal data. */
    public void deleteUpload(UUID id) {
        Uploads.deleteQuietly(file(id));
    }

    /**
     * Forgets the imports created more than {@code days} (null: {@code consent.import.keep-days}) ago: their rejected
     * rows (the original lines hold personal data), their counts, and their file if it is still there (an import that
     * failed and was never restarted). Returns how many were forgotten; each is audited.
     */
    @jakarta.transaction.Transactional
    public int forgetOld(Integer days) {
        Instant cutoff = Times.now(clock).minus(java.time.Duration.ofDays(days == null ? keepDays : days));
        List<String[]> old = new java.util.ArrayList<>();
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s =
                    c.prepareStatement("SELECT id, file_path FROM contact_import WHERE created_at < ?")) {
                s.setTimestamp(1, Timestamp.from(cutoff));
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        old.add(new String[] {rs.getString(1).strip(), rs.getString(2)});
                    }
                }
            }
            try (PreparedStatement rejects = c.prepareStatement("DELETE FROM import_reject WHERE import_id = ?");
                    PreparedStatement parts = c.prepareStatement("DELETE FROM import_partition WHERE import_id = ?");
                    PreparedStatement imports = c.prepareStatement("DELETE FROM contact_import WHERE id = ?")) {
                for (String[] o : old) {
                    rejects.setString(1, o[0]);
                    rejects.executeUpdate();
                    parts.setString(1, o[0]);
                    parts.executeUpdate();
                    imports.setString(1, o[0]);
                    imports.executeUpdate();
                    Uploads.deleteQuietly(Path.of(o[1]));
                    audit.append("IMPORT_FORGOTTEN", "import", o[0], null);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return old.size();
    }

    public Optional<ImportProgress> find(UUID id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT format, size_bytes, position_bytes, last_line,"
                        + " read_rows, imported_rows, updated_rows, rejected_rows, first_execution, created_by, created_at,"
                        + " updated_at, settings FROM contact_import WHERE id = ?")) {
            s.setString(1, id.toString());
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long execution = rs.getLong(9);
                Long firstExecution = rs.wasNull() ? null : execution;
                return Optional.of(new ImportProgress(
                        id,
                        ImportFormat.valueOf(rs.getString(1)),
                        rs.getLong(2),
                        rs.getLong(3),
                        rs.getLong(4),
                        rs.getLong(5),
                        rs.getLong(6),
                        rs.getLong(7),
                        rs.getLong(8),
                        firstExecution,
                        rs.getString(10),
                        rs.getTimestamp(11).toInstant(),
                        rs.getTimestamp(12).toInstant(),
                        ImportSettings.ignoredColumns(rs.getString(13))));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public ImportProgress progress(UUID id) {
        return find(id).orElseThrow(() -> new NotFoundException("import", id));
    }

    /** The settings and file of an import, for the job. */
    public ImportSettings settings(UUID id) {
        return ImportSettings.fromJson(text(id, "settings"));
    }

    public Path file(UUID id) {
        return Path.of(text(id, "file_path"));
    }

    /** A rejected row, as the report lists it. */
    public record Reject(long line, String original, String reason, String detail) {}

    /** Up to {@code limit} rejected rows after line {@code afterLine}, in line order. */
    public List<Reject> rejects(UUID id, long afterLine, int limit) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT line_number, original, reason, detail FROM"
                        + " import_reject WHERE import_id = ? AND line_number > ? ORDER BY line_number")) {
            s.setString(1, id.toString());
            s.setLong(2, afterLine);
            s.setMaxRows(limit);
            try (ResultSet rs = s.executeQuery()) {
                List<Reject> rejects = new java.util.ArrayList<>();
                while (rs.next()) {
                    rejects.add(new Reject(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4)));
                }
                return rejects;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The purposes and notices rows may name. */
    public ImportCatalog catalog() {
        Map<String, ImportCatalog.PurposeRules> purposes = new HashMap<>();
        Map<String, String> notices = new HashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement p =
                        c.prepareStatement("SELECT purpose_key, channels, double_opt_in, kind FROM purpose");
                PreparedStatement n = c.prepareStatement("SELECT id, purpose_key FROM notice")) {
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    purposes.put(
                            rs.getString(1),
                            new ImportCatalog.PurposeRules(
                                    Arrays.stream(rs.getString(2).split(","))
                                            .map(Channel::valueOf)
                                            .collect(Collectors.toSet()),
                                    rs.getBoolean(3),
                                    PurposeKind.PROSPECTING.name().equals(rs.getString(4))));
                }
            }
            try (ResultSet rs = n.executeQuery()) {
                while (rs.next()) {
                    notices.put(rs.getString(1).strip(), rs.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return new ImportCatalog(purposes, notices);
    }

    private String text(UUID id, String column) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT " + column + " FROM contact_import WHERE id = ?")) {
            s.setString(1, id.toString());
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new NotFoundException("import", id);
                }
                return rs.getString(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private interface Binder {
        void bind(PreparedStatement s) throws SQLException;
    }

    private void update(String sql, Binder binder) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement(sql)) {
            binder.bind(s);
            s.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
