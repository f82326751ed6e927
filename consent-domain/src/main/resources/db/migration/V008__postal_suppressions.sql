-- A postal address can be suppressed too (its keyed hash, like an email or a phone): the kind needs room for POSTAL.
-- Widening a VARCHAR keeps every row; both Derby and PostgreSQL accept this form.

ALTER TABLE suppression ALTER COLUMN identifier_kind SET DATA TYPE VARCHAR(10);
