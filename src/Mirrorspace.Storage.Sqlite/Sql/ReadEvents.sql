-- Walks the primary key, so rows stream in version order without a sort.
SELECT version, timestamp, kind, payload, source
FROM twin_events
WHERE tenant_id = $tenant_id AND twin_id = $twin_id AND version > $after_version
ORDER BY version
LIMIT $limit;
