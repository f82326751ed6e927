-- A person's opt-outs looked up by contact: a decision for a contact with no identifier on the channel reads the
-- unsubscribes from everything it made there (its suppressions stay under the address it had), and a new identifier
-- reads them to carry them over. Both scanned the whole table.
CREATE INDEX ix_opt_out_contact ON opt_out (contact_id, purpose_key);
