-- Post keeps an erased person's ERASED mark under their email address and number too (2026-12-06). People erased
-- before are given it at start-up, in Java (PrivacyService#markPostForEarlierErasures: a suppression row's id is a UUID
-- this SQL cannot make on Derby); this row says that work is still to do, so that no later start scans the marks again.
CREATE TABLE post_mark_pending (
    id INT NOT NULL PRIMARY KEY
);

INSERT INTO post_mark_pending (id) VALUES (1);
