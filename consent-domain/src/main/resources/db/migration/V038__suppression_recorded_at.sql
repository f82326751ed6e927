-- When the service last wrote an entry (added it, or dated it anew), beside the moment it holds from (created_at). The
-- two differ when the person's word is older than its arrival: a provider's UNSUBSCRIBE event reported an hour late, a
-- list's line dated on the day the person unsubscribed there. The entry holds from then, so that a consent the person
-- gave themselves in between still outweighs it (AD-F5, AD-F10, until 2026-12-06 every such entry held from its
-- arrival and overrode it); the outbound files that follow the entries written since their last run read this column,
-- so an entry dated in the past is still sent.
ALTER TABLE suppression ADD COLUMN recorded_at TIMESTAMP;

UPDATE suppression SET recorded_at = created_at;

CREATE INDEX ix_suppression_recorded ON suppression (identifier_kind, recorded_at);
