-- One seek to the end of the twin's range of the chunk index; no row when the twin has none.
SELECT last_version
FROM twin_event_chunks
WHERE tenant_id = $tenant_id AND twin_id = $twin_id
ORDER BY last_version DESC
LIMIT 1;
