-- When the person last pressed "unsubscribe from everything" on the preference page: the objection it made on every
-- prospecting purpose and channel then also holds on a pair that comes later (a purpose created since, a channel
-- added to one) when a client or an import records a grant there. Push keeps no suppression that would hold it.
ALTER TABLE contact ADD COLUMN left_everything_at TIMESTAMP;
