package eu.consent.web.imports;

import eu.consent.imports.ImportProgress;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * An import's progress: {@code read} = {@code imported} + {@code updated} + {@code rejected} at every moment (each
 * chunk commits its rows and its counts together); {@code position} of {@code size} bytes draws a progress bar.
 */
public record ImportView(
        UUID id,
        String status,
        Long executionId,
        String format,
        long size,
        long position,
        long read,
        long imported,
        long updated,
        long rejected,
        List<String> ignoredColumns,
        String createdBy,
        Instant createdAt,
        Instant updatedAt) {

    /** The same import, as a new execution of its job starts. */
    ImportView startedAgain(long execution) {
        return new ImportView(
                id,
                "STARTING",
                execution,
                format,
                size,
                position,
                read,
                imported,
                updated,
                rejected,
                ignoredColumns,
                createdBy,
                createdAt,
                updatedAt);
    }

    static ImportView of(ImportProgress p, String status, Long executionId) {
        return new ImportView(
                p.id(),
                status,
                executionId,
                p.format().name(),
                p.size(),
                p.position(),
                p.read(),
                p.imported(),
                p.updated(),
                p.rejected(),
                p.ignoredColumns(),
                p.createdBy(),
                p.createdAt(),
                p.updatedAt());
    }
}
