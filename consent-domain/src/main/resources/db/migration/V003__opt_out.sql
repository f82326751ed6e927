-- Opt-outs: identifier hashes on contacts (to match suppressions without clear identifiers), the opt-out log that
-- statistics count (with the feedback given), and soft bounces counted towards a suppression.

ALTER TABLE contact ADD COLUMN email_hash CHAR(64);

ALTER TABLE contact ADD COLUMN phone_hash CHAR(64);

CREATE INDEX ix_contact_email_hash ON contact (email_hash);

CREATE INDEX ix_contact_phone_hash ON contact (phone_hash);

CREATE INDEX ix_suppression_reason ON suppression (reason, channel);

-- One row per effective opt-out; no personal data, so it outlives an erasure (contact_id is then only a dead id).
CREATE TABLE opt_out (
    id CHAR(36) NOT NULL PRIMARY KEY,
    contact_id CHAR(36),
    purpose_key VARCHAR(64),
    channel VARCHAR(10) NOT NULL,
    source VARCHAR(20) NOT NULL,
    feedback_reason VARCHAR(20),
    feedback_comment VARCHAR(2000),
    occurred_at TIMESTAMP NOT NULL
);

CREATE INDEX ix_opt_out_time ON opt_out (occurred_at);

CREATE TABLE soft_bounce (
    id CHAR(36) NOT NULL PRIMARY KEY,
    identifier_hash CHAR(64) NOT NULL,
    provider VARCHAR(100) NOT NULL,
    message_id VARCHAR(500),
    occurred_at TIMESTAMP NOT NULL
);

CREATE INDEX ix_soft_bounce_hash ON soft_bounce (identifier_hash, occurred_at);
