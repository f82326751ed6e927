-- A change of the derivation (ConsentDerivation, 2026-12-07, tester BA's F1): at one instant a withdrawal or an
-- objection counts after a grant or a confirmation, whatever their arrival (the opt-out wins a tie, as the decisions and
-- the import read it). Only a pair whose history holds a WITHDRAW or OBJECT that arrived before a GRANT or CONFIRM
-- counting at the same instant (the earlier of its occurred_at and recorded_at) can be decided otherwise now: those are
-- marked here, and the server folds them again at start-up (ConsentLedger#rederiveMarked).
INSERT INTO consent_rederive (contact_id, purpose_key, channel)
    SELECT DISTINCT g.contact_id, g.purpose_key, g.channel FROM consent_event g
    JOIN consent_event o ON o.contact_id = g.contact_id AND o.purpose_key = g.purpose_key AND o.channel = g.channel
        AND o.action IN ('WITHDRAW', 'OBJECT') AND o.arrival < g.arrival
        AND (CASE WHEN o.occurred_at > o.recorded_at THEN o.recorded_at ELSE o.occurred_at END)
            = (CASE WHEN g.occurred_at > g.recorded_at THEN g.recorded_at ELSE g.occurred_at END)
    WHERE g.action IN ('GRANT', 'CONFIRM')
    AND NOT EXISTS (SELECT 1 FROM consent_rederive r WHERE r.contact_id = g.contact_id
        AND r.purpose_key = g.purpose_key AND r.channel = g.channel);
