SELECT tenant_id, twin_id, model_id, model_version, version, deleted, snapshot, updated_at
FROM twins
WHERE tenant_id = $tenant_id AND twin_id = $twin_id;
