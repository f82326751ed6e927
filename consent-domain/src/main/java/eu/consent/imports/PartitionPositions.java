package eu.consent.imports;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The restart positions of an import written by several partitions ({@code import_partition}): made when the step is
 * first mapped, at the import's first row, then moved by each partition's chunks in their own transactions.
 */
@ApplicationScoped
public class PartitionPositions {

    @Resource(lookup = "jdbc/consent")
    DataSource dataSource;

    @Inject
    Imports imports;

    /** Where a partition resumes: the start of the line after {@code lastLine}. */
    public record Position(long bytes, long lastLine) {}

    /**
     * The partition count of {@code importId}: the one it was first mapped with if it has partition positions, 1 if
     * one partition already wrote rows (its position lives in the import's row), else {@code wanted}, whose positions
     * are then made at the import's first row.
     */
    @Transactional
    public int map(UUID importId, int wanted) {
        try (Connection c = dataSource.getConnection()) {
            try (PreparedStatement s =
                    c.prepareStatement("SELECT MAX(partitions) FROM import_partition WHERE import_id = ?")) {
                s.setString(1, importId.toString());
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    int known = rs.getInt(1);
                    if (!rs.wasNull()) {
                        return known;
                    }
                }
            }
            ImportProgress progress = imports.progress(importId);
            if (wanted <= 1 || progress.read() > 0) {
                return 1;
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO import_partition (import_id, part,"
                    + " partitions, position_bytes, last_line) VALUES (?, ?, ?, ?, ?)")) {
                for (int part = 0; part < wanted; part++) {
                    insert.setString(1, importId.toString());
                    insert.setInt(2, part);
                    insert.setInt(3, wanted);
                    insert.setLong(4, progress.position());
                    insert.setLong(5, progress.lastLine());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            return wanted;
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Where partition {@code part} of {@code importId} resumes, if the import is partitioned. */
    public Optional<Position> of(UUID importId, int part) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement s = c.prepareStatement("SELECT position_bytes, last_line FROM import_partition"
                        + " WHERE import_id = ? AND part = ?")) {
            s.setString(1, importId.toString());
            s.setInt(2, part);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(new Position(rs.getLong(1), rs.getLong(2))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
