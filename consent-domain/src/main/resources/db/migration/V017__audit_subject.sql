-- The contacts one audit entry is about when it covers many (the retention purge writes one entry per chunk): the
-- keyed hash of each contact id, so that the audit filter by contact still finds the purge of each person without
-- the chain keeping the purged ids in clear. The entry's details carry a digest of its keys, sealed by the chain.
CREATE TABLE audit_subject (
    contact_key CHAR(64) NOT NULL,
    entry_seq BIGINT NOT NULL,
    PRIMARY KEY (contact_key, entry_seq)
);

CREATE INDEX ix_audit_subject_entry ON audit_subject (entry_seq);
