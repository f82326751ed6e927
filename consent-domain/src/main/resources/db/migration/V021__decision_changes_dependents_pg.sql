-- PostgreSQL's half of V021 (see the Derby half): the rows that hang off a contact log their inserts and updates only;
-- their deletes come with their contact's, which logs it. Consent events are never updated.
DROP TRIGGER dc_cs ON consent_state;

CREATE TRIGGER dc_cs AFTER INSERT OR UPDATE ON consent_state FOR EACH ROW EXECUTE FUNCTION dc_cs();

DROP TRIGGER dc_ce ON consent_event;

DROP FUNCTION dc_ce();

DROP TRIGGER dc_cp ON contact_preferences;

CREATE TRIGGER dc_cp AFTER INSERT OR UPDATE ON contact_preferences FOR EACH ROW EXECUTE FUNCTION dc_cp();

DROP TRIGGER dc_sl ON send_log;

CREATE TRIGGER dc_sl AFTER INSERT OR UPDATE ON send_log FOR EACH ROW EXECUTE FUNCTION dc_sl();
