-- Retention: contacts listed for a re-permission campaign before they reach the purge.

CREATE TABLE reactivation_candidate (
    contact_id CHAR(36) NOT NULL PRIMARY KEY,
    last_active_at TIMESTAMP NOT NULL,
    purge_after TIMESTAMP NOT NULL,
    flagged_at TIMESTAMP NOT NULL,
    CONSTRAINT fk_reactivation_contact FOREIGN KEY (contact_id) REFERENCES contact (id) ON DELETE CASCADE
);

CREATE INDEX ix_contact_created ON contact (created_at);

CREATE INDEX ix_consent_state_pending ON consent_state (state, since);
