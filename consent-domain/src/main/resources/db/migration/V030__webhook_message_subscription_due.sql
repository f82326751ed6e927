-- The relay's poll asks each active subscription whether it has a message due, one probe of this index each: it read
-- every pending message due in the outbox before (ix_webhook_message_due), those of disabled subscriptions too, which
-- cost it 1.85 s of CPU per poll once a backlog of 150,000 waited for a receiver that was down.
CREATE INDEX ix_webhook_message_subscription_due ON webhook_message (subscription_id, status, next_attempt_at);
