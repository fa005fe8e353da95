SELECT tenant_id, source_id, name, target_id, created_at
FROM relationships
WHERE tenant_id = $tenant_id AND source_id = $source_id
ORDER BY name, target_id;
