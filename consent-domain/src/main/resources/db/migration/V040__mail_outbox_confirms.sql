-- The grant a queued double opt-in request asks to confirm: the relay asks again, before each attempt, whether that
-- request still waits, and drops a mail that became moot while queued (the person unsubscribed, gave up the address,
-- the request expired or its purpose was retired; tester AQ's F2, until 2026-12-07 it still went out, for hours).
ALTER TABLE mail_outbox ADD COLUMN confirms_event VARCHAR(36);
