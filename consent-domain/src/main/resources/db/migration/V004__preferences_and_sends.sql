-- Preferences (frequency caps, preferred channels, pause) and the sends reported by the sending platforms, which
-- the frequency caps count.

CREATE TABLE contact_preferences (
    contact_id CHAR(36) NOT NULL PRIMARY KEY,
    frequency VARCHAR(4000) NOT NULL,
    channels VARCHAR(100) NOT NULL,
    paused_until TIMESTAMP,
    updated_at TIMESTAMP NOT NULL,
    CONSTRAINT fk_preferences_contact FOREIGN KEY (contact_id) REFERENCES contact (id) ON DELETE CASCADE
);

CREATE TABLE send_log (
    id CHAR(36) NOT NULL PRIMARY KEY,
    contact_id CHAR(36) NOT NULL,
    purpose_key VARCHAR(64) NOT NULL,
    channel VARCHAR(10) NOT NULL,
    sent_at TIMESTAMP NOT NULL,
    CONSTRAINT fk_send_contact FOREIGN KEY (contact_id) REFERENCES contact (id) ON DELETE CASCADE
);

CREATE INDEX ix_send_log_contact ON send_log (contact_id, purpose_key, sent_at);

CREATE INDEX ix_consent_state_contact ON consent_state (contact_id);
