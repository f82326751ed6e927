-- The audit-verify job's anchor is one row from the start (at the genesis, nothing verified yet). Two runs of the job
-- on a database never verified both inserted it, and the second failed on the primary key; the writers now only move
-- the existing row, under its lock. A database verified before keeps its anchor.
INSERT INTO audit_anchor (id, seq, hash, verified_at)
SELECT 1, 0, '0000000000000000000000000000000000000000000000000000000000000000', CURRENT_TIMESTAMP
FROM audit_head
WHERE id = 1 AND NOT EXISTS (SELECT 1 FROM audit_anchor);
