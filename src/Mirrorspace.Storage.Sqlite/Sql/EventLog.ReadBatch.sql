-- The oldest log rows, as they lie (rowid order, no sort), for LogGrouping to group into chunks.
SELECT tenant_id, twin_id, version, timestamp, kind, payload, source, seq
FROM twin_event_log
WHERE seq <= $up_to
ORDER BY seq;
