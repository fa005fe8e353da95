-- The indexed history by primary key, plus the twin's rows still in the log, looked up by the seqs
-- the store lists for it ($tail, a JSON array) instead of scanning the log. The indexer moves a row
-- from the log to twin_events in one transaction, so in this statement's snapshot every row is in
-- exactly one of the two: none is read twice or missed.
SELECT version, timestamp, kind, payload, source
FROM twin_events
WHERE tenant_id = $tenant_id AND twin_id = $twin_id AND version > $after_version
UNION ALL
SELECT version, timestamp, kind, payload, source
FROM twin_event_log
WHERE seq IN (SELECT value FROM json_each($tail))
  AND tenant_id = $tenant_id
  AND twin_id = $twin_id
  AND version > $after_version
ORDER BY version
LIMIT $limit;
