-- What of the person named them when they wrote their unsubscribe comment (their name, CRM id, address: a JSON array
-- of strings), kept with the comment so that a value they no longer hold is still withheld from the comments' list and
-- cut at their erasure (until 2026-12-06 only the values held at the moment of reading or erasing were). Emptied at
-- the erasure, with the contact id.
ALTER TABLE opt_out ADD COLUMN comment_terms VARCHAR(16000);
