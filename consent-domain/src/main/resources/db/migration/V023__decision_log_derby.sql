-- Derby's half of V023: the probe of every server reads the change log through the view decision_log (seq and the
-- three tokens), so that PostgreSQL can keep a transaction's seq once instead of on each of its log rows (V023's
-- PostgreSQL half). On Derby each log row carries its seq from the change on (V015): the view is the table.
CREATE VIEW decision_log (seq, t1, t2, t3) AS SELECT seq, t1, t2, t3 FROM decision_change;
