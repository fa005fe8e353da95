-- The twin's chunks that can hold a version after $after_version in the time window, in version
-- order. The index carries every bound the filter needs, so only matching chunks are read.
SELECT events
FROM twin_event_chunks INDEXED BY twin_event_chunks_by_version
WHERE tenant_id = $tenant_id
  AND twin_id = $twin_id
  AND last_version > $after_version
  AND max_timestamp >= $from
  AND min_timestamp <= $to
ORDER BY last_version;
