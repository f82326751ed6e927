-- The audit chain becomes keyed: from the entry after today's head, each hash is an HMAC-SHA256 with a secret kept
-- outside the database (consent.audit.secret), so that whoever can write the tables cannot recompute the chain.
-- Entries written before keep their plain SHA-256 links and are verified as such; a new database is keyed from
-- its first entry.
CREATE TABLE audit_key (
    id INTEGER NOT NULL PRIMARY KEY,
    keyed_from BIGINT NOT NULL
);

INSERT INTO audit_key (id, keyed_from) SELECT id, seq + 1 FROM audit_head WHERE id = 1;
