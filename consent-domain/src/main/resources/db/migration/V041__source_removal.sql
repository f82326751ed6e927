-- The entries a list's resync removed, with the moment each held from, kept for a while (tester AW's F9): an undated
-- line (Brevo's blocklist, a bare Mailchimp column, a generic line without date) that leaves one night's file and comes
-- back says nothing new, and holds from the date its entry had, not from the resync that sees it again.
CREATE TABLE source_removal (
    source VARCHAR(64) NOT NULL,
    identifier_hash CHAR(64) NOT NULL,
    channel VARCHAR(10) NOT NULL,
    reason VARCHAR(20) NOT NULL,
    created_at TIMESTAMP NOT NULL,
    removed_at TIMESTAMP NOT NULL
);

CREATE INDEX ix_source_removal ON source_removal (source, identifier_hash);
