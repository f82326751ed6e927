-- One row per address that soft-bounced (its keyed hash): each soft bounce of the address locks it before it records
-- and counts itself, so that bounces of one address reported at once are counted one after another. Without it each
-- inserted its bounce and then counted the address's, waiting on the others' new rows (a deadlock on Derby), or
-- counting without them (PostgreSQL), and the threshold was missed. Erasure deletes it with the soft bounces.
CREATE TABLE soft_bounce_address (
    identifier_hash CHAR(64) NOT NULL PRIMARY KEY,
    last_bounce_at TIMESTAMP NOT NULL
);
