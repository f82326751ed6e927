package eu.consent.suppression.sources;

import java.util.List;

/** What an upload found: rows staged, rows refused (with the first reasons), and the diff it would make. */
public record SnapshotReport(
        String source,
        long rows,
        long rejected,
        List<String> rejections,
        long additions,
        long removals,
        long current) {}
