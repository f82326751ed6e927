-- PostgreSQL's half of V015__decision_changes.sql. Each change of a decision fact is logged by a row trigger with no seq
-- yet (tx: its transaction); at COMMIT a deferred constraint trigger bumps the counter row once for the transaction
-- and gives its log rows that seq. So the counter row is locked only from the commit's trigger to the commit itself:
-- writers (API requests, partitions of a purge or an import) run in parallel and queue only to commit, and counter
-- order is still commit order. The log is pruned to its last 100,000 seqs, a thousand seqs at a time in a bounded
-- window: a scan from the log's start would walk every dead index entry of earlier prunes, making each prune slower
-- than the last (a server further behind drops its whole projection).
-- consent_event inserts need no log: a state that names the new event changes in the same transaction. NEW is null
-- in a DELETE trigger and OLD in an INSERT one (PostgreSQL 11+), hence the COALESCE.

ALTER TABLE decision_change ALTER COLUMN seq DROP NOT NULL;

ALTER TABLE decision_change ADD COLUMN tx BIGINT;

CREATE INDEX ix_decision_change_pending ON decision_change (tx) WHERE seq IS NULL;

CREATE FUNCTION decision_change_log(a VARCHAR, b VARCHAR, c VARCHAR) RETURNS VOID AS $$
BEGIN
    INSERT INTO decision_change (seq, tx, t1, t2, t3) VALUES (NULL, txid_current(), a, b, c);
END
$$ LANGUAGE plpgsql;

-- The body is a quoted string rather than $$-quoted: Liquibase's statement splitter cuts $$ bodies at END IF;.
CREATE FUNCTION decision_change_commit() RETURNS TRIGGER AS '
DECLARE
    s BIGINT;
BEGIN
    UPDATE decision_seq SET seq = seq + 1, tx = txid_current() WHERE id = 1 AND (tx IS NULL OR tx <> txid_current())
        RETURNING seq INTO s;
    IF FOUND THEN
        UPDATE decision_change SET seq = s WHERE tx = txid_current() AND seq IS NULL;
        IF s % 1000 = 0 THEN
            DELETE FROM decision_change WHERE seq > s - 101000 AND seq <= s - 100000;
        END IF;
    END IF;
    RETURN NULL;
END
' LANGUAGE plpgsql;

CREATE CONSTRAINT TRIGGER dc_commit AFTER INSERT ON decision_change DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION decision_change_commit();

CREATE FUNCTION dc_ct() RETURNS TRIGGER AS $$
BEGIN
    PERFORM decision_change_log(COALESCE(NEW.id, OLD.id), COALESCE(NEW.email_hash, OLD.email_hash), COALESCE(NEW.phone_hash, OLD.phone_hash));
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER dc_ct AFTER INSERT OR UPDATE OR DELETE ON contact FOR EACH ROW EXECUTE FUNCTION dc_ct();

CREATE FUNCTION dc_cs() RETURNS TRIGGER AS $$
BEGIN
    PERFORM decision_change_log(COALESCE(NEW.contact_id, OLD.contact_id), NULL, NULL);
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER dc_cs AFTER INSERT OR UPDATE OR DELETE ON consent_state FOR EACH ROW EXECUTE FUNCTION dc_cs();

CREATE FUNCTION dc_ce() RETURNS TRIGGER AS $$
BEGIN
    PERFORM decision_change_log(COALESCE(NEW.contact_id, OLD.contact_id), NULL, NULL);
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER dc_ce AFTER UPDATE OR DELETE ON consent_event FOR EACH ROW EXECUTE FUNCTION dc_ce();

CREATE FUNCTION dc_cp() RETURNS TRIGGER AS $$
BEGIN
    PERFORM decision_change_log(COALESCE(NEW.contact_id, OLD.contact_id), NULL, NULL);
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER dc_cp AFTER INSERT OR UPDATE OR DELETE ON contact_preferences FOR EACH ROW EXECUTE FUNCTION dc_cp();

CREATE FUNCTION dc_sl() RETURNS TRIGGER AS $$
BEGIN
    PERFORM decision_change_log(COALESCE(NEW.contact_id, OLD.contact_id), NULL, NULL);
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER dc_sl AFTER INSERT OR UPDATE OR DELETE ON send_log FOR EACH ROW EXECUTE FUNCTION dc_sl();

CREATE FUNCTION dc_su() RETURNS TRIGGER AS $$
BEGIN
    PERFORM decision_change_log(COALESCE(NEW.identifier_hash, OLD.identifier_hash), NULL, NULL);
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER dc_su AFTER INSERT OR UPDATE OR DELETE ON suppression FOR EACH ROW EXECUTE FUNCTION dc_su();

CREATE FUNCTION dc_pu() RETURNS TRIGGER AS $$
BEGIN
    PERFORM decision_change_log('*', NULL, NULL);
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER dc_pu AFTER INSERT OR UPDATE OR DELETE ON purpose FOR EACH ROW EXECUTE FUNCTION dc_pu();
