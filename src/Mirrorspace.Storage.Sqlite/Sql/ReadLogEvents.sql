-- The twin's rows still in the log, looked up by the seqs the store lists for it ($tail, a JSON
-- array) instead of scanning the log.
SELECT version, timestamp, kind, payload, source
FROM twin_event_log
WHERE seq IN (SELECT value FROM json_each($tail))
  AND tenant_id = $tenant_id
  AND twin_id = $twin_id
  AND version > $after_version
  AND timestamp >= $from
  AND timestamp <= $to
ORDER BY version
LIMIT $limit;
