-- Webhook secrets are stored sealed (AES-GCM under consent.webhooks.secret-keys): the sealed form is longer than the
-- clear one. Rows written in clear are sealed by the server at its next start (it holds the key, SQL does not).
ALTER TABLE webhook_subscription ALTER COLUMN secret SET DATA TYPE VARCHAR(200);
ALTER TABLE webhook_subscription ALTER COLUMN previous_secret SET DATA TYPE VARCHAR(200);
