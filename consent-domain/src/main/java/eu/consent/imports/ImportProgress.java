package eu.consent.imports;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** An import as stored: its file's size and how far the job got, with the counts of what it did. */
public record ImportProgress(
        UUID id,
        ImportFormat format,
        long size,
        long position,
        long lastLine,
        long read,
        long imported,
        long updated,
        long rejected,
        Long firstExecution,
        String createdBy,
        Instant createdAt,
        Instant updatedAt,
        List<String> ignoredColumns) {}
