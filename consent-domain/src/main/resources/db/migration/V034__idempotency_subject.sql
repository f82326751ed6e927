-- What a kept idempotent answer is about besides its one contact_id: the keyed hash of each contact id, email address
-- and phone number a batch request named (a report of sends, ESP events) or an import's rows named. An erasure finds
-- the answers to forget by the person's keyed hashes; the rows go with their answer, or when it expires. No primary
-- key: an import's chunks may link one person twice, and a chunk must not fail for it.
CREATE TABLE idempotency_subject (
    scope_hash CHAR(64) NOT NULL,
    subject_hash CHAR(64) NOT NULL,
    expires_at TIMESTAMP NOT NULL
);

CREATE INDEX ix_idempotency_subject ON idempotency_subject (subject_hash);

CREATE INDEX ix_idempotency_subject_scope ON idempotency_subject (scope_hash);

CREATE INDEX ix_idempotency_subject_expiry ON idempotency_subject (expires_at);

-- The key an import was uploaded with (its scope): each chunk links the people its rows name to that key's answer.
ALTER TABLE contact_import ADD COLUMN idempotency_scope CHAR(64);
