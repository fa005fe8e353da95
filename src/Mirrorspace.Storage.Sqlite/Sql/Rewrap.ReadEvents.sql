-- Walks the primary key from the cursor: each batch is one seek and a short range scan. The rewrap
-- source indexes the event log before this phase, so every event is in twin_events.
SELECT twin_id, version, payload, source
FROM twin_events
WHERE tenant_id = $tenant_id AND (twin_id, version) > ($after_id, $after_version)
ORDER BY twin_id, version
LIMIT $limit;
