-- Two changes of the derivation (ConsentDerivation, 2026-12-06): while the person's own grant waits for its mailed
-- confirmation, a grant that is not theirs changes nothing (a client's or an import's grant made such a pair GRANTED
-- without the click, or moved its PENDING onto the client's grant); and the person's own grant stays the one a
-- GRANTED pair rests on when a client gives it again (the re-send put back the unsubscribe from everything, or the
-- erasure's mark, that the person's grant had lifted). Only a GRANTED or PENDING pair resting on a grant that is not
-- the person's own word (a source that is not person-facing, or no ip, agent id or script reference as proof), with
-- another grant in its history, can be decided otherwise now: those are marked here, and the server folds them again
-- at start-up (ConsentLedger#rederiveMarked).
INSERT INTO consent_rederive (contact_id, purpose_key, channel)
    SELECT s.contact_id, s.purpose_key, s.channel FROM consent_state s
    JOIN consent_event e ON e.id = s.event_id
    WHERE s.state IN ('GRANTED', 'PENDING') AND e.action = 'GRANT'
    AND (e.source NOT IN ('WEB_FORM', 'CHECKOUT', 'ORAL', 'PAPER', 'PREFERENCE_CENTER', 'UNSUBSCRIBE_LINK', 'ONE_CLICK')
        OR (COALESCE(TRIM(e.proof_ip), '') = '' AND COALESCE(TRIM(e.proof_agent_id), '') = ''
            AND COALESCE(TRIM(e.proof_script_ref), '') = ''))
    AND EXISTS (SELECT 1 FROM consent_event o WHERE o.contact_id = s.contact_id AND o.purpose_key = s.purpose_key
        AND o.channel = s.channel AND o.action = 'GRANT' AND o.id <> e.id)
    AND NOT EXISTS (SELECT 1 FROM consent_rederive r WHERE r.contact_id = s.contact_id
        AND r.purpose_key = s.purpose_key AND r.channel = s.channel);
