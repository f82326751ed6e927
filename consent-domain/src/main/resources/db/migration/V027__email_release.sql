-- Which contact held an email address, from when until when (its keyed hash, as suppressions keep it): a mail
-- provider reports an unsubscribe or a complaint when it gets it, sometimes after the person's address changed, and
-- their word still reaches them at the address they have now. A row opens when a contact is given an address after its
-- creation (released_at null while it holds it) and closes when it gives the address up; an address held since the
-- creation gets its row, from the creation, when given up. Erasure and the purge delete a contact's rows.
CREATE TABLE email_release (
    id CHAR(36) NOT NULL PRIMARY KEY,
    identifier_hash CHAR(64) NOT NULL,
    contact_id CHAR(36) NOT NULL,
    held_since TIMESTAMP NOT NULL,
    released_at TIMESTAMP
);

CREATE INDEX ix_email_release_hash ON email_release (identifier_hash);
CREATE INDEX ix_email_release_contact ON email_release (contact_id);
