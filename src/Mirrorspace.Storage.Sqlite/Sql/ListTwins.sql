SELECT tenant_id, twin_id, model_id, model_version, version, deleted, snapshot, updated_at
FROM twins
WHERE tenant_id = $tenant_id AND twin_id > $after AND deleted = 0
ORDER BY twin_id
LIMIT $limit;
