-- An expired double opt-in is dropped, no longer withdrawn: the pair goes back to what it was before the grant (NONE if
-- nothing). The expiries the pending-expiry job wrote before keep their form (a WITHDRAW by ADMIN naming
-- pending-expiry) and now derive that way, so the projection rows they decided still say WITHDRAWN. Only those rows
-- differ from the new derivation (any later event of the person's either re-decides the row or is decided the same
-- way by both): they are marked here, and the server folds them again at start-up and unmarks them
-- (ConsentLedger#rederiveMarked), so decisions and the projection check agree with the events.
CREATE TABLE consent_rederive (
    contact_id CHAR(36) NOT NULL,
    purpose_key VARCHAR(64) NOT NULL,
    channel VARCHAR(10) NOT NULL,
    PRIMARY KEY (contact_id, purpose_key, channel)
);

INSERT INTO consent_rederive (contact_id, purpose_key, channel)
    SELECT s.contact_id, s.purpose_key, s.channel FROM consent_state s
    JOIN consent_event e ON e.id = s.event_id
    WHERE e.action = 'WITHDRAW' AND e.source = 'ADMIN' AND e.proof_agent_id = 'pending-expiry';
