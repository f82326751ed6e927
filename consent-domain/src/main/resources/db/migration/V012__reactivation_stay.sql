-- "Keep me": the person's answer to a re-permission message, with the proof of the page they used. Deleted with the
-- contact (erasure, purge); the count of people who stayed lives in the audit log (CONTACT_STAYED), which holds no
-- personal data.

CREATE TABLE reactivation_stay (
    id CHAR(36) NOT NULL PRIMARY KEY,
    contact_id CHAR(36) NOT NULL,
    stayed_at TIMESTAMP NOT NULL,
    ip VARCHAR(45),
    user_agent VARCHAR(1000),
    CONSTRAINT fk_stay_contact FOREIGN KEY (contact_id) REFERENCES contact (id) ON DELETE CASCADE
);

CREATE INDEX ix_stay_contact ON reactivation_stay (contact_id, stayed_at);
