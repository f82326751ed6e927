-- Where the person left all prospecting (V024's moment): the preference page's "unsubscribe from everything", or an
-- unsubscribe link for all prospecting on push (ONE_CLICK, UNSUBSCRIBE_LINK). The objection later made in its name on
-- a push purpose created since says that source. Null on rows from before: only the preference page left then.
ALTER TABLE contact ADD COLUMN left_everything_source VARCHAR(20);
