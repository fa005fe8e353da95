-- Walks the primary key from the cursor: each batch is one seek and a short range scan.
SELECT twin_id, version, payload, source
FROM twin_events
WHERE tenant_id = $tenant_id AND (twin_id, version) > ($after_id, $after_version)
ORDER BY twin_id, version
LIMIT $limit;
