-- The email addresses and phone numbers of erased people whose opt-out had not reached every provider's list yet
-- (testers BE's F8, BI's F2): kept for consent.erasure.outbound-hold-days, only for the outbound files, then deleted.
CREATE TABLE outbound_hold (
    identifier_hash CHAR(64) NOT NULL,
    identifier VARCHAR(320) NOT NULL,
    held_until TIMESTAMP NOT NULL,
    CONSTRAINT pk_outbound_hold PRIMARY KEY (identifier_hash)
);

CREATE INDEX ix_outbound_hold_until ON outbound_hold (held_until);
