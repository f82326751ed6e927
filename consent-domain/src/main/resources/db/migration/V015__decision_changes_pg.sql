-- PostgreSQL's half of V015__decision_changes.sql: one trigger function per fact table bumps the counter row once per
-- transaction, logs each change under that seq and prunes the log to its last 100,000 seqs (a server further behind
-- drops its whole projection). The log is pruned a thousand seqs at a time, in a bounded seq window: a scan from the
-- log's start would walk every dead index entry of earlier prunes, making each prune slower than the last.
-- consent_event inserts need no bump: a state that names the new event changes in the same transaction. NEW is null
-- in a DELETE trigger and OLD in an INSERT one (PostgreSQL 11+), hence the COALESCE.

-- The body is a quoted string rather than $$-quoted: Liquibase's statement splitter cuts $$ bodies at END IF;.
CREATE FUNCTION decision_change_bump(a VARCHAR, b VARCHAR, c VARCHAR) RETURNS VOID AS '
DECLARE
    s BIGINT;
BEGIN
    UPDATE decision_seq SET seq = seq + 1, tx = txid_current() WHERE id = 1 AND (tx IS NULL OR tx <> txid_current())
        RETURNING seq INTO s;
    IF FOUND AND s % 1000 = 0 THEN
        DELETE FROM decision_change WHERE seq > s - 101000 AND seq <= s - 100000;
    END IF;
    INSERT INTO decision_change (seq, t1, t2, t3) SELECT seq, a, b, c FROM decision_seq WHERE id = 1;
END
' LANGUAGE plpgsql;

CREATE FUNCTION dc_ct() RETURNS TRIGGER AS $$
BEGIN
    PERFORM decision_change_bump(COALESCE(NEW.id, OLD.id), COALESCE(NEW.email_hash, OLD.email_hash), COALESCE(NEW.phone_hash, OLD.phone_hash));
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER dc_ct AFTER INSERT OR UPDATE OR DELETE ON contact FOR EACH ROW EXECUTE FUNCTION dc_ct();

CREATE FUNCTION dc_cs() RETURNS TRIGGER AS $$
BEGIN
    PERFORM decision_change_bump(COALESCE(NEW.contact_id, OLD.contact_id), NULL, NULL);
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER dc_cs AFTER INSERT OR UPDATE OR DELETE ON consent_state FOR EACH ROW EXECUTE FUNCTION dc_cs();

CREATE FUNCTION dc_ce() RETURNS TRIGGER AS $$
BEGIN
    PERFORM decision_change_bump(COALESCE(NEW.contact_id, OLD.contact_id), NULL, NULL);
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER dc_ce AFTER UPDATE OR DELETE ON consent_event FOR EACH ROW EXECUTE FUNCTION dc_ce();

CREATE FUNCTION dc_cp() RETURNS TRIGGER AS $$
BEGIN
    PERFORM decision_change_bump(COALESCE(NEW.contact_id, OLD.contact_id), NULL, NULL);
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER dc_cp AFTER INSERT OR UPDATE OR DELETE ON contact_preferences FOR EACH ROW EXECUTE FUNCTION dc_cp();

CREATE FUNCTION dc_sl() RETURNS TRIGGER AS $$
BEGIN
    PERFORM decision_change_bump(COALESCE(NEW.contact_id, OLD.contact_id), NULL, NULL);
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER dc_sl AFTER INSERT OR UPDATE OR DELETE ON send_log FOR EACH ROW EXECUTE FUNCTION dc_sl();

CREATE FUNCTION dc_su() RETURNS TRIGGER AS $$
BEGIN
    PERFORM decision_change_bump(COALESCE(NEW.identifier_hash, OLD.identifier_hash), NULL, NULL);
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER dc_su AFTER INSERT OR UPDATE OR DELETE ON suppression FOR EACH ROW EXECUTE FUNCTION dc_su();

CREATE FUNCTION dc_pu() RETURNS TRIGGER AS $$
BEGIN
    PERFORM decision_change_bump('*', NULL, NULL);
    RETURN NULL;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER dc_pu AFTER INSERT OR UPDATE OR DELETE ON purpose FOR EACH ROW EXECUTE FUNCTION dc_pu();
