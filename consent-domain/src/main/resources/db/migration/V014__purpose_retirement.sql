-- A purpose can be retired: no longer offered on the preference page nor sent; its consents, notices and opt-outs stay
-- as proof. NULL while the purpose is in use.
ALTER TABLE purpose ADD COLUMN retired_at TIMESTAMP;
