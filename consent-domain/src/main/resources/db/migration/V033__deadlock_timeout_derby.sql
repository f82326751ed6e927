-- Derby looks for a deadlock only once a lock has been waited for derby.locks.deadlockTimeout seconds (20 by
-- default): an API request caught in one with an import chunk (each holding what the other waits for: a new contact's
-- key, the decision change counter) waited 20 s before one was rolled back and answered 503. Two seconds is ample for
-- any lock a short transaction holds; a lock held longer still ends at derby.locks.waitTimeout (60 s). A database
-- property: it holds for every server start, `java -jar` too (which reads no jvm.options), and at once.
CALL SYSCS_UTIL.SYSCS_SET_DATABASE_PROPERTY('derby.locks.deadlockTimeout', '2');
