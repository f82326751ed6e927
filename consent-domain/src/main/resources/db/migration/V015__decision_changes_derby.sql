-- Derby's half of V015__decision_changes.sql: triggers (one statement each, so the counter row's own trigger logs
-- the change and prunes the log to its last 100,000 seqs; a server further behind drops its whole projection).
-- consent_event inserts need no bump: a state that names the new event changes in the same transaction.

CREATE TRIGGER dc_ct_i AFTER INSERT ON contact REFERENCING NEW AS n FOR EACH ROW
    UPDATE decision_seq SET seq = seq + 1, t1 = n.id, t2 = n.email_hash, t3 = n.phone_hash WHERE id = 1;

CREATE TRIGGER dc_ct_u AFTER UPDATE ON contact REFERENCING NEW AS n FOR EACH ROW
    UPDATE decision_seq SET seq = seq + 1, t1 = n.id, t2 = n.email_hash, t3 = n.phone_hash WHERE id = 1;

CREATE TRIGGER dc_ct_d AFTER DELETE ON contact REFERENCING OLD AS o FOR EACH ROW
    UPDATE decision_seq SET seq = seq + 1, t1 = o.id, t2 = o.email_hash, t3 = o.phone_hash WHERE id = 1;

CREATE TRIGGER dc_cs_i AFTER INSERT ON consent_state REFERENCING NEW AS n FOR EACH ROW
    UPDATE decision_seq SET seq = seq + 1, t1 = n.contact_id, t2 = NULL, t3 = NULL WHERE id = 1;

CREATE TRIGGER dc_cs_u AFTER UPDATE ON consent_state REFERENCING NEW AS n FOR EACH ROW
    UPDATE decision_seq SET seq = seq + 1, t1 = n.contact_id, t2 = NULL, t3 = NULL WHERE id = 1;

CREATE TRIGGER dc_cs_d AFTER DELETE ON consent_state REFERENCING OLD AS o FOR EACH ROW
    UPDATE decision_seq SET seq = seq + 1, t1 = o.contact_id, t2 = NULL, t3 = NULL WHERE id = 1;

CREATE TRIGGER dc_ce_u AFTER UPDATE ON consent_event REFERENCING NEW AS n FOR EACH ROW
    UPDATE decision_seq SET seq = seq + 1, t1 = n.contact_id, t2 = NULL, t3 = NULL WHERE id = 1;

CREATE TRIGGER dc_ce_d AFTER DELETE ON consent_event REFERENCING OLD AS o FOR EACH ROW
    UPDATE decision_seq SET seq = seq + 1, t1 = o.contact_id, t2 = NULL, t3 = NULL WHERE id = 1;

CREATE TRIGGER dc_cp_i AFTER INSERT ON contact_preferences REFERENCING NEW AS n FOR EACH ROW
    UPDATE decision_seq SET seq = seq + 1, t1 = n.contact_id, t2 = NULL, t3 = NULL WHERE id = 1;

CREATE TRIGGER dc_cp_u AFTER UPDATE ON contact_preferences REFERENCING NEW AS n FOR EACH ROW
    UPDATE decision_seq SET seq = seq + 1, t1 = n.contact_id, t2 = NULL, t3 = NULL WHERE id = 1;

CREATE TRIGGER dc_cp_d AFTER DELETE ON contact_preferences REFERENCING OLD AS o FOR EACH ROW
    UPDATE decision_seq SET seq = seq + 1, t1 = o.contact_id, t2 = NULL, t3 = NULL WHERE id = 1;

CREATE TRIGGER dc_sl_i AFTER INSERT ON send_log REFERENCING NEW AS n FOR EACH ROW
    UPDATE decision_seq SET seq = seq + 1, t1 = n.contact_id, t2 = NULL, t3 = NULL WHERE id = 1;

CREATE TRIGGER dc_sl_u AFTER UPDATE ON send_log REFERENCING NEW AS n FOR EACH ROW
    UPDATE decision_seq SET seq = seq + 1, t1 = n.contact_id, t2 = NULL, t3 = NULL WHERE id = 1;

CREATE TRIGGER dc_sl_d AFTER DELETE ON send_log REFERENCING OLD AS o FOR EACH ROW
    UPDATE decision_seq SET seq = seq + 1, t1 = o.contact_id, t2 = NULL, t3 = NULL WHERE id = 1;

CREATE TRIGGER dc_su_i AFTER INSERT ON suppression REFERENCING NEW AS n FOR EACH ROW
    UPDATE decision_seq SET seq = seq + 1, t1 = n.identifier_hash, t2 = NULL, t3 = NULL WHERE id = 1;

CREATE TRIGGER dc_su_u AFTER UPDATE ON suppression REFERENCING NEW AS n FOR EACH ROW
    UPDATE decision_seq SET seq = seq + 1, t1 = n.identifier_hash, t2 = NULL, t3 = NULL WHERE id = 1;

CREATE TRIGGER dc_su_d AFTER DELETE ON suppression REFERENCING OLD AS o FOR EACH ROW
    UPDATE decision_seq SET seq = seq + 1, t1 = o.identifier_hash, t2 = NULL, t3 = NULL WHERE id = 1;

CREATE TRIGGER dc_pu_i AFTER INSERT ON purpose REFERENCING NEW AS n FOR EACH ROW
    UPDATE decision_seq SET seq = seq + 1, t1 = '*', t2 = NULL, t3 = NULL WHERE id = 1;

CREATE TRIGGER dc_pu_u AFTER UPDATE ON purpose REFERENCING NEW AS n FOR EACH ROW
    UPDATE decision_seq SET seq = seq + 1, t1 = '*', t2 = NULL, t3 = NULL WHERE id = 1;

CREATE TRIGGER dc_pu_d AFTER DELETE ON purpose REFERENCING OLD AS o FOR EACH ROW
    UPDATE decision_seq SET seq = seq + 1, t1 = '*', t2 = NULL, t3 = NULL WHERE id = 1;

CREATE TRIGGER dc_log AFTER UPDATE ON decision_seq REFERENCING NEW AS n FOR EACH ROW
    INSERT INTO decision_change (seq, t1, t2, t3) VALUES (n.seq, n.t1, n.t2, n.t3);

-- A thousand seqs at a time, in a bounded window: a scan from the log's start would walk the deleted index entries of
-- earlier prunes (Derby reclaims them lazily), so that every prune, and every change, took longer than the last.
CREATE TRIGGER dc_prune AFTER UPDATE ON decision_seq REFERENCING NEW AS n FOR EACH ROW WHEN (MOD(n.seq, 1000) = 0)
    DELETE FROM decision_change WHERE seq > n.seq - 101000 AND seq <= n.seq - 100000;
