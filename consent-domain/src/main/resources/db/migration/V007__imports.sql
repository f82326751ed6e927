-- Bulk imports: one row per uploaded file (its progress is committed with the rows each chunk writes, so a restart
-- resumes exactly where the last committed chunk ended), the rejected rows with their reasons, and the way an
-- imported consent was originally collected (the event's own source is IMPORT).

CREATE TABLE contact_import (
    id CHAR(36) NOT NULL PRIMARY KEY,
    format VARCHAR(6) NOT NULL,
    file_path VARCHAR(1000) NOT NULL,
    size_bytes BIGINT NOT NULL,
    settings VARCHAR(8000) NOT NULL,
    first_execution BIGINT,
    position_bytes BIGINT NOT NULL,
    last_line BIGINT NOT NULL,
    read_rows BIGINT NOT NULL,
    imported_rows BIGINT NOT NULL,
    updated_rows BIGINT NOT NULL,
    rejected_rows BIGINT NOT NULL,
    created_by VARCHAR(200) NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL
);

CREATE INDEX ix_contact_import_created ON contact_import (created_at);

CREATE TABLE import_reject (
    import_id CHAR(36) NOT NULL,
    line_number BIGINT NOT NULL,
    original VARCHAR(8000) NOT NULL,
    reason VARCHAR(20) NOT NULL,
    detail VARCHAR(1000),
    email_hash CHAR(64),
    phone_hash CHAR(64),
    PRIMARY KEY (import_id, line_number),
    CONSTRAINT fk_import_reject_import FOREIGN KEY (import_id) REFERENCES contact_import (id) ON DELETE CASCADE
);

-- An erasure finds the rejected rows holding the person's identifiers by their keyed hashes (as the row parsed them).
CREATE INDEX ix_import_reject_email ON import_reject (email_hash);

CREATE INDEX ix_import_reject_phone ON import_reject (phone_hash);

ALTER TABLE consent_event ADD COLUMN origin VARCHAR(20);
