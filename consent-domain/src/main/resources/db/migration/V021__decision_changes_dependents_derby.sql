-- Derby's half of V021: the rows that hang off a contact (consent states and events, preferences, sends) are deleted
-- only together with their contact, in one transaction (an erasure or the retention purge), and the contact's own
-- delete logs its id and identifier hashes: their delete triggers logged the same contact once more per row (three
-- changes per purged contact instead of one, each bumping the counter under its lock). Consent events are never
-- updated. Inserts and updates of those rows still log: they change a living contact's decision.
DROP TRIGGER dc_cs_d;

DROP TRIGGER dc_ce_u;

DROP TRIGGER dc_ce_d;

DROP TRIGGER dc_cp_d;

DROP TRIGGER dc_sl_d;
