-- Which kind of identifier a row of email_release is about: phone numbers are kept there too since 2026-12-05 (an
-- erasure finds by them what is kept about the numbers a person gave up), and an unsubscribe link used after the
-- contact's address changed reaches the address its message went to, of the link's own kind. Null: an email (the
-- only kind kept before).
ALTER TABLE email_release ADD COLUMN identifier_kind VARCHAR(10);
