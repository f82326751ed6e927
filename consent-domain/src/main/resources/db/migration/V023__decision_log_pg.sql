-- PostgreSQL's half of V023: a transaction's seq is written once, in decision_commit, instead of on each of its log
-- rows. Until now the commit's trigger gave every log row of the transaction its seq with an UPDATE: an import chunk
-- or a purge chunk that logs 2,000 rows wrote each of them twice (a new row version, its index entries, the dead one
-- for VACUUM). Now a log row keeps the tx it was written by, the commit's trigger inserts one (seq, tx) row, and the
-- view decision_log joins them: what the probes read, the same (seq, t1, t2, t3) as before, only for committed
-- transactions (a transaction's rows and its decision_commit row commit together). Counter order stays commit order:
-- the counter row is still locked from the commit's trigger to the commit.
-- The log rows written before this script keep their seq; their transactions get their decision_commit row here.
-- Pruning (every 1,000th seq) deletes the log rows of the transactions of a window of 1,000 seqs 100,000 behind,
-- found through decision_commit's primary key, then those decision_commit rows.
CREATE TABLE decision_commit (
    seq BIGINT NOT NULL PRIMARY KEY,
    tx BIGINT NOT NULL
);

INSERT INTO decision_commit (seq, tx) SELECT seq, MIN(tx) FROM decision_change WHERE seq IS NOT NULL GROUP BY seq;

CREATE INDEX ix_decision_change_tx ON decision_change (tx);

DROP INDEX ix_decision_change_pending;

DROP INDEX ix_decision_change_seq;

CREATE VIEW decision_log (seq, t1, t2, t3) AS
    SELECT c.seq, l.t1, l.t2, l.t3 FROM decision_commit c JOIN decision_change l ON l.tx = c.tx;

-- The body is a quoted string rather than $$-quoted: Liquibase's statement splitter cuts $$ bodies at END IF;.
CREATE OR REPLACE FUNCTION decision_tx_commit() RETURNS TRIGGER AS '
DECLARE
    s BIGINT;
BEGIN
    UPDATE decision_seq SET seq = seq + 1, tx = txid_current() WHERE id = 1 RETURNING seq INTO s;
    INSERT INTO decision_commit (seq, tx) VALUES (s, txid_current());
    DELETE FROM decision_tx WHERE tx = txid_current();
    IF s % 1000 = 0 THEN
        DELETE FROM decision_change WHERE tx IN
            (SELECT tx FROM decision_commit WHERE seq > s - 101000 AND seq <= s - 100000);
        DELETE FROM decision_commit WHERE seq > s - 101000 AND seq <= s - 100000;
    END IF;
    RETURN NULL;
END
' LANGUAGE plpgsql;

-- Partial indexes: a contact reached by email only (most of an email base, every row of a typical import) has no
-- phone and no phone hash, and an SMS-only contact no email: their NULLs were index entries too, written with every
-- insert and never looked up (every query names a value: = or = ANY, which implies NOT NULL). Uniqueness is the same.
ALTER TABLE contact DROP CONSTRAINT uq_contact_email;

CREATE UNIQUE INDEX uq_contact_email ON contact (email) WHERE email IS NOT NULL;

ALTER TABLE contact DROP CONSTRAINT uq_contact_phone;

CREATE UNIQUE INDEX uq_contact_phone ON contact (phone) WHERE phone IS NOT NULL;

DROP INDEX ix_contact_email_hash;

CREATE INDEX ix_contact_email_hash ON contact (email_hash) WHERE email_hash IS NOT NULL;

DROP INDEX ix_contact_phone_hash;

CREATE INDEX ix_contact_phone_hash ON contact (phone_hash) WHERE phone_hash IS NOT NULL;
