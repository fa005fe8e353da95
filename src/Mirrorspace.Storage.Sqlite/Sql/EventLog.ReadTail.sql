-- What the store keeps in memory about the unindexed tail, rebuilt whenever the write connection
-- opens: which twin and version each log row holds.
SELECT seq, tenant_id, twin_id, version
FROM twin_event_log
ORDER BY seq;
