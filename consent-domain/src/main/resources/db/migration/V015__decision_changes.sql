-- The decision change sequence: every committed change of a decision fact (contact, consent state and event,
-- preferences, sends, suppressions, purposes) bumps the one counter row and logs the seq with up to three tokens
-- (a contact id, identifier hashes, or '*' for everything). The counter row stays locked until the change commits, so
-- counter order is commit order: a server that reads seq = N has every change <= N committed and logged, and can keep
-- its in-memory projection exact by evicting what the log names. The bumps are database triggers (V015 per
-- database) so that no writer, JPA or native SQL, batch or API, can forget one. Seqs are dense: Derby bumps per row
-- changed, from the change on; PostgreSQL once per transaction, at its commit (tx: the transaction that bumped last),
-- its changes logged under that one seq.
CREATE TABLE decision_seq (
    id SMALLINT NOT NULL PRIMARY KEY,
    seq BIGINT NOT NULL,
    t1 VARCHAR(64),
    t2 VARCHAR(64),
    t3 VARCHAR(64),
    tx BIGINT
);

INSERT INTO decision_seq (id, seq) VALUES (1, 0);

CREATE TABLE decision_change (
    seq BIGINT NOT NULL,
    t1 VARCHAR(64),
    t2 VARCHAR(64),
    t3 VARCHAR(64)
);

CREATE INDEX ix_decision_change_seq ON decision_change (seq);
