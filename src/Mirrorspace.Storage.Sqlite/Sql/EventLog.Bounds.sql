-- Two subqueries, not min() and max() in one: each alone is a single seek on the rowid.
SELECT (SELECT min(seq) FROM twin_event_log), (SELECT max(seq) FROM twin_event_log);
