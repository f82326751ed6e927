-- Every writer sets recorded_at (V038): required from now on, so that no entry written without it is missing from the
-- outbound files or the suppressions' listing, which both follow it (review of 2026-12-06).
-- A row written without it meanwhile (a server of the previous version still running beside a new one, a restored dump)
-- is dated as it holds, as V038 did, first: the constraint would refuse it, and the start with it.
UPDATE suppression SET recorded_at = created_at WHERE recorded_at IS NULL;

ALTER TABLE suppression ALTER COLUMN recorded_at NOT NULL;
