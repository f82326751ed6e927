-- When an entry was first said, kept when a repeat dates it anew (created_at moves to the repeat, so that it orders
-- after a consent given in between): what tells whose word it is, the contact who held the identifier then, whom it
-- follows to a new address. Until 2026-12-07 one date did both, and a stop repeated after the CRM took the address
-- from the person did not follow them (tester BB's F4). Null: never dated anew (created_at is the first moment).
ALTER TABLE suppression ADD COLUMN first_said_at TIMESTAMP;
