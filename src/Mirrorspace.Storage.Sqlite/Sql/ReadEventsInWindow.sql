-- The planner would walk the whole history by version; a time window is usually far narrower,
-- so seek by time and sort the (few) matches. The twin's rows still in the log are added by seq,
-- as in ReadEvents.sql.
SELECT version, timestamp, kind, payload, source
FROM twin_events INDEXED BY twin_events_by_time
WHERE tenant_id = $tenant_id
  AND twin_id = $twin_id
  AND timestamp >= $from
  AND timestamp <= $to
  AND version > $after_version
UNION ALL
SELECT version, timestamp, kind, payload, source
FROM twin_event_log
WHERE seq IN (SELECT value FROM json_each($tail))
  AND tenant_id = $tenant_id
  AND twin_id = $twin_id
  AND timestamp >= $from
  AND timestamp <= $to
  AND version > $after_version
ORDER BY version
LIMIT $limit;
