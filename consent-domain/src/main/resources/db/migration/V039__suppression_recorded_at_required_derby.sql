-- Every writer sets recorded_at (V038): required from now on, so that no entry written without it is missing from the
-- outbound files or the suppressions' listing, which both follow it (review of 2026-12-06).
ALTER TABLE suppression ALTER COLUMN recorded_at NOT NULL;
