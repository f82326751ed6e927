-- External suppression sources (an ESP's export, a national do-not-call file): the last snapshot uploaded, staged
-- until the suppression-resync job applies it as a diff.

CREATE TABLE suppression_source (
    name VARCHAR(64) NOT NULL PRIMARY KEY,
    snapshot_at TIMESTAMP,
    snapshot_rows INTEGER NOT NULL,
    snapshot_rejected INTEGER NOT NULL,
    applied_at TIMESTAMP,
    previous_applied_at TIMESTAMP
);

CREATE TABLE source_snapshot (
    source VARCHAR(64) NOT NULL,
    identifier_hash CHAR(64) NOT NULL,
    identifier_kind VARCHAR(5) NOT NULL,
    channel VARCHAR(10) NOT NULL,
    reason VARCHAR(20) NOT NULL,
    listed_on TIMESTAMP,
    PRIMARY KEY (source, identifier_hash, channel, reason)
);

CREATE INDEX ix_suppression_source ON suppression (source, identifier_hash);
