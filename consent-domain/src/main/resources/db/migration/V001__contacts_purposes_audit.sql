-- Portable DDL: runs unchanged on Derby 10.16 and PostgreSQL 15.
-- Times are TIMESTAMP in UTC (the server's JVM runs in UTC); ids of people are random UUIDs as CHAR(36).

CREATE TABLE contact (
    id CHAR(36) NOT NULL PRIMARY KEY,
    email VARCHAR(254),
    phone VARCHAR(20),
    postal_lines VARCHAR(1100),
    postal_postcode VARCHAR(200),
    postal_city VARCHAR(200),
    postal_country CHAR(2),
    locale VARCHAR(35) NOT NULL,
    country CHAR(2) NOT NULL,
    audience VARCHAR(3) NOT NULL,
    customer BOOLEAN NOT NULL,
    external_id VARCHAR(200),
    attributes VARCHAR(8000),
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    last_active_at TIMESTAMP,
    version INTEGER NOT NULL,
    CONSTRAINT uq_contact_email UNIQUE (email),
    CONSTRAINT uq_contact_phone UNIQUE (phone)
);

CREATE INDEX ix_contact_last_active ON contact (last_active_at);

CREATE TABLE activity (
    id CHAR(36) NOT NULL PRIMARY KEY,
    contact_id CHAR(36) NOT NULL,
    type VARCHAR(20) NOT NULL,
    occurred_at TIMESTAMP NOT NULL,
    recorded_at TIMESTAMP NOT NULL,
    CONSTRAINT fk_activity_contact FOREIGN KEY (contact_id) REFERENCES contact (id) ON DELETE CASCADE
);

CREATE INDEX ix_activity_contact ON activity (contact_id, occurred_at);

CREATE TABLE purpose (
    purpose_key VARCHAR(64) NOT NULL PRIMARY KEY,
    kind VARCHAR(11) NOT NULL,
    channels VARCHAR(100) NOT NULL,
    double_opt_in BOOLEAN NOT NULL,
    similar_to_purchases BOOLEAN NOT NULL,
    names VARCHAR(4000) NOT NULL,
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE notice (
    id CHAR(36) NOT NULL PRIMARY KEY,
    purpose_key VARCHAR(64) NOT NULL,
    locale VARCHAR(35) NOT NULL,
    version INTEGER NOT NULL,
    body VARCHAR(32000) NOT NULL,
    sha256 CHAR(64) NOT NULL,
    created_at TIMESTAMP NOT NULL,
    CONSTRAINT fk_notice_purpose FOREIGN KEY (purpose_key) REFERENCES purpose (purpose_key),
    CONSTRAINT uq_notice_version UNIQUE (purpose_key, locale, version)
);

CREATE TABLE audit_entry (
    seq BIGINT NOT NULL PRIMARY KEY,
    occurred_at TIMESTAMP NOT NULL,
    actor VARCHAR(200) NOT NULL,
    action VARCHAR(64) NOT NULL,
    subject_type VARCHAR(32) NOT NULL,
    subject_id VARCHAR(100),
    details VARCHAR(4000),
    prev_hash CHAR(64) NOT NULL,
    hash CHAR(64) NOT NULL
);

CREATE INDEX ix_audit_subject ON audit_entry (subject_id, seq);

CREATE INDEX ix_audit_time ON audit_entry (occurred_at);

-- The chain's head, one row, locked by every append so that concurrent writers never fork the chain.
CREATE TABLE audit_head (
    id INTEGER NOT NULL PRIMARY KEY,
    seq BIGINT NOT NULL,
    hash CHAR(64) NOT NULL
);

INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');

-- The last point up to which the chain was verified by the audit-verify job (one row once it first ran).
CREATE TABLE audit_anchor (
    id INTEGER NOT NULL PRIMARY KEY,
    seq BIGINT NOT NULL,
    hash CHAR(64) NOT NULL,
    verified_at TIMESTAMP NOT NULL
);
