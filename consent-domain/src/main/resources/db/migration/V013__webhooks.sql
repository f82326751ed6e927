-- Outgoing webhooks: the subscriptions, the transactional outbox of their messages (one row per event and
-- subscription, written in the transaction of the change) and every delivery attempt, kept for operators.

CREATE TABLE webhook_subscription (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    url VARCHAR(2000) NOT NULL,
    events VARCHAR(500) NOT NULL,
    include_identifiers BOOLEAN NOT NULL,
    secret VARCHAR(100) NOT NULL,
    previous_secret VARCHAR(100),
    previous_secret_until TIMESTAMP,
    created_at TIMESTAMP NOT NULL,
    disabled_at TIMESTAMP,
    disabled_reason VARCHAR(1000)
);

-- seq is the audit entry's sequence number: the audit chain is locked until commit, so seq order is commit order,
-- which is what "in order per contact" needs.
CREATE TABLE webhook_message (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    subscription_id VARCHAR(36) NOT NULL,
    event_id VARCHAR(36) NOT NULL,
    event_type VARCHAR(40) NOT NULL,
    seq BIGINT NOT NULL,
    order_key VARCHAR(80) NOT NULL,
    contact_id VARCHAR(36),
    has_identifiers BOOLEAN NOT NULL,
    payload VARCHAR(4000) NOT NULL,
    status VARCHAR(12) NOT NULL,
    attempts INTEGER NOT NULL,
    next_attempt_at TIMESTAMP,
    last_status INTEGER,
    last_error VARCHAR(1000),
    last_duration_ms BIGINT,
    created_at TIMESTAMP NOT NULL,
    delivered_at TIMESTAMP
);

CREATE INDEX ix_webhook_message_due ON webhook_message (status, next_attempt_at);

CREATE INDEX ix_webhook_message_order ON webhook_message (subscription_id, order_key, seq);

CREATE INDEX ix_webhook_message_contact ON webhook_message (contact_id);

CREATE TABLE webhook_attempt (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    message_id VARCHAR(36) NOT NULL,
    attempted_at TIMESTAMP NOT NULL,
    status_code INTEGER,
    duration_ms BIGINT NOT NULL,
    error VARCHAR(1000)
);

CREATE INDEX ix_webhook_attempt_message ON webhook_attempt (message_id, attempted_at);
