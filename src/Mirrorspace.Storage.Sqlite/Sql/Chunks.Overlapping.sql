-- A twin's chunks holding any version from $first_version to $last_version.
SELECT chunk_id, events
FROM twin_event_chunks
WHERE tenant_id = $tenant_id AND twin_id = $twin_id AND last_version >= $first_version AND first_version <= $last_version
ORDER BY last_version;
