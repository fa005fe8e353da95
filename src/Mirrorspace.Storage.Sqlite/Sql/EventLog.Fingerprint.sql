-- What a prepared move checks before it stores what it grouped: the log still holds as many rows up
-- to $up_to, and the first and the last of them are still the same events. Rows are only appended
-- and deleted, so a deletion shows in the count; a seq reused after the log ran empty holds a later
-- event (a twin's version is appended once, and a time is not repeated), so reuse shows in the ends.
SELECT (SELECT count(*) FROM twin_event_log WHERE seq <= $up_to),
       f.tenant_id, f.twin_id, f.version, f.timestamp,
       l.tenant_id, l.twin_id, l.version, l.timestamp
FROM (SELECT 1)
LEFT JOIN twin_event_log AS f ON f.seq = $first_seq
LEFT JOIN twin_event_log AS l ON l.seq = $last_seq;
