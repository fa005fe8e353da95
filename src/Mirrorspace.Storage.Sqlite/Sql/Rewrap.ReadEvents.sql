-- Walks the chunk index from the cursor, a chunk at a time: each batch is one seek and a short range
-- scan. The rewrap source indexes the event log before this phase, so every event is in a chunk.
SELECT twin_id, last_version, events
FROM twin_event_chunks
WHERE tenant_id = $tenant_id AND (twin_id, last_version) > ($after_id, $after_version)
ORDER BY twin_id, last_version
LIMIT $limit;
