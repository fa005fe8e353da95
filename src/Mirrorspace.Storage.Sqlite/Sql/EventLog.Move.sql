-- Moves the oldest log rows into the clustered history in one transaction. Sorted by key, the
-- insert walks twin_events once, touching each twin's last page once however many of its rows the
-- batch holds. A (tenant, twin, version) already taken fails the insert: the caller then moves the
-- batch with EventLog.MoveKeepingConflicts.sql instead.
INSERT INTO twin_events (tenant_id, twin_id, version, timestamp, kind, payload, source)
SELECT tenant_id, twin_id, version, timestamp, kind, payload, source
FROM twin_event_log
WHERE seq <= $up_to
ORDER BY tenant_id, twin_id, version;

DELETE FROM twin_event_log WHERE seq <= $up_to;
