-- The oldest log rows as chunks: per twin, one group per $chunk_versions consecutive versions, with
-- the bounds, counts and JSON array (EventLogIndexing decides whether a group can go in as it is).
SELECT tenant_id, twin_id, min(version), max(version), min(timestamp), max(timestamp), count(*), count(DISTINCT version),
       json_group_array(json_array(version, timestamp, kind, payload, source))
FROM twin_event_log
WHERE seq <= $up_to
GROUP BY tenant_id, twin_id, version / $chunk_versions
ORDER BY tenant_id, twin_id, version / $chunk_versions;
