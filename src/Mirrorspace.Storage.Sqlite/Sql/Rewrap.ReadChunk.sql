-- The chunk that can hold a version: chunks do not overlap, so the first ending at or after it
-- (the caller checks that it starts at or before it).
SELECT chunk_id, first_version, last_version, events
FROM twin_event_chunks
WHERE tenant_id = $tenant_id AND twin_id = $row_id AND last_version >= $row_version
ORDER BY last_version
LIMIT 1;
