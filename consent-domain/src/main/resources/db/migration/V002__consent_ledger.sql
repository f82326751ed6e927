-- The consent ledger (append-only events and the current-state projection), the mail outbox, suppressions
-- (keyed hashes of identifiers) and idempotency keys.

CREATE TABLE consent_event (
    id CHAR(36) NOT NULL PRIMARY KEY,
    contact_id CHAR(36) NOT NULL,
    purpose_key VARCHAR(64) NOT NULL,
    channel VARCHAR(10) NOT NULL,
    action VARCHAR(8) NOT NULL,
    basis VARCHAR(20) NOT NULL,
    source VARCHAR(20) NOT NULL,
    notice_id CHAR(36),
    needs_confirmation BOOLEAN NOT NULL,
    proof_ip VARCHAR(45),
    proof_user_agent VARCHAR(1000),
    proof_form_url VARCHAR(2000),
    proof_agent_id VARCHAR(200),
    proof_script_ref VARCHAR(200),
    occurred_at TIMESTAMP NOT NULL,
    recorded_at TIMESTAMP NOT NULL,
    arrival BIGINT NOT NULL,
    CONSTRAINT fk_consent_event_contact FOREIGN KEY (contact_id) REFERENCES contact (id),
    CONSTRAINT fk_consent_event_purpose FOREIGN KEY (purpose_key) REFERENCES purpose (purpose_key),
    CONSTRAINT fk_consent_event_notice FOREIGN KEY (notice_id) REFERENCES notice (id),
    CONSTRAINT uq_consent_event_arrival UNIQUE (contact_id, arrival)
);

CREATE INDEX ix_consent_event_key ON consent_event (contact_id, purpose_key, channel, occurred_at, arrival);

CREATE TABLE consent_state (
    contact_id CHAR(36) NOT NULL,
    purpose_key VARCHAR(64) NOT NULL,
    channel VARCHAR(10) NOT NULL,
    state VARCHAR(10) NOT NULL,
    basis VARCHAR(20),
    since TIMESTAMP NOT NULL,
    event_id CHAR(36) NOT NULL,
    PRIMARY KEY (contact_id, purpose_key, channel),
    CONSTRAINT fk_consent_state_contact FOREIGN KEY (contact_id) REFERENCES contact (id)
);

CREATE TABLE mail_outbox (
    id CHAR(36) NOT NULL PRIMARY KEY,
    contact_id CHAR(36),
    recipient VARCHAR(254) NOT NULL,
    subject VARCHAR(500) NOT NULL,
    body VARCHAR(8000) NOT NULL,
    attempts INTEGER NOT NULL,
    next_attempt_at TIMESTAMP NOT NULL,
    sent_at TIMESTAMP,
    last_error VARCHAR(1000),
    created_at TIMESTAMP NOT NULL
);

CREATE INDEX ix_mail_outbox_due ON mail_outbox (sent_at, next_attempt_at);

CREATE TABLE suppression (
    id CHAR(36) NOT NULL PRIMARY KEY,
    identifier_hash CHAR(64) NOT NULL,
    identifier_kind VARCHAR(5) NOT NULL,
    channel VARCHAR(10) NOT NULL,
    purpose_key VARCHAR(64),
    reason VARCHAR(20) NOT NULL,
    source VARCHAR(100) NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE INDEX ix_suppression_identifier ON suppression (identifier_hash, channel);

-- Replays of write requests: same key and body answer the first answer again until the key expires.
CREATE TABLE idempotency_key (
    scope_hash CHAR(64) NOT NULL PRIMARY KEY,
    request_hash CHAR(64) NOT NULL,
    status INTEGER NOT NULL,
    location VARCHAR(2000),
    body VARCHAR(32000),
    created_at TIMESTAMP NOT NULL,
    expires_at TIMESTAMP NOT NULL
);

CREATE INDEX ix_idempotency_expiry ON idempotency_key (expires_at);
