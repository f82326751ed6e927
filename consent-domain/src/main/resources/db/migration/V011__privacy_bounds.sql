-- Idempotency keys are reserved before the request runs (status 0 while it runs), and the answer kept names the
-- contact it is about, so that erasing or purging the person deletes it with the rest of their data.
ALTER TABLE idempotency_key ADD COLUMN contact_id CHAR(36);

CREATE INDEX ix_idempotency_contact ON idempotency_key (contact_id);

-- The "email me my link" counters, shared by every server of a cluster: one row per (budget, window start), the
-- address or client known only by a hash. Rows of ended windows are deleted as new ones are counted.
CREATE TABLE link_request_count (
    bucket CHAR(64) NOT NULL,
    window_start TIMESTAMP NOT NULL,
    requests INTEGER NOT NULL,
    PRIMARY KEY (bucket, window_start)
);

CREATE INDEX ix_link_request_window ON link_request_count (window_start);

-- Delivered mail is deleted after a configurable time: its index on the delivery time.
CREATE INDEX ix_mail_outbox_sent ON mail_outbox (sent_at);
